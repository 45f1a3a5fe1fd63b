"""Guards other areas call (P16, P17): no person holds an executive office and a seat in the
inspection at once, no organ of an accused acts against a protected person while the case is
open, and who may read a case.
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import Charter, Organ, OrganKind
from isonomia.domain import FederationState, actors
from isonomia.domain.inspection_book import Case
from isonomia.domain.refusal import N_, Refusal

__all__ = ["EXECUTIVE_OFFICES", "may_see", "office_conflict", "retaliation_refusal"]

#: Organs whose members hold executive office: none of them sits in the inspection (P16).
EXECUTIVE_OFFICES = (OrganKind.EXECUTIVE, OrganKind.PRESIDIUM)


def office_conflict(
    state: FederationState,
    charter: Charter,
    organ: Organ,
    person: str,
    term_from: date,
    term_until: date | None,
) -> Refusal | None:
    """Why `person` may not sit in `organ` for that term: a seat in the inspection and one in
    an executive organ or the presidium exclude each other (P16); None when they may."""
    if organ.kind is OrganKind.INSPECTION:
        conflicting: tuple[OrganKind, ...] = EXECUTIVE_OFFICES
    elif organ.kind in EXECUTIVE_OFFICES:
        conflicting = (OrganKind.INSPECTION,)
    else:
        return None
    for d in state.delegations_of(person):
        other = charter.organ(d.organ)
        if other is None or other.kind not in conflicting:
            continue
        ends = [e for e in (d.term_until, d.recalled_on) if e is not None]
        end = min(ends) if ends else None
        if (end is None or term_from < end) and (term_until is None or d.term_from < term_until):
            return Refusal.of(
                "P16",
                N_(
                    "{person} sits in {organ} ({kind}); a member of the inspection "
                    "holds no executive office, and no official sits in the inspection"
                ),
                person=person,
                organ=other.id,
                kind=other.kind.value,
            )
    return None


def _accused_sits_in(state: FederationState, case: Case, organ: str, on: date) -> str | None:
    """The accused who sits in `organ` on the day (an organ id, or ``council:M`` for every
    organ in which a person sits for M), if any."""
    kind, member = actors.split(organ)
    for accused in case.accused:
        for d in state.delegations_of(accused):
            here = d.member == member if kind == "council" else d.organ == organ
            if here and d.sits(on):
                return accused
    return None


def retaliation_refusal(
    state: FederationState, organ: str, person: str, on: date
) -> Refusal | None:
    """Why `organ` may not remove, sanction or transfer `person` on a day: while a case is
    open, no organ in which its accused sits acts against its complainant, a witness or the
    defender, unless the inspection consented (P17). `organ` is an organ id, or a member's
    council ``council:M`` (the accused sits for M). None when it may."""
    for case in state.inspection.cases.values():
        if not case.is_open or person not in case.protected():
            continue
        accused = _accused_sits_in(state, case, organ, on)
        if accused is None or (case.id, organ, person) in state.inspection.consents:
            continue
        return Refusal.of(
            "P17",
            N_(
                "{person} is protected while case {case} is open: {organ}, where the accused "
                "{accused} sits, cannot remove, sanction or transfer them without the "
                "inspection's consent"
            ),
            person=person,
            case=case.id,
            organ=organ,
            accused=accused,
        )
    return None


def may_see(state: FederationState, case_id: str, viewer: str) -> bool:
    """Whether `viewer` (a principal, or ``public``) may read the whole case: its commission,
    its parties, its defender and the inspection (P17)."""
    case = state.inspection.cases.get(case_id)
    return case is not None and viewer in case.viewers()
