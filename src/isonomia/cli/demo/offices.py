"""The story's episodes about offices (P15): one person is named to several organs up
to the charter's limit, the next appointment is refused, and the report of concentration
flags that person."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import Step, Story
from isonomia.service import AppointDelegate, actors, queries

DAY = date(1925, 7, 1)
PERSON = "person-1"
#: The organs the person is named to, up to the 1922 charter's limit of three offices.
ORGANS = ("presidium", "sovnarkom", "joint-conference")


def _appoint(organ: str) -> dict[str, object]:
    return {"organ": organ, "member": "rsfsr", "person": PERSON, "term_from": DAY}


def up_to_the_limit(story: Story) -> Iterator[Step]:
    """One member's council names one person to three organs; the fourth is refused (P15)."""
    council = actors.council("rsfsr")
    for organ in ORGANS:
        story.do(AppointDelegate, council, DAY, **_appoint(organ))
    limit = queries.charter(story.federation).offices.max_per_person
    refused = story.refused(AppointDelegate, council, DAY, **_appoint("sto"))
    yield Step(
        "One person may hold only so many offices at once (P15)",
        [
            f"rsfsr's council names {PERSON} to {', '.join(ORGANS)}: "
            f"{len(ORGANS)} offices, the charter's limit of {limit}",
            f"naming {PERSON} to sto as well:",
        ],
        refused=refused,
    )


def concentration_report(story: Story) -> Iterator[Step]:
    """The report of concentration flags whoever is at or one below the limit (P15)."""
    rows = [r for r in queries.offices_report(story.federation, DAY) if r.flag]
    lines = [
        f"{r.person}: {r.count} of {r.limit} offices ({'; '.join(r.offices)}); "
        f"{r.signed} of {r.of_signed} commands signed ({r.share:.1%}): {r.flag}"
        for r in rows
    ]
    yield Step(
        f"The report of concentration on {DAY} (`isonomia offices report`)",
        lines or ["no one is at or near the limit"],
    )
