"""The story's episode about the union's budget (issue 26, P3, P4, P12): the budget of the
fiscal year 1923/24 proposed under a motion with each republic's share shown before the vote,
adopted by the budget's rule after its notice, the contributions called, and an equalisation
transfer to Armenia; spending beyond a line is refused. The figures are illustrative."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import DraftMotion, actors, queries

YEAR, MOTION, COUNCIL = 1923, "budget-1923", "union-council"
DRAFTED = date(1923, 8, 6)  # a Monday
SESSION, VOTED = "uc-1923-09-10", date(1923, 9, 10)
CALLED, DUE = date(1923, 10, 1), date(1923, 12, 31)
TRANSFERRED = date(1923, 11, 5)
LINES = {"administration": "1200000.00", "diplomacy": "800000.00", "equalisation": "150000.00"}


def budget_proposed(story: Story) -> Iterator[Step]:
    """The budget proposed under its motion, each republic's share shown before the vote."""
    story.do(
        DraftMotion,
        actors.SECRETARIAT,
        DRAFTED,
        motion=MOTION,
        organ=COUNCIL,
        title="The union's budget for 1923/24",
        text="Administration, diplomacy and equalisation, as proposed.",
        field="finance",
        kind="decision",
        force="mandatory",
    )
    story.do("ProposeBudget", actors.SECRETARIAT, DRAFTED, year=YEAR, motion=MOTION, lines=LINES)
    story.do("CirculateDraft", actors.SECRETARIAT, DRAFTED, motion=MOTION)
    view = queries.budget.budget(story.federation, YEAR)
    assert view is not None
    yield Step(
        f"The budget of {YEAR}/24 proposed: {view.total:,} {view.currency}, each share shown",
        [f"{s.member}: {s.share:,}" for s in view.shares],
        on=DRAFTED,
    )


def budget_adopted(story: Story) -> Iterator[Step]:
    """Voted after its notice by the budget's rule, adopted; contributions called; an
    equalisation transfer to Armenia; spending beyond a line refused (P4, P12)."""
    view = queries.budget.budget(story.federation, YEAR)
    assert view is not None
    story.convene(SESSION, COUNCIL, VOTED)
    story.do(
        "TableMotion", story.chair(COUNCIL, "table", VOTED), VOTED, motion=MOTION, session=SESSION
    )
    for member in MEMBERS:
        story.do(
            "CastVote",
            actors.person(f"{member}-{COUNCIL}"),
            VOTED,
            motion=MOTION,
            member=member,
            vote="yes",
        )
    story.do("CountVotes", story.chair(COUNCIL, "count", VOTED), VOTED, motion=MOTION)
    story.do("AdoptBudget", actors.SECRETARIAT, VOTED, year=YEAR)
    story.do("CallContributions", actors.SECRETARIAT, CALLED, year=YEAR, due_on=DUE)
    armenia = next(s for s in view.shares if s.member == "armenia")
    story.do(
        "MakeEqualisationTransfer",
        actors.SECRETARIAT,
        TRANSFERRED,
        year=YEAR,
        member="armenia",
        amount=str(armenia.equalisation),
        reference="eq-1923-armenia",
    )
    refused = story.refused(
        "SpendUnderLine",
        actors.SECRETARIAT,
        TRANSFERRED,
        year=YEAR,
        line="diplomacy",
        amount="800000.01",
        payee="the embassies",
        reference="dip-1923-1",
    )
    after = queries.budget.budget(story.federation, YEAR)
    assert after is not None
    yield Step(
        "Adopted by the budget's rule after 30 days' notice; contributions called (P4, P12)",
        [
            f"adopted on {after.adopted_on}; contributions called, due {after.due_on}",
            "charged: " + ", ".join(f"{s.member} {s.charged:,}" for s in after.shares),
            *(
                f"equalisation to {s.member}, below the charter's income per head (P12): "
                f"{s.transferred:,} of its {s.equalisation:,}"
                for s in after.shares
                if s.transferred
            ),
            "`isonomia accounts export --beancount FILE` writes the accounts for Beancount",
            "spending beyond the diplomacy line:",
        ],
        refused=refused,
        on=TRANSFERRED,
    )
