"""The story's delegations of several (issue 24, P4, P12): the joint conference seats each
republic by the census, and Ukraine's delegation of three splits its vote, one delegate
casting a colleague's seat by proxy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import Step, Story
from isonomia.service import actors, queries

ORGAN = "joint-conference"
DAY = date(1926, 1, 12)
UKRAINIANS = ("ukraine-conf-2", "ukraine-conf-3")


def seats(story: Story) -> Iterator[Step]:
    """The conference's seats by the census; Ukraine fills its seats, and no more."""
    how, rows = queries.seats.organ_seats(story.federation, ORGAN, DAY)
    for person in UKRAINIANS:
        story.do(
            "AppointDelegate",
            actors.council("ukraine"),
            DAY,
            organ=ORGAN,
            member="ukraine",
            person=person,
            term_from=DAY,
        )
    fifth = story.refused(
        "AppointDelegate",
        actors.council("ukraine"),
        DAY,
        organ=ORGAN,
        member="ukraine",
        person="ukraine-conf-4",
        term_from=DAY,
    )
    yield Step(
        "Seats in the joint conference by the census (P4, P12)",
        [f"{how}"]
        + [
            f"{r.member}: {r.seats} seats ({r.population:,} people, census of {r.population_year})"
            for r in rows
        ],
        refused=fifth,
    )


def proxies(story: Story) -> Iterator[Step]:
    """A proxy within Ukraine's delegation; one to another member's delegate refused (P4)."""
    story.do(
        "GiveProxy",
        actors.person("ukraine-conf-3"),
        DAY,
        organ=ORGAN,
        member="ukraine",
        to="ukraine-conf-2",
    )
    across = story.refused(
        "GiveProxy",
        actors.person("ukraine-conf-2"),
        DAY,
        organ=ORGAN,
        member="ukraine",
        to=f"rsfsr-{ORGAN}",
    )
    yield Step(
        "A proxy within Ukraine's delegation; none across members (P4)",
        ["ukraine-conf-3 gives its proxy to ukraine-conf-2"],
        refused=across,
    )


def split_vote(story: Story) -> Iterator[Step]:
    """Ukraine's delegation splits its seats, one delegate casting a colleague's by proxy;
    the count weighs the seats cast."""
    story.convene("conf-1926-01-12", ORGAN, DAY)
    motion = "conf-schools"
    story.do(
        "DraftMotion",
        actors.SECRETARIAT,
        DAY,
        motion=motion,
        organ=ORGAN,
        title="Exchange of railway engineers",
        text="The republics are advised to exchange engineers of their railways.",
        field="railways",
        kind="resolution",
        force="advisory",
    )
    story.do("CirculateDraft", actors.SECRETARIAT, DAY, motion=motion)
    story.do(
        "TableMotion",
        story.chair(ORGAN, "table", DAY),
        DAY,
        motion=motion,
        session="conf-1926-01-12",
    )
    sitting = next(r.delegates for r in queries.organs(story.federation, DAY) if r.id == ORGAN)
    for line in sitting:
        member, person = (part.strip() for part in line.split(":", 1))
        if member != "ukraine" and "(" not in person:
            story.do(
                "CastVote", actors.person(person), DAY, motion=motion, member=member, vote="yes"
            )
    story.do(
        "CastVote",
        actors.person(f"ukraine-{ORGAN}"),
        DAY,
        motion=motion,
        member="ukraine",
        vote="yes",
    )
    ballots = {
        "ukraine-conf-2": {"split": {"yes": 1, "no": 1, "abstain": 0}},
    }
    for person, vote in ballots.items():
        story.do("CastVote", actors.person(person), DAY, motion=motion, member="ukraine", **vote)
    twice = story.refused(
        "CastVote", actors.person("ukraine-conf-3"), DAY, motion=motion, member="ukraine", vote="no"
    )
    story.do("CountVotes", story.chair(ORGAN, "count", DAY), DAY, motion=motion)
    reason = queries.act_history(story.federation, motion)[-1][1]
    yield Step(
        "Ukraine's delegation splits its three seats (P4, P12)",
        [
            "ukraine-joint-conference: yes (its seat)",
            "ukraine-conf-2: yes=1,no=1 (its seat and ukraine-conf-3's by proxy)",
            f"{motion}: {reason}",
        ],
        refused=twice,
    )


__all__ = ["proxies", "seats", "split_vote"]
