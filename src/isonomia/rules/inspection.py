"""The inspection's rules (P16, P17): complaints open cases; the inspection draws each
case's commission by lot, recusing anyone with a stake; the commission's findings become
final once a majority of it has signed them; provocation and jest are no defence for
violence or insult by an official; a decided case can be reopened; no official or organ
directs, pauses, closes or re-staffs a case; and no organ or official acts against the
complainant, a witness or the defender while the case is open.
"""

from __future__ import annotations

from datetime import date

from isonomia.domain import FederationState, actors
from isonomia.domain.connivance import ConniverDefenderNamed, ConniverSanctionsProposed
from isonomia.domain.inspection import (
    AddEvidence,
    CaseReopened,
    CommissionDrawn,
    ComplaintFiled,
    ComplaintKind,
    DeclareTie,
    DefenderNamed,
    DrawCommission,
    EvidenceAdded,
    FileComplaint,
    FindingsProposed,
    FindingsSigned,
    NameDefender,
    ProposeFindings,
    ReopenCase,
    SanctionTookEffect,
    SignFindings,
    TieDeclared,
)
from isonomia.domain.inspection_book import DECIDED, DRAWING, OPEN, Case
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules import inspection_orders as _orders  # noqa: F401  (registers its deciders)
from isonomia.rules.connivance import conniver_sanctions
from isonomia.rules.inspection_draw import draw, eligible, recusals, tie_redraws
from isonomia.rules.inspection_guard import may_see, office_conflict, retaliation_refusal
from isonomia.rules.inspection_lot import lot_seed
from isonomia.rules.inspection_sanctions import (
    NO_DEFENCE,
    chosen_sanction_problem,
    sanction_effects,
    sanction_for,
)
from isonomia.rules.inspection_who import (
    ANYONE,
    COMMISSION,
    INSPECTS,
    case_role,
)
from isonomia.rules.registry import Decision, decides
from isonomia.rules.sealed_cases import complaint_grant
from isonomia.rules.who import Who, own_person

__all__ = [
    "NO_DEFENCE",
    "may_see",
    "office_conflict",
    "retaliation_refusal",
    "sanction_effects",
    "sanction_for",
]


def _case(state: FederationState, case_id: str) -> Case | Refusal:
    case = state.inspection.cases.get(case_id)
    if case is None:
        return Refusal.of("P17", N_("there is no case {case}"), case=case_id)
    return case


def _member_of_commission(case: Case, actor: str) -> str | None:
    kind, name = actors.split(actor)
    return name if kind == "person" and name in case.commission else None


@decides(FileComplaint, who=Who("P17", ANYONE, lambda s, c: True))
def file_complaint(state: FederationState, command: FileComplaint) -> Decision:
    if state.charter is None or state.founded_on is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    if command.case in state.inspection.cases:
        return Refusal.of("P17", N_("there is already a case {case}"), case=command.case)
    kind, name = actors.split(command.actor)
    if kind == "person" and name in command.accused:
        return Refusal.of("P17", N_("a complainant cannot accuse themselves"))
    return [
        ComplaintFiled(
            case=command.case,
            kind=command.kind.value,
            complainant=command.actor,
            accused=list(dict.fromkeys(command.accused)),
            witnesses=[w for w in dict.fromkeys(command.witnesses) if w not in command.accused],
            summary=command.summary,
            filed_on=command.day,
        ),
        *complaint_grant(state, command),
    ]


@decides(
    DeclareTie,
    who=own_person("P17", "the person declaring it"),
)
def declare_tie(state: FederationState, command: DeclareTie) -> Decision:
    if command.actor != actors.person(command.person):
        return Refusal.of("P17", N_("a tie is declared by {person} alone"), person=command.person)
    if command.person == command.tied_to:
        return Refusal.of("P17", N_("a person declares a tie with someone else"))
    return [
        TieDeclared(
            person=command.person,
            tied_to=command.tied_to,
            nature=command.nature,
            declared_on=command.day,
        ),
        *tie_redraws(state, command.person, command.tied_to, command.day),
    ]


@decides(DrawCommission, who=Who("P16", INSPECTS, lambda s, c: c.actor == actors.INSPECTION))
def draw_commission(state: FederationState, command: DrawCommission) -> Decision:
    if command.actor != actors.INSPECTION:
        return Refusal.of(
            "P16",
            N_("the inspection draws a commission; {actor} cannot"),
            actor=command.actor,
        )
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    if case.status != DRAWING:
        return Refusal.of("P17", N_("case {case} already has its commission"), case=case.id)
    assert state.charter is not None
    size = state.charter.inspection.commission_size
    fixed = lot_seed(state, case, command)
    if isinstance(fixed, Refusal):
        return fixed
    seed, how = fixed
    pool = eligible(state, command.day)
    recused = recusals(state, case, command.day)
    commission = draw(seed, pool, recused, size)
    if len(commission) < size:
        return Refusal.of(
            "P17",
            N_(
                "case {case} needs a commission of {size}, but only {drawn} of the "
                "inspection's {pool} persons are not recused"
            ),
            case=case.id,
            size=size,
            drawn=len(commission),
            pool=len(pool),
        )
    return [
        *how,
        CommissionDrawn(
            case=case.id,
            round=case.round,
            seed=seed,
            eligible=pool,
            recused=[[p, r] for p, r in sorted(recused.items())],
            commission=commission,
            drawn_on=command.day,
        ),
    ]


@decides(
    NameDefender,
    who=Who("P17", "the complainant or a named conniver", lambda s, c: case_role(s, c, "defends")),
)
def name_defender(state: FederationState, command: NameDefender) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    kind, name = actors.split(command.actor)
    conniver = case.conniver(name) if kind == "person" else None
    if command.actor != case.complainant and conniver is None:
        return Refusal.of(
            "P17",
            N_("a defender in case {case} is named by the complainant or a named conniver"),
            case=case.id,
        )
    if not case.is_open:
        return Refusal.of("P17", N_("case {case} is decided; reopen it first"), case=case.id)
    if command.defender in (*case.charged, *case.commission):
        return Refusal.of(
            "P17",
            N_("{defender} is accused or judges in case {case}"),
            defender=command.defender,
            case=case.id,
        )
    if conniver is not None:
        return [
            ConniverDefenderNamed(
                case=case.id,
                conniver=conniver.person,
                defender=command.defender,
                named_on=command.day,
            )
        ]
    return [DefenderNamed(case=case.id, defender=command.defender, named_on=command.day)]


@decides(
    AddEvidence,
    who=Who(
        "P17",
        "a party, the defender, the commission or the inspection",
        lambda s, c: case_role(s, c, "sees"),
    ),
)
def add_evidence(state: FederationState, command: AddEvidence) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    if not may_see(state, case.id, command.actor):
        return Refusal.of(
            "P17", N_("{actor} takes no part in case {case}"), actor=command.actor, case=case.id
        )
    if not case.is_open:
        return Refusal.of("P17", N_("case {case} is decided; reopen it first"), case=case.id)
    if any(e.sha256 == command.sha256 for e in case.evidence):
        return Refusal.of(
            "P17",
            N_("case {case} already holds evidence {evidence}…"),
            case=case.id,
            evidence=command.sha256[:12],
        )
    return [
        EvidenceAdded(
            case=case.id,
            sha256=command.sha256,
            filename=command.filename,
            size=command.size,
            added_by=command.actor,
            added_on=command.day,
        )
    ]


@decides(ProposeFindings, who=Who("P17", COMMISSION, lambda s, c: case_role(s, c, "commission")))
def propose_findings(state: FederationState, command: ProposeFindings) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    person = _member_of_commission(case, command.actor)
    if person is None or case.status != OPEN:
        return Refusal.of(
            "P17",
            N_("findings in case {case} are proposed by its sitting commission"),
            case=case.id,
        )
    if command.findings in state.inspection.findings:
        return Refusal.of(
            "P17", N_("there are already findings {findings}"), findings=command.findings
        )
    problem = chosen_sanction_problem(case, command)
    if problem is not None:
        return problem
    sanction = sanction_for(
        ComplaintKind(case.kind), command.established, command.justifications, command.sanction
    )
    connivers = conniver_sanctions(state, case, command, sanction)
    if isinstance(connivers, Refusal):
        return connivers
    return [
        FindingsProposed(
            case=case.id,
            findings=command.findings,
            round=case.round,
            proposed_by=person,
            text=command.text,
            established=command.established,
            justifications=list(command.justifications),
            sanction=sanction,
            earlier=list(case.earlier),
            proposed_on=command.day,
        ),
        *(
            [
                ConniverSanctionsProposed(
                    case=case.id, findings=command.findings, sanctions=connivers
                )
            ]
            if connivers
            else []
        ),
        *_final_if_majority(
            state,
            case,
            command.findings,
            (sanction, connivers),
            person,
            1,
            command.day,
            signed=False,
        ),
    ]


def _final_if_majority(
    state: FederationState,
    case: Case,
    findings: str,
    sanctions: tuple[str, list[list[str]]],
    person: str,
    count: int,
    on: date,
    signed: bool = True,
) -> list[FindingsSigned | SanctionTookEffect]:
    """A signature's event; or, for the proposer alone, none unless one makes a majority.
    Findings made final take their sanctions' effects in the same derivation (P17): the
    accused's sanction and each conniver's ([conniver, sanction] pairs)."""
    final = count * 2 > len(case.commission)
    if not signed and not final:
        return []
    signature = FindingsSigned(
        case=case.id, findings=findings, person=person, signed_on=on, final=final
    )
    sanction, connivers = sanctions
    effects = sanction_effects(state, case, findings, sanction, on, connivers) if final else []
    return [signature, *effects]


@decides(SignFindings, who=Who("P17", COMMISSION, lambda s, c: case_role(s, c, "commission")))
def sign_findings(state: FederationState, command: SignFindings) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    person = _member_of_commission(case, command.actor)
    findings = state.inspection.findings.get(command.findings)
    if person is None or case.status != OPEN:
        return Refusal.of(
            "P17", N_("findings in case {case} are signed by its sitting commission"), case=case.id
        )
    if findings is None or findings.case != case.id or findings.round != case.round:
        return Refusal.of(
            "P17",
            N_("case {case} has no findings {findings} in this round"),
            case=case.id,
            findings=command.findings,
        )
    if person in findings.signatures:
        return Refusal.of(
            "P17", N_("{person} has already signed {findings}"), person=person, findings=findings.id
        )
    # Only those still sitting count: a commissioner recused after signing (a tie declared
    # later) no longer makes up the majority (P17).
    sitting = sum(1 for signer in findings.signatures if signer in case.commission)
    return [
        *_final_if_majority(
            state,
            case,
            findings.id,
            (findings.sanction, [list(p) for p in findings.conniver_sanctions]),
            person,
            sitting + 1,
            command.day,
        )
    ]


@decides(
    ReopenCase,
    who=Who("P17", "the inspection or the complainant", lambda s, c: case_role(s, c, "reopens")),
)
def reopen_case(state: FederationState, command: ReopenCase) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    if command.actor not in (actors.INSPECTION, case.complainant):
        return Refusal.of(
            "P17", N_("case {case} is reopened by the inspection or the complainant"), case=case.id
        )
    if case.status != DECIDED:
        return Refusal.of("P17", N_("case {case} is not decided yet"), case=case.id)
    final = [f for f in case.findings if state.inspection.findings[f].final_on is not None]
    return [
        CaseReopened(
            case=case.id,
            round=case.round + 1,
            reason=command.reason,
            by=command.actor,
            earlier=final,
            reopened_on=command.day,
        )
    ]
