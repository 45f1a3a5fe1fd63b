"""The story's episodes about fields and departments: a joint department made by
agreement of every member council and made operational (P7), the members' own field of
culture that no union organ may bind (P11), and a consultative conference whose
resolution stays advisory (P9)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import (
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    ConsentToDepartment,
    DraftMotion,
    ProposeDepartment,
    PublishAct,
    actors,
)

CULTURE_DAY = date(1923, 3, 5)


def joint_department(story: Story) -> Iterator[Step]:
    """A joint department by agreement of every member council (P7)."""
    day = date(1923, 2, 1)
    story.do(
        ProposeDepartment,
        actors.organ("union-council"),
        day,
        department="narkomput",
        name="People's Commissariat of Ways of Communication",
        field="railways",
    )
    for member in MEMBERS[:-1]:
        story.do(
            ConsentToDepartment,
            actors.council(member),
            day,
            department="narkomput",
            member=member,
        )
    pending = story.department_lines(day)
    story.do(
        ConsentToDepartment,
        actors.council(MEMBERS[-1]),
        day,
        department="narkomput",
        member=MEMBERS[-1],
    )
    yield Step(
        "A joint department needs the consent of every member council (P7)",
        [*pending, "then Azerbaijan's council consents:", *story.department_lines(day)],
    )


def operational_department(story: Story) -> Iterator[Step]:
    """The department is made operational: a representative with staff in every member (P7)."""
    staffed = date(1923, 3, 1)
    for member in MEMBERS:
        story.do(
            AppointRepresentative,
            actors.organ("narkomput"),
            staffed,
            department="narkomput",
            member=member,
            person=f"narkomput-rep-{member}",
        )
    partly = story.department_lines(staffed)
    for member in MEMBERS:
        story.do(
            AssignStaff,
            actors.organ("narkomput"),
            staffed,
            department="narkomput",
            member=member,
            person=f"narkomput-clerk-{member}",
        )
    yield Step(
        "Operational once represented with staff in every member (P7)",
        [*partly, "then staff in every member:", *story.department_lines(staffed)],
    )


def culture_stays_with_members(story: Story) -> Iterator[Step]:
    """The union council may not legislate bindingly in the members' own field (P11)."""
    story.convene("uc-1923-03-05", "union-council", CULTURE_DAY)
    binding = story.refused(
        DraftMotion,
        actors.SECRETARIAT,
        CULTURE_DAY,
        motion="uc-schools",
        organ="union-council",
        title="One language of schooling in every republic",
        text="Schools in every republic teach in one language of the union.",
        field="culture",
        kind="decision",
        force="mandatory",
    )
    yield Step("The union council tries to legislate bindingly on culture (P11)", refused=binding)


def conference_stays_advisory(story: Story) -> Iterator[Step]:
    """A consultative conference advises; its resolution cannot be made binding (P9)."""
    story.convene("conf-1923-03-06", "joint-conference", CULTURE_DAY, held_on=date(1923, 3, 6))
    reason = story.vote(
        "conf-theatres",
        "joint-conference",
        "conf-1923-03-06",
        date(1923, 3, 6),
        title="Exchange of national theatres",
        text="The republics are advised to exchange their national theatres' tours.",
        field="culture",
        kind="resolution",
        force="advisory",
    )
    story.do(PublishAct, actors.SECRETARIAT, date(1923, 3, 6), act="conf-theatres")
    bind = story.refused(
        BindResolution,
        actors.organ("union-council"),
        date(1923, 3, 6),
        act="conf-theatres",
        force="mandatory",
    )
    yield Step(
        "A conference resolution stays advisory: binding it is refused (P9)",
        [f"conf-theatres (advisory): {reason}"],
        refused=bind,
    )
