"""The story's episodes about amending the charter inside the record (P10, P12, P13): an
amendment of a voting rule circulated with the power audit before and after it, one that
would let the RSFSR decide alone drafted but refused at its count, and the adopted one taking
effect on its recorded day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import DraftMotion, actors, queries
from isonomia.service.audit import audit_amendment

DRAFTED = date(1923, 1, 22)
SESSION, VOTED = "uc-1923-03-12", date(1923, 3, 12)
IN_EFFECT = date(1923, 4, 2)
QUALIFIED = "uc-qualified-majority"
BY_POPULATION = "uc-by-population"
COUNCIL = "union-council"
#: Each amendment: its title, text, and the charter settings it changes.
AMENDMENTS = {
    QUALIFIED: (
        "A qualified double majority",
        "An ordinary decision needs two thirds of the republics, holding 60% of the population.",
        {"decision_rules": [{"id": "ordinary", "members_share": 0.67}]},
    ),
    BY_POPULATION: (
        "Votes weighted by population",
        "An ordinary decision is taken by a majority of the population.",
        {
            "decision_rules": [
                {"id": "ordinary", "remove": True},
                {"id": "ordinary-population", "kind": "simple-majority", "weights": "population"},
            ],
        },
    ),
}


def _power(story: Story, motion: str, member: str) -> str:
    before, after = audit_amendment(story.federation, motion, DRAFTED)
    shares = []
    for audit in (before, after):
        rule = next((r for r in audit.rules if r.rule.startswith("ordinary")), audit.rules[0])
        share = next(m.banzhaf for m in rule.members if m.id == member)
        shares.append(f"{share:.0%}")
    return f"{member}'s power under the ordinary rule: {shares[0]} before, {shares[1]} after"


def amendments_circulated(story: Story) -> Iterator[Step]:
    """Two amendments of the ordinary voting rule are drafted and sent to every council with
    the power audit of the charter before and after each (P10, P13)."""
    lines = []
    for motion, (title, text, changes) in AMENDMENTS.items():
        story.do(
            DraftMotion,
            actors.SECRETARIAT,
            DRAFTED,
            motion=motion,
            organ=COUNCIL,
            title=title,
            text=text,
            field="charter",
            kind="charter-amendment",
            force="mandatory",
            charter_changes=changes,
            effective_on=IN_EFFECT,
        )
        story.do("CirculateDraft", actors.SECRETARIAT, DRAFTED, motion=motion)
        lines.append(f"{motion}: {title.lower()}; {_power(story, motion, 'rsfsr')}")
    lines.append(f"`isonomia audit --amendment {QUALIFIED}` shows every member and rule")
    yield Step("Two amendments of the voting rule, circulated with their power audit", lines)


def amendment_adopted(story: Story) -> Iterator[Step]:
    """After the charter's 30 days, the council votes both unanimously: the amendment that
    would let one republic decide alone is refused at its count (P12); the other is adopted
    and takes effect on its recorded day (P10)."""
    story.convene(SESSION, COUNCIL, VOTED)
    chair = story.chair(COUNCIL, "table", VOTED)
    for motion in AMENDMENTS:
        story.do("TableMotion", chair, VOTED, motion=motion, session=SESSION)
        for member in MEMBERS:
            story.do(
                "CastVote",
                actors.person(f"{member}-{COUNCIL}"),
                VOTED,
                motion=motion,
                member=member,
                vote="yes",
            )
    counter = story.chair(COUNCIL, "count", VOTED)
    refused = story.refused("CountVotes", counter, VOTED, motion=BY_POPULATION)
    story.do("CountVotes", counter, VOTED, motion=QUALIFIED)
    reason = queries.act_history(story.federation, QUALIFIED)[-1][1]
    story.do("Settle", actors.SECRETARIAT, IN_EFFECT)
    rule = next(r for r in queries.charter(story.federation).decision_rules if r.id == "ordinary")
    yield Step(
        "The council votes on both amendments (P10, P12)",
        [
            f"{QUALIFIED}: {reason}",
            f"from {IN_EFFECT} the ordinary rule needs {rule.members_share:.0%} of the republics",
        ],
        refused=refused,
    )
