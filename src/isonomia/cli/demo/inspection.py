"""The story's episodes about the inspection (P16, P17): members' councils staff the
inspection, and no official sits in it; Georgia's delegate, struck by an RSFSR official,
complains; the inspection and the parties commit to values for the lot, reveal them (the
accused stays silent) and the commission is drawn from them, with its recusals shown, and a
defender named; the accused challenges a commissioner, the other inspectors uphold it and
the seat is drawn again; the official's organ tries to transfer the complainant and to close
the case, and is refused; the findings reject "provocation" as a justification and remove
the official (his next vote and his reappointment are refused in `removal`); the case is
reopened and completed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, timedelta

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import (
    AppointDelegate,
    actors,
    at_day,
    draw_commitment,
    provide_key,
    queries,
    sealing,
)

STAFFED_ON = date(1925, 9, 1)
STRUCK_ON = date(1925, 9, 14)
#: The charter's window: three days to commit to the lot, two to reveal, then the draw.
REVEALED_ON = STRUCK_ON + timedelta(days=3)
DRAWN_ON = REVEALED_ON + timedelta(days=2)
CHALLENGED_ON = date(1925, 9, 21)
FINDINGS_ON = date(1925, 10, 12)
REOPENED_ON = date(1925, 11, 2)
REDRAWN_ON = REOPENED_ON + timedelta(days=5)
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
    readers = [OFFICIAL, VICTIM, DEFENDER, *(p for m in SEATED for p in _inspectors(m))]
    for principal in (actors.INSPECTION, *map(actors.person, readers)):
        key = sealing.sealing_public_key(story.keyring, principal)
        story.do("RegisterSealingKey", principal, STAFFED_ON, public_key=key)
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
        [
            f"{len(SEATED) * 2} inspectors, two named by each member's own council",
            "the inspection, the inspectors and the parties register sealing keys: cases are "
            "sealed at rest to those entitled to read them (P17)",
        ],
        refused=refused,
    )


def _value(principal: str, round_: int) -> str:
    """The value a principal commits to for the lot: fixed from a seed, so the story plays
    the same each time (a real party draws 32 random bytes and keeps them until it reveals)."""
    return hashlib.sha256(f"isonomia-demo|{CASE}|{round_}|{principal}".encode()).hexdigest()


def _commit(story: Story, principal: str, day: date, round_: int = 1) -> None:
    commitment = draw_commitment(_value(principal, round_), CASE, principal)
    story.do("CommitDrawValue", principal, day, case=CASE, commitment=commitment)


def _reveal(story: Story, principal: str, day: date, round_: int = 1) -> None:
    story.do("RevealDrawValue", principal, day, case=CASE, value=_value(principal, round_))


def complaint(story: Story) -> Iterator[Step]:
    """The complaint, the tie declared, the commitments to the lot, the defender (P17)."""
    tied, accused = "inspector-ukraine-1", actors.person(OFFICIAL)
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
    early = story.refused("DrawCommission", actors.INSPECTION, STRUCK_ON, case=CASE)
    committed = (actors.INSPECTION, actors.person(VICTIM), accused)
    for principal in committed:
        _commit(story, principal, STRUCK_ON)
    story.do("NameDefender", actors.person(VICTIM), STRUCK_ON, case=CASE, defender=DEFENDER)
    yield Step(
        f"Georgia's delegate {VICTIM} complains that {OFFICIAL} struck him (P17)",
        [
            f"the inspection, the complainant and the accused each commit to a secret value "
            f"for the lot until {REVEALED_ON}: {', '.join(committed)} "
            "(SHA-256 of value|case|principal)",
            f"the complainant names {DEFENDER} his defender; the case is seen only by its "
            "commission, its parties, the defender and the inspection",
            f"sealed at rest: the record holds {_case(story).summary[:18]}… (its key wrapped "
            f"to each reader); the defender, granted it, reads: {_opened(story, DEFENDER).summary}",
            "the inspection tries to draw at once:",
        ],
        refused=early,
    )
    again = story.refused(
        "CommitDrawValue",
        accused,
        STRUCK_ON,
        case=CASE,
        commitment=draw_commitment(_value(accused, 9), CASE, accused),
    )
    yield Step(f"{OFFICIAL} tries to commit to a second value, to keep the better", refused=again)


def drawn(story: Story) -> Iterator[Step]:
    """The values revealed, the accused silent, the commission drawn from them (P17)."""
    accused = actors.person(OFFICIAL)
    for principal in (actors.INSPECTION, actors.person(VICTIM)):
        _reveal(story, principal, REVEALED_ON)
    wrong = story.refused(
        "RevealDrawValue", accused, REVEALED_ON, case=CASE, value=_value(accused, 9)
    )
    yield Step(
        f"Seeing the others' values, {OFFICIAL} reveals one he did not commit to",
        [f"on {REVEALED_ON} the inspection and the complainant reveal their values"],
        refused=wrong,
    )
    story.do("DrawCommission", actors.INSPECTION, DRAWN_ON, case=CASE)
    case = _case(story)
    revealed = [row for row in case.draw if row[2]]
    silent = [row[0] for row in case.draw if row[3]]
    yield Step(
        f"On {DRAWN_ON}, once the reveals close, the inspection draws the commission by lot",
        [
            f"seed {case.seed}, made of {len(revealed)} revealed values (anyone replays the "
            "draw from the record)",
            *(f"silent: {p} committed and did not reveal; its share is dropped" for p in silent),
            f"a commission of {len(case.row.commission or [])}: "
            + ", ".join(case.row.commission or []),
            *(f"recused: {person} — {reason}" for person, reason in case.recused),
        ],
    )


def challenged(story: Story) -> Iterator[Step]:
    """The accused challenges a commissioner; the other inspectors uphold it (P17)."""
    sitting = _case(story).row.commission or []
    person = sitting[0]
    story.do(
        "ChallengeCommissioner",
        actors.person(OFFICIAL),
        CHALLENGED_ON,
        case=CASE,
        challenge="ch-1",
        person=person,
        grounds="wrote in Zarya Vostoka that I should be removed, before the case was heard",
    )
    own = story.refused(
        "RuleOnChallenge",
        actors.person(person),
        CHALLENGED_ON,
        case=CASE,
        challenge="ch-1",
        upheld=False,
    )
    yield Step(
        f"{OFFICIAL} challenges commissioner {person}, who rules on the challenge himself",
        refused=own,
    )
    voters = [p for m in SEATED for p in _inspectors(m) if p != person]
    rulings = [False] + [True] * (len(voters) // 2 + 1)
    for inspector, upheld in zip(voters, rulings, strict=False):
        story.do(
            "RuleOnChallenge",
            actors.person(inspector),
            CHALLENGED_ON,
            case=CASE,
            challenge="ch-1",
            upheld=upheld,
        )
    case = _opened(story, OFFICIAL)  # as the challenger reads it: the grounds opened
    [(_, _, _, _, _, _, said, outcome)] = case.challenges
    upheld_by = said.count(": upheld")
    yield Step(
        "The inspectors not challenged rule on it, each on their own signature",
        [
            f"challenge ch-1 {outcome}: {upheld_by} of the {len(voters)} inspectors not "
            f"challenged uphold it, {said.count(': rejected')} rejects it",
            *(f"recused: {p} — {reason}" for p, reason in case.recused if p == person),
            f"the seat drawn again from the same seed: {(case.row.commission or [])[-1]}; "
            f"the commission is now {', '.join(case.row.commission or [])}",
        ],
    )


def pressure(story: Story) -> Iterator[Step]:
    """The accused's organ tries to move the complainant and to close the case (P16, P17)."""
    sovnarkom = actors.organ("sovnarkom")
    transfer = story.refused(
        "TransferPerson",
        sovnarkom,
        CHALLENGED_ON,
        organ="sovnarkom",
        person=VICTIM,
        to="a post in Tashkent",
    )
    yield Step(
        f"The Sovnarkom, where {OFFICIAL} sits, tries to transfer the complainant",
        refused=transfer,
    )
    close = story.refused("CloseCase", sovnarkom, CHALLENGED_ON, case=CASE)
    yield Step("The Sovnarkom orders the case closed", refused=close)


def _case(story: Story) -> queries.inspection.CaseDetail:
    """The case as the inspection reads it: whole (P17)."""
    return queries.inspection.case_detail(story.federation, CASE, actors.INSPECTION)


def _opened(story: Story, person: str) -> queries.inspection.CaseDetail:
    """The case as `person` reads it with their own key: its sealed texts opened (P17)."""
    reader = actors.person(person)
    detail = queries.inspection.case_detail(story.federation, CASE, reader)
    key = story.keyring.path(reader)
    return sealing.open_case_texts(story.federation.state(), CASE, reader, key, detail)


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
        f for f in _opened(story, commission[1]).findings if f[0] == findings_id
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
    for principal in (actors.INSPECTION, actors.person(VICTIM)):
        _commit(story, principal, REOPENED_ON, round_=2)
    for principal in (actors.INSPECTION, actors.person(VICTIM)):
        _reveal(story, principal, REDRAWN_ON - timedelta(days=2), round_=2)
    story.do("DrawCommission", actors.INSPECTION, REDRAWN_ON, case=CASE)
    case = _case(story)
    lines = _decide(
        story,
        REDRAWN_ON,
        "f-2",
        "completed: the blow and the insults are established; builds on f-1",
    )
    q = queries.inspection
    public = ", ".join(f"{r.id}: {r.status}" for r in q.cases(story.federation, q.PUBLIC))
    yield Step(
        "The complainant reopens the case; a new commission completes the findings",
        [
            f"round {case.row.round}: the inspection and the complainant commit and reveal "
            f"again; on {REDRAWN_ON} commission {', '.join(case.row.commission or [])} "
            "(the first commission recused)",
            *lines,
            f"the public sees only: {public}",
        ],
    )
