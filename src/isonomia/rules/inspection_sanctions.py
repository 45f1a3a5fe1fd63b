"""What findings' sanctions are and do (P17): the sanction each kind of act carries when it
is established, what a plea may lower it to (never provocation or jest), which lesser ones a
commission may choose, and the effects final findings take on each accused in the same
derivation (`SanctionTookEffect`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from isonomia.domain import FederationState
from isonomia.domain.inspection import (
    NO_SANCTION,
    REMOVAL,
    REPRIMAND,
    SUSPENSION,
    TRANSFER,
    ComplaintKind,
    ProposeFindings,
    SanctionTookEffect,
)
from isonomia.domain.inspection_book import Case
from isonomia.domain.refusal import N_, Refusal

__all__ = ["NO_DEFENCE", "chosen_sanction_problem", "sanction_effects", "sanction_for"]


#: Pleas that never justify violence or insult by an official (P17).
NO_DEFENCE = frozenset({"provocation", "jest"})
#: The sanction for each kind of act, when established, and what a valid plea lowers it to.
_SANCTIONS = {
    ComplaintKind.VIOLENCE: REMOVAL,
    ComplaintKind.INSULT_TO_NATIONALITY: REMOVAL,
    ComplaintKind.ABUSE_OF_OFFICE: REMOVAL,
    ComplaintKind.NEGLECT_OF_COMPLAINT: REPRIMAND,
}
_MITIGATED = {ComplaintKind.VIOLENCE: ("self-defence", REPRIMAND)}
#: The sanctions a commission may choose instead of the kind's own: violence and insult
#: carry removal whatever is pleaded (P17); an abuse of office may be met by a lesser one.
_ALLOWED = {
    ComplaintKind.ABUSE_OF_OFFICE: (REMOVAL, SUSPENSION, TRANSFER, REPRIMAND),
    ComplaintKind.NEGLECT_OF_COMPLAINT: (REPRIMAND, SUSPENSION),
}


def sanction_for(
    kind: ComplaintKind, established: bool, justifications: list[str], chosen: str | None = None
) -> str:
    """The sanction the findings carry: none when the act is not established; otherwise the
    kind's sanction (or one the kind allows in its place, `chosen`), lowered only by a plea
    the rule accepts. Provocation and jest are ignored: no provocation or insult justifies
    violence or insult by an official (P17)."""
    if not established:
        return NO_SANCTION
    pleas = {j.strip().lower() for j in justifications} - NO_DEFENCE
    plea, lowered = _MITIGATED.get(kind, ("", ""))
    if plea and plea in pleas:
        return lowered
    return chosen if chosen in _ALLOWED.get(kind, ()) else _SANCTIONS[kind]


def chosen_sanction_problem(case: Case, command: ProposeFindings) -> Refusal | None:
    chosen = command.sanction
    if chosen is None:
        return None
    allowed = _ALLOWED.get(ComplaintKind(case.kind), (_SANCTIONS[ComplaintKind(case.kind)],))
    if command.established and chosen in allowed:
        return None
    return Refusal.of(
        "P17",
        N_("findings of {kind} that are established carry {allowed}, not {sanction}"),
        kind=case.kind,
        allowed=", ".join(allowed),
        sanction=chosen,
    )


def sanction_effects(
    state: FederationState,
    case: Case,
    findings: str,
    sanction: str,
    on: date,
    connivers: Sequence[Sequence[str]] = (),
) -> list[SanctionTookEffect]:
    """What final findings' sanction does to each accused, and each conniver's to them, from
    the day they become final (P17): a removal ends every office they hold and bars them
    from office for the charter's days; a suspension pauses their offices for the charter's
    days; a transfer or a reprimand is recorded on them."""
    if state.charter is None:
        return []
    rules = state.charter.inspection
    effects = []
    on_accused = [] if sanction == NO_SANCTION else [(p, sanction) for p in case.accused]
    for person, kind in [*on_accused, *((p, s) for p, s in connivers)]:
        taken = (
            [
                [h.office, h.organ, h.member or ""]
                for h in state.offices.of(person)
                if h.end != h.start and (h.end is None or on < h.end)
            ]
            if kind in (REMOVAL, SUSPENSION)
            else []
        )
        bar = rules.reappointment_bar_days if kind == REMOVAL else 0
        effects.append(
            SanctionTookEffect(
                case=case.id,
                findings=findings,
                person=person,
                sanction=kind,
                effective_on=on,
                resumes_on=on + timedelta(days=rules.suspension_days)
                if kind == SUSPENSION
                else None,
                bar_until=on + timedelta(days=bar) if bar else None,
                offices=taken,
            )
        )
    return effects
