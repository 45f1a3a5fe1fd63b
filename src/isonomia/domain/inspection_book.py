"""What the record knows of the inspection's work (P16, P17): cases, findings, ties,
complaints addressed to officials, consents, and the digest the commissions are drawn from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from isonomia.domain import actors
from isonomia.domain.base import evolves, revise
from isonomia.domain.inspection import (
    ActionConsented,
    CaseReopened,
    CommissionDrawn,
    ComplaintAddressed,
    ComplaintAnswered,
    ComplaintFiled,
    ComplaintNeglected,
    DefenderNamed,
    EvidenceAdded,
    FindingsProposed,
    FindingsSigned,
    PersonSanctioned,
    PersonTransferred,
    TieDeclared,
)
from isonomia.domain.persistent import Map, put
from isonomia.domain.principals import CommandSigned
from isonomia.domain.sanctions import Sanction

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

#: Case statuses.
DRAWING, OPEN, DECIDED = "awaiting-commission", "open", "decided"


@dataclass(frozen=True)
class Evidence:
    sha256: str
    filename: str
    size: int
    added_by: str
    added_on: date


@dataclass(frozen=True)
class Findings:
    id: str
    case: str
    round: int
    proposed_by: str
    text: str
    established: bool
    justifications: tuple[str, ...]
    sanction: str
    earlier: tuple[str, ...]
    proposed_on: date
    signatures: tuple[str, ...] = ()
    final_on: date | None = None
    #: (conniver, sanction) the findings put on each conniver they sanction (P17).
    conniver_sanctions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Conniver:
    """An official the commission named, with evidence, as having known and not acted: a
    party of the case, with a defender of their own (P17)."""

    person: str
    evidence: tuple[str, ...]
    named_by: str
    named_on: date
    defender: str | None = None


@dataclass(frozen=True)
class Challenge:
    """A party's challenge of a drawn commissioner, and the inspectors' rulings on it."""

    id: str
    round: int
    party: str
    person: str
    grounds: str
    challenged_on: date
    #: (inspector, upheld) in the order ruled.
    rulings: tuple[tuple[str, bool], ...] = ()
    #: None while pending; True when upheld (the commissioner recused), False when rejected.
    upheld: bool | None = None


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    #: The principal that complained (``person:X``, ``council:M``, ``inspection``…).
    complainant: str
    accused: tuple[str, ...]
    witnesses: tuple[str, ...]
    summary: str
    opened_on: date
    round: int = 1
    status: str = DRAWING
    commission: tuple[str, ...] = ()
    seed: str | None = None
    recused: tuple[tuple[str, str], ...] = ()
    #: Everyone who sat on a commission of this case, in any round.
    former_commissioners: tuple[str, ...] = ()
    defender: str | None = None
    evidence: tuple[Evidence, ...] = ()
    #: Findings ids, in the order proposed, over every round.
    findings: tuple[str, ...] = ()
    #: The final findings of earlier rounds, which new work links to.
    earlier: tuple[str, ...] = ()
    #: The day the round's drawing began (the complaint, or the reopening); None: opened_on.
    drawing_since: date | None = None
    #: (principal, SHA-256 commitment) for the round's draw, in the order committed.
    commitments: tuple[tuple[str, str], ...] = ()
    #: (principal, value) revealed for the round's draw, in the order revealed.
    reveals: tuple[tuple[str, str], ...] = ()
    #: Challenges of drawn commissioners, over every round.
    challenges: tuple[Challenge, ...] = ()
    #: Officials named as having known and not acted, in the order named (P17).
    connivers: tuple[Conniver, ...] = ()
    #: A sealed case's key wrapped to each reader: (principal, sealing key id, wrapped).
    wraps: tuple[tuple[str, str, str], ...] = ()

    @property
    def sealed(self) -> bool:
        """Whether the case's texts are sealed at rest (`domain.sealed_cases`)."""
        return bool(self.wraps)

    @property
    def charged(self) -> tuple[str, ...]:
        """The persons the case holds responsible: the accused, then the connivers."""
        return (*self.accused, *(c.person for c in self.connivers))

    def conniver(self, person: str) -> Conniver | None:
        return next((c for c in self.connivers if c.person == person), None)

    @property
    def round_opened_on(self) -> date:
        return self.drawing_since or self.opened_on

    def challenge(self, challenge_id: str) -> Challenge | None:
        return next((c for c in self.challenges if c.id == challenge_id), None)

    @property
    def is_open(self) -> bool:
        return self.status != DECIDED

    def complainant_person(self) -> str | None:
        kind, name = actors.split(self.complainant)
        return name if kind == "person" else None

    def protected(self) -> tuple[str, ...]:
        """Persons no organ or official may act against while the case is open, and for the
        charter's days after it, without the inspection's consent (P17)."""
        people = [
            self.complainant_person(),
            *self.witnesses,
            self.defender,
            *(c.defender for c in self.connivers),
        ]
        return tuple(p for p in dict.fromkeys(people) if p is not None)

    def viewers(self) -> frozenset[str]:
        """The principals that see the whole case (P17)."""
        defenders = [c.defender for c in self.connivers if c.defender]
        return case_viewers(
            self.complainant, self.charged, self.commission, self.defender, defenders
        )


def case_viewers(
    complainant: str,
    accused: Iterable[str],
    commission: Iterable[str],
    defender: str | None,
    more: Iterable[str] = (),
) -> frozenset[str]:
    """The principals that see a whole case (P17): the inspection, the complainant, and the
    persons accused or named connivers, sitting on its commission, or defending (from the
    state or a read table); `more`: further persons (connivers' defenders)."""
    people = [*accused, *commission, *([defender] if defender else []), *more]
    return frozenset({actors.INSPECTION, complainant, *map(actors.person, people)})


@dataclass(frozen=True)
class Addressed:
    """A complaint addressed to an official, and its answer or neglect."""

    id: str
    official: str
    by: str
    addressed_on: date
    answer_due: date
    answered_on: date | None = None
    neglected: bool = False


@dataclass(frozen=True)
class InspectionBook:
    cases: Mapping[str, Case] = field(default_factory=Map)
    findings: Mapping[str, Findings] = field(default_factory=Map)
    #: person → the persons they declared a tie with (and who declared one with them).
    ties: Mapping[str, tuple[str, ...]] = field(default_factory=Map)
    addressed: Mapping[str, Addressed] = field(default_factory=Map)
    #: (case, organ, person) the inspection consented to an organ acting on.
    consents: frozenset[tuple[str, str, str]] = frozenset()
    #: person → the sanctions final findings put on them, in order.
    sanctions: Mapping[str, tuple[Sanction, ...]] = field(default_factory=Map)
    #: SHA-256 chained over every recorded command's signature: what commissions are drawn
    #: from, so no party chooses the lot (see `rules.inspection_draw`).
    digest: str = ""
    #: principal → (key id, public key) of its registered sealing key (P17).
    sealing_keys: Mapping[str, tuple[str, str]] = field(default_factory=Map)


def _book(state: FederationState, **changes: Any) -> FederationState:
    return revise(state, inspection=replace(state.inspection, **changes))


def with_case(state: FederationState, case_id: str, **changes: Any) -> FederationState:
    """The state with one case changed (for the inspection's other modules)."""
    return _case(state, case_id, **changes)


def _case(state: FederationState, case_id: str, **changes: Any) -> FederationState:
    book = state.inspection
    case = replace(book.cases[case_id], **changes)
    return _book(state, cases=put(book.cases, case_id, case))


@evolves(CommandSigned)
def _signed(state: FederationState, event: CommandSigned) -> FederationState:
    digest = hashlib.sha256(f"{state.inspection.digest}|{event.signature}".encode()).hexdigest()
    return _book(state, digest=digest)


@evolves(ComplaintFiled)
def _filed(state: FederationState, event: ComplaintFiled) -> FederationState:
    case = Case(
        event.case,
        event.kind,
        event.complainant,
        tuple(event.accused),
        tuple(event.witnesses),
        event.summary,
        event.filed_on,
    )
    return _book(state, cases=put(state.inspection.cases, event.case, case))


@evolves(TieDeclared)
def _tie(state: FederationState, event: TieDeclared) -> FederationState:
    ties = state.inspection.ties
    for a, b in ((event.person, event.tied_to), (event.tied_to, event.person)):
        ties = put(ties, a, (*ties.get(a, ()), b))
    return _book(state, ties=ties)


@evolves(CommissionDrawn)
def _drawn(state: FederationState, event: CommissionDrawn) -> FederationState:
    case = state.inspection.cases[event.case]
    return _case(
        state,
        event.case,
        status=OPEN,
        commission=tuple(event.commission),
        seed=event.seed,
        recused=tuple((p, r) for p, r in event.recused),
        former_commissioners=(*case.former_commissioners, *event.commission),
    )


@evolves(DefenderNamed)
def _defender(state: FederationState, event: DefenderNamed) -> FederationState:
    return _case(state, event.case, defender=event.defender)


@evolves(EvidenceAdded)
def _evidence(state: FederationState, event: EvidenceAdded) -> FederationState:
    case = state.inspection.cases[event.case]
    item = Evidence(event.sha256, event.filename, event.size, event.added_by, event.added_on)
    return _case(state, event.case, evidence=(*case.evidence, item))


@evolves(FindingsProposed)
def _proposed(state: FederationState, event: FindingsProposed) -> FederationState:
    findings = Findings(
        event.findings,
        event.case,
        event.round,
        event.proposed_by,
        event.text,
        event.established,
        tuple(event.justifications),
        event.sanction,
        tuple(event.earlier),
        event.proposed_on,
        signatures=(event.proposed_by,),
    )
    state = _book(state, findings=put(state.inspection.findings, event.findings, findings))
    case = state.inspection.cases[event.case]
    return _case(state, event.case, findings=(*case.findings, event.findings))


@evolves(FindingsSigned)
def _signed_findings(state: FederationState, event: FindingsSigned) -> FederationState:
    book = state.inspection
    findings = book.findings[event.findings]
    findings = replace(
        findings,
        signatures=tuple(dict.fromkeys((*findings.signatures, event.person))),
        final_on=event.signed_on if event.final else findings.final_on,
    )
    state = _book(state, findings=put(book.findings, event.findings, findings))
    return _case(state, event.case, status=DECIDED) if event.final else state


@evolves(CaseReopened)
def _reopened(state: FederationState, event: CaseReopened) -> FederationState:
    return _case(
        state,
        event.case,
        round=event.round,
        status=DRAWING,
        commission=(),
        seed=None,
        recused=(),
        earlier=tuple(event.earlier),
        drawing_since=event.reopened_on,
        commitments=(),
        reveals=(),
    )


@evolves(ComplaintAddressed)
def _addressed(state: FederationState, event: ComplaintAddressed) -> FederationState:
    record = Addressed(
        event.complaint, event.official, event.by, event.addressed_on, event.answer_due
    )
    return _book(state, addressed=put(state.inspection.addressed, event.complaint, record))


@evolves(ComplaintAnswered)
def _answered(state: FederationState, event: ComplaintAnswered) -> FederationState:
    record = replace(state.inspection.addressed[event.complaint], answered_on=event.answered_on)
    return _book(state, addressed=put(state.inspection.addressed, event.complaint, record))


@evolves(ComplaintNeglected)
def _neglected(state: FederationState, event: ComplaintNeglected) -> FederationState:
    record = replace(state.inspection.addressed[event.complaint], neglected=True)
    return _book(state, addressed=put(state.inspection.addressed, event.complaint, record))


@evolves(ActionConsented)
def _consented(state: FederationState, event: ActionConsented) -> FederationState:
    key = (event.case, event.organ, event.person)
    return _book(state, consents=state.inspection.consents | {key})


@evolves(PersonTransferred, PersonSanctioned)
def _acted_on(
    state: FederationState, event: PersonTransferred | PersonSanctioned
) -> FederationState:
    return state  # the record keeps the act; the state has nothing more to track
