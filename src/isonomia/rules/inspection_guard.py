"""Guards other areas call (P16, P17): no person holds an executive office and a seat in the
inspection at once; no organ or official acts against a protected person while a case is
open and for the charter's days after it; a sanctioned person does not act in a capacity the
sanction took, nor is appointed during a removal's bar; and who may read a case.
"""

from __future__ import annotations

from datetime import date, timedelta

from isonomia.charter.model import Charter, Organ, OrganKind
from isonomia.domain import (
    CastVote,
    Command,
    DraftMotion,
    FederationState,
    FileAppeal,
    ProposeAmendment,
    actors,
)
from isonomia.domain.inspection import ProposeFindings, SignFindings
from isonomia.domain.inspection_book import Case
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.sanctions import Sanction

__all__ = [
    "EXECUTIVE_OFFICES",
    "bar_refusal",
    "may_see",
    "office_conflict",
    "retaliation_refusal",
    "sanction_refusal",
]

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


def protected_until(state: FederationState, case: Case) -> date | None:
    """The first day a decided case's complainant, witnesses and defender are no longer
    protected: the charter's `protection_days` after its final findings (P17)."""
    finals = [
        f.final_on
        for f in map(state.inspection.findings.get, case.findings)
        if f is not None and f.final_on is not None
    ]
    if not finals or state.charter is None:
        return None
    return max(finals) + timedelta(days=state.charter.inspection.protection_days)


def retaliation_refusal(
    state: FederationState, organ: str, person: str, on: date
) -> Refusal | None:
    """Why `organ` may not remove, sanction, transfer or downgrade `person` on a day: while a
    case is open, and for the charter's `protection_days` after it is decided, no organ and no
    official, whichever acts, moves against its complainant, a witness or the defender
    unless the inspection consented to that organ acting on that person (P17). `organ` is an
    organ id, a member's council ``council:M``, or the principal that acts. None when it may."""
    for case in state.inspection.cases.values():
        if person not in case.protected() or (case.id, organ, person) in state.inspection.consents:
            continue
        if case.is_open:
            return Refusal.of(
                "P17",
                N_(
                    "{person} is protected while case {case} is open: {organ} cannot remove, "
                    "sanction, transfer or downgrade them without the inspection's consent"
                ),
                person=person,
                case=case.id,
                organ=organ,
            )
        until = protected_until(state, case)
        if until is not None and on < until:
            return Refusal.of(
                "P17",
                N_(
                    "{person} is protected until {until} after case {case}: {organ} cannot "
                    "remove, sanction, transfer or downgrade them without the inspection's "
                    "consent"
                ),
                person=person,
                until=until,
                case=case.id,
                organ=organ,
            )
    return None


def may_see(state: FederationState, case_id: str, viewer: str) -> bool:
    """Whether `viewer` (a principal, or ``public``) may read the whole case: its commission,
    its parties, its defender and the inspection (P17)."""
    case = state.inspection.cases.get(case_id)
    return case is not None and viewer in case.viewers()


def _seat_claimed(state: FederationState, command: Command) -> tuple[str, str | None] | None:
    """The seat (organ, member or None: any) a person's command relies on, if any."""
    if isinstance(command, CastVote | ProposeAmendment):
        act = state.acts.get(command.motion)
        if act is None:
            return None
        return act.organ, command.member if isinstance(command, CastVote) else None
    if isinstance(command, DraftMotion):
        return command.organ, None
    if isinstance(command, ProposeFindings | SignFindings) and state.charter is not None:
        # A commission's member sits there by their seat in the inspection (P16).
        inspection = [o.id for o in state.charter.organs if o.kind is OrganKind.INSPECTION]
        return (inspection[0], None) if inspection else None
    if isinstance(command, FileAppeal) and state.charter is not None:
        if command.actor == actors.council(command.member):
            return None
        return state.charter.council_organ().id, command.member
    return None


def _organs_relied_on(state: FederationState, command: Command) -> tuple[str, str | None] | None:
    seat = _seat_claimed(state, command)
    if seat is not None:
        return seat
    act = state.acts.get(command.under_act) if command.under_act is not None else None
    return (act.organ, None) if act is not None else None


def _lost(sanction: Sanction, organ: str, member: str | None) -> str | None:
    for office, of_organ, of_member in sanction.offices:
        if of_organ == organ and (member is None or not of_member or of_member == member):
            return office + (f" for {of_member}" if of_member else "")
    return None


def sanction_refusal(state: FederationState, command: Command) -> Refusal | None:
    """Why a sanctioned person may not act in a capacity the sanction took from them (a seat
    a vote, a motion or an appeal relies on; an organ whose act a collegial decision cites),
    naming the case (P17); None when they may, or hold that office again."""
    kind, person = actors.split(command.actor)
    if kind != "person" or person not in state.inspection.sanctions:
        return None
    relied = _organs_relied_on(state, command)
    if relied is None:
        return None
    organ, member = relied
    on = command.day
    if any(
        h.organ == organ and h.held(on) and (member is None or h.member in (None, member))
        for h in state.offices.of(person)
    ):
        return None
    for sanction in state.inspection.sanctions[person]:
        lost = _lost(sanction, organ, member) if sanction.in_effect(on) else None
        if lost is not None:
            return Refusal.of(
                "P17",
                N_("{person} lost {office} by the {sanction} of case {case} from {day}"),
                person=person,
                office=lost,
                sanction=sanction.kind,
                case=sanction.case,
                day=sanction.effective_on,
            )
    return None


def bar_refusal(state: FederationState, person: str, on: date) -> Refusal | None:
    """Why `person` may not be appointed to an office from `on`: a removal's bar (P17)."""
    for sanction in state.inspection.sanctions.get(person, ()):
        if sanction.bars(on) and sanction.bar_until is not None:
            return Refusal.of(
                "P17",
                N_(
                    "{person} was removed from office in case {case} and may hold no office "
                    "until {until}"
                ),
                person=person,
                case=sanction.case,
                until=sanction.bar_until,
            )
    return None
