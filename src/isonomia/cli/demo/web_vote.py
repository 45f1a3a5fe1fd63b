"""The story's last act, for the web pages (P4, P18): a resolution tabled in the union
council with its vote left open, so that whoever signs in as the example's delegate can
vote on `/vote`, see the server's checkpoint cover the vote within the charter's
`checkpoint_within_seconds`, and check its inclusion proof in the browser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from isonomia.cli.demo.support import Step, Story
from isonomia.service import DraftMotion, TableMotion, actors

MOTION = "uc-through-trains"
SESSION = "uc-open-ballot"
#: How long the vote stays open: long enough for anyone who serves the example.
OPEN_DAYS = 365


def _next_monday(story: Story) -> date:
    """The first Monday after the record's last day (the union council meets on Mondays)."""
    federation = story.federation
    length = federation.ledger_length()
    last = next(iter(federation.entries(after=length - 1)))
    day = date.fromisoformat(last.recorded_at[:10]) + timedelta(days=1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def open_ballot(story: Story) -> Iterator[Step]:
    """A resolution tabled with its vote open for a year, for the delegates in the pages."""
    day = _next_monday(story)
    story.do(
        DraftMotion,
        actors.SECRETARIAT,
        day,
        motion=MOTION,
        organ="union-council",
        title="Through trains between the capitals of the republics",
        text="The union council recommends through trains between the republics' capitals.",
        field="railways",
        kind="resolution",
        force="advisory",
    )
    story.convene(SESSION, "union-council", day)
    closes = day + timedelta(days=OPEN_DAYS)
    story.do(
        TableMotion,
        story.chair("union-council", "table", day),
        day,
        motion=MOTION,
        session=SESSION,
        voting_closes_on=closes,
    )
    yield Step(
        f"A resolution tabled in the union council on {day}, its vote open until {closes}",
        [
            f"{MOTION}: the example's delegate votes on it on /vote (`isonomia serve`), and "
            "checks the vote's inclusion proof in the browser once a checkpoint covers it"
        ],
    )
