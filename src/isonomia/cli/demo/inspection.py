"""The story's episodes about the inspection (P16, P17): members' councils staff the
inspection, and no official sits in it; Georgia's delegate, struck by an RSFSR official,
complains; the commission is drawn by lot with its recusals shown, and a defender named; the
official's organ tries to transfer the complainant and to close the case, and is refused;
the findings reject "provocation" as a justification; the case is reopened and completed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import AppointDelegate, actors, at_day, provide_key, queries

STAFFED_ON = date(1925, 9, 1)
STRUCK_ON = date(1925, 9, 14)
FINDINGS_ON = date(1925, 10, 12)
REOPENED_ON = date(1925, 11, 2)
OFFICIAL, VICTIM, WITNESS, DEFENDER = "ordzhonikidze", "kabakhidze", "mdivani", "okudzhava"
CASE = "case-1925-1"
#: The members of the example on the day (Uzbekistan joined in May 1925).
SEATED = (*MEMBERS, "uzbekistan")


def _inspectors(member: str) -> list[str]:
    return [f"inspector-{member}-{n}" for n in (1, 2)]


def _key(story: Story, person: str, member: str) -> None:
    """A key for a person who signs in the story (its member's council registers it)."""
    if story.keyring.key_for(actors.person(person)) is None:
        provide_key(
            story.federation, story.keyring, actors.person(person), member, at_day(STAFFED_ON)
        )


def _seat(story: Story, organ: str, member: str, person: str) -> None:
    story.do(
        AppointDelegate,
        actors.council(member),
        STAFFED_ON,
        organ=organ,
        member=member,
        person=person,
        term_from=STAFFED_ON,
    )
    _key(story, person, member)


def staffed(story: Story) -> Iterator[Step]:
    """Each member's council names two persons to the inspection; none holds office (P16)."""
    _seat(story, "sovnarkom", "rsfsr", OFFICIAL)
    _seat(story, "union-council", "georgia", VICTIM)
    _key(story, WITNESS, "georgia")
    _key(story, DEFENDER, "georgia")
    for member in SEATED:
        for person in _inspectors(member):
            _seat(story, "inspection", member, person)
    refused = story.refused(
        AppointDelegate,
        actors.council("rsfsr"),
        STAFFED_ON,
        organ="inspection",
        member="rsfsr",
        person=OFFICIAL,
        term_from=STAFFED_ON,
    )
    yield Step(
        "Members' councils staff the inspection; an official of the Sovnarkom cannot sit in it",
        [f"{len(SEATED) * 2} inspectors, two named by each member's own council"],
        refused=refused,
    )


def complaint(story: Story) -> Iterator[Step]:
    """The complaint, the tie declared, the draw with its recusals, the defender (P17)."""
    tied = "inspector-ukraine-1"
    story.do(
        "DeclareTie",
        actors.person(tied),
        STRUCK_ON,
        person=tied,
        tied_to=OFFICIAL,
        nature="served under him in the Caucasus",
    )
    story.do(
        "FileComplaint",
        actors.person(VICTIM),
        STRUCK_ON,
        case=CASE,
        kind="violence",
        accused=[OFFICIAL],
        witnesses=[WITNESS],
        summary="an official of the Sovnarkom struck Georgia's delegate in a meeting",
    )
    story.do("DrawCommission", actors.INSPECTION, STRUCK_ON, case=CASE)
    story.do(
        "NameDefender",
        actors.person(VICTIM),
        STRUCK_ON,
        case=CASE,
        defender=DEFENDER,
    )
    case = _case(story)
    yield Step(
        f"Georgia's delegate {VICTIM} complains that {OFFICIAL} struck him (P17)",
        [
            f"the inspection draws a commission of {len(case.row.commission or [])} by lot: "
            + ", ".join(case.row.commission or []),
            f"seed {case.seed} (from the record, so anyone replays the draw)",
            *(f"recused: {person} — {reason}" for person, reason in case.recused),
            f"the complainant names {DEFENDER} his defender; the case is seen only by its "
            "commission, its parties, the defender and the inspection",
        ],
    )


def pressure(story: Story) -> Iterator[Step]:
    """The accused's organ tries to move the complainant and to close the case (P16, P17)."""
    sovnarkom = actors.organ("sovnarkom")
    transfer = story.refused(
        "TransferPerson",
        sovnarkom,
        STRUCK_ON,
        organ="sovnarkom",
        person=VICTIM,
        to="a post in Tashkent",
    )
    yield Step(
        f"The Sovnarkom, where {OFFICIAL} sits, tries to transfer the complainant",
        refused=transfer,
    )
    close = story.refused("CloseCase", sovnarkom, STRUCK_ON, case=CASE)
    yield Step("The Sovnarkom orders the case closed", refused=close)


def _case(story: Story) -> queries.inspection.CaseDetail:
    """The case as the inspection reads it: whole (P17)."""
    return queries.inspection.case_detail(story.federation, CASE, actors.INSPECTION)


def _decide(story: Story, day: date, findings_id: str, text: str) -> list[str]:
    commission = _case(story).row.commission or []
    story.do(
        "ProposeFindings",
        actors.person(commission[0]),
        day,
        case=CASE,
        findings=findings_id,
        text=text,
        established=True,
        justifications=["provocation", "jest"],
    )
    story.do(
        "SignFindings",
        actors.person(commission[1]),
        day,
        case=CASE,
        findings=findings_id,
    )
    [(found, _, _, sanction, signatures, final_on, _, text)] = [
        f for f in _case(story).findings if f[0] == findings_id
    ]
    return [
        f"findings {found}: {text}",
        "pleaded: provocation, jest — no justification for violence by an official",
        f"sanction: {sanction}; signed by {signatures} "
        f"(a majority of the commission), final on {final_on}",
    ]


def findings(story: Story) -> Iterator[Step]:
    """The findings, with provocation rejected as a justification (P17)."""
    lines = _decide(
        story, FINDINGS_ON, "f-1", f"{OFFICIAL} struck the delegate; the blow is established"
    )
    yield Step("The commission's findings reject provocation as a justification (P17)", lines)


def reopened(story: Story) -> Iterator[Step]:
    """The complainant reopens the case; a new commission completes it (P17)."""
    story.do(
        "ReopenCase",
        actors.person(VICTIM),
        REOPENED_ON,
        case=CASE,
        reason="the findings leave out the insults to Georgians that came with the blow",
    )
    story.do("DrawCommission", actors.INSPECTION, REOPENED_ON, case=CASE)
    case = _case(story)
    lines = _decide(
        story,
        REOPENED_ON,
        "f-2",
        "completed: the blow and the insults are established; builds on f-1",
    )
    q = queries.inspection
    public = ", ".join(f"{r.id}: {r.status}" for r in q.cases(story.federation, q.PUBLIC))
    yield Step(
        "The complainant reopens the case; a new commission completes the findings",
        [
            f"round {case.row.round}, commission {', '.join(case.row.commission or [])} "
            "(the first commission recused)",
            *lines,
            f"the public sees only: {public}",
        ],
    )
