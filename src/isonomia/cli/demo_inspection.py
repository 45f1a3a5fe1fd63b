"""The worked example's episode about the inspection (P16, P17): members' councils staff the
inspection, and no official sits in it; Georgia's delegate, struck by an RSFSR official,
complains; the commission is drawn by lot with its recusals shown, and a defender named; the
official's organ tries to transfer the complainant and to close the case, and is refused;
the findings reject "provocation" as a justification; the case is reopened and completed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo_steps import MEMBERS, Step, _do, _refused
from isonomia.service import (
    COMMAND_TYPES,
    AppointDelegate,
    Federation,
    Keyring,
    actors,
    at_day,
    provide_key,
    queries,
)

STAFFED_ON = date(1925, 9, 1)
STRUCK_ON = date(1925, 9, 14)
FINDINGS_ON = date(1925, 10, 12)
REOPENED_ON = date(1925, 11, 2)
OFFICIAL, VICTIM, WITNESS, DEFENDER = "ordzhonikidze", "kabakhidze", "mdivani", "okudzhava"
CASE = "case-1925-1"
#: The members of the example on the day (Uzbekistan joined in May 1925).
SEATED = (*MEMBERS, "uzbekistan")


def _cmd(name: str) -> type:
    return COMMAND_TYPES[name]


def _inspectors(member: str) -> list[str]:
    return [f"inspector-{member}-{n}" for n in (1, 2)]


def _key(federation: Federation, person: str, member: str) -> None:
    keyring = federation.signer
    if isinstance(keyring, Keyring) and keyring.key_for(actors.person(person)) is None:
        provide_key(federation, keyring, actors.person(person), member, at_day(STAFFED_ON))


def _seat(federation: Federation, organ: str, member: str, person: str) -> None:
    _do(
        federation,
        AppointDelegate,
        actors.council(member),
        STAFFED_ON,
        organ=organ,
        member=member,
        person=person,
        term_from=STAFFED_ON,
    )
    _key(federation, person, member)


def inspection(federation: Federation) -> Iterator[Step]:
    """The inspection staffed, a complaint investigated, retaliation refused (P16, P17)."""
    yield from staffed(federation)
    yield from complaint(federation)
    yield from pressure(federation)
    yield from findings(federation)
    yield from reopened(federation)


def staffed(federation: Federation) -> Iterator[Step]:
    """Each member's council names two persons to the inspection; none holds office (P16)."""
    _seat(federation, "sovnarkom", "rsfsr", OFFICIAL)
    _seat(federation, "union-council", "georgia", VICTIM)
    _key(federation, WITNESS, "georgia")
    _key(federation, DEFENDER, "georgia")
    for member in SEATED:
        for person in _inspectors(member):
            _seat(federation, "inspection", member, person)
    refused = _refused(
        federation,
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


def complaint(federation: Federation) -> Iterator[Step]:
    """The complaint, the tie declared, the draw with its recusals, the defender (P17)."""
    tied = "inspector-ukraine-1"
    _do(
        federation,
        _cmd("DeclareTie"),
        actors.person(tied),
        STRUCK_ON,
        person=tied,
        tied_to=OFFICIAL,
        nature="served under him in the Caucasus",
    )
    _do(
        federation,
        _cmd("FileComplaint"),
        actors.person(VICTIM),
        STRUCK_ON,
        case=CASE,
        kind="violence",
        accused=[OFFICIAL],
        witnesses=[WITNESS],
        summary="an official of the Sovnarkom struck Georgia's delegate in a meeting",
    )
    _do(federation, _cmd("DrawCommission"), actors.INSPECTION, STRUCK_ON, case=CASE)
    _do(
        federation,
        _cmd("NameDefender"),
        actors.person(VICTIM),
        STRUCK_ON,
        case=CASE,
        defender=DEFENDER,
    )
    case = _case(federation)
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


def _case(federation: Federation) -> queries.inspection.CaseDetail:
    """The case as the inspection reads it: whole (P17)."""
    return queries.inspection.case_detail(federation, CASE, actors.INSPECTION)


def pressure(federation: Federation) -> Iterator[Step]:
    """The accused's organ tries to move the complainant and to close the case (P16, P17)."""
    sovnarkom = actors.organ("sovnarkom")
    transfer = _refused(
        federation,
        _cmd("TransferPerson"),
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
    close = _refused(federation, _cmd("CloseCase"), sovnarkom, STRUCK_ON, case=CASE)
    yield Step("The Sovnarkom orders the case closed", refused=close)


def _decide(federation: Federation, day: date, findings_id: str, text: str) -> list[str]:
    commission = _case(federation).row.commission or []
    _do(
        federation,
        _cmd("ProposeFindings"),
        actors.person(commission[0]),
        day,
        case=CASE,
        findings=findings_id,
        text=text,
        established=True,
        justifications=["provocation", "jest"],
    )
    _do(
        federation,
        _cmd("SignFindings"),
        actors.person(commission[1]),
        day,
        case=CASE,
        findings=findings_id,
    )
    [(found, _, _, sanction, signatures, final_on, _, text)] = [
        f for f in _case(federation).findings if f[0] == findings_id
    ]
    return [
        f"findings {found}: {text}",
        "pleaded: provocation, jest — no justification for violence by an official",
        f"sanction: {sanction}; signed by {signatures} "
        f"(a majority of the commission), final on {final_on}",
    ]


def findings(federation: Federation) -> Iterator[Step]:
    """The findings, with provocation rejected as a justification (P17)."""
    lines = _decide(
        federation, FINDINGS_ON, "f-1", f"{OFFICIAL} struck the delegate; the blow is established"
    )
    yield Step("The commission's findings reject provocation as a justification (P17)", lines)


def reopened(federation: Federation) -> Iterator[Step]:
    """The complainant reopens the case; a new commission completes it (P17)."""
    _do(
        federation,
        _cmd("ReopenCase"),
        actors.person(VICTIM),
        REOPENED_ON,
        case=CASE,
        reason="the findings leave out the insults to Georgians that came with the blow",
    )
    _do(federation, _cmd("DrawCommission"), actors.INSPECTION, REOPENED_ON, case=CASE)
    case = _case(federation)
    lines = _decide(
        federation,
        REOPENED_ON,
        "f-2",
        "completed: the blow and the insults are established; builds on f-1",
    )
    q = queries.inspection
    public = ", ".join(f"{r.id}: {r.status}" for r in q.cases(federation, q.PUBLIC))
    yield Step(
        "The complainant reopens the case; a new commission completes the findings",
        [
            f"round {case.row.round}, commission {', '.join(case.row.commission or [])} "
            "(the first commission recused)",
            *lines,
            f"the public sees only: {public}",
        ],
    )
