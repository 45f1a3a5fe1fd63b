"""Drawing a case's commission by lot (P17): who is eligible, who is recused and why, and
the draw itself, a pure function anyone can replay from the seed the record keeps.

The seed is SHA-256 of the record's signature digest (every recorded command's signature,
chained, as of the moment the inspection's `DrawCommission` is decided), the case and the
round. No party chooses it: the complainant and the accused cannot know which commands will
be recorded before the inspection draws, and the inspection cannot pick a seed, only a
moment. Eligible persons are ordered by SHA-256(seed | person); the first N not recused sit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from isonomia.charter.model import OrganKind
from isonomia.domain import FederationState, actors, phrases
from isonomia.domain.inspection import CommissionDrawn
from isonomia.domain.inspection_book import OPEN, Case
from isonomia.domain.phrases import fill

__all__ = ["draw", "draw_seed", "eligible", "recusals", "tie_redraws"]


def draw_seed(digest: str, case: str, round_: int) -> str:
    """The seed of a case's draw in one round, from the record's signature digest."""
    return hashlib.sha256(f"{digest}|{case}|{round_}".encode()).hexdigest()


def draw(
    seed: str, eligible_persons: Iterable[str], recused: Iterable[str], size: int
) -> list[str]:
    """The commission: eligible persons ordered by SHA-256(seed | person), the first `size`
    that are not recused (fewer when not enough remain)."""
    out = set(recused)
    order = sorted(
        set(eligible_persons), key=lambda p: hashlib.sha256(f"{seed}|{p}".encode()).hexdigest()
    )
    return [p for p in order if p not in out][:size]


def eligible(state: FederationState, on: date) -> list[str]:
    """Persons sitting in the charter's inspection organ(s) on a day, sorted (P16)."""
    if state.charter is None:
        return []
    organs = {o.id for o in state.charter.organs if o.kind is OrganKind.INSPECTION}
    return sorted({d.person for d in state.delegations if d.organ in organs and d.sits(on)})


def _members_of(state: FederationState, principal_or_person: str, on: date) -> set[str]:
    """The members a party speaks for: a council's or congress's own member, or every member
    the person sits for in any organ on the day."""
    kind, name = actors.split(principal_or_person)
    if kind in ("council", "congress"):
        return {name}
    person = name if kind == "person" else principal_or_person
    return {d.member for d in state.delegations_of(person) if d.sits(on)}


def _sits_for(state: FederationState, person: str, members: set[str], on: date) -> str | None:
    return next(
        (d.member for d in state.delegations_of(person) if d.member in members and d.sits(on)),
        None,
    )


def recusals(state: FederationState, case: Case, on: date) -> dict[str, str]:
    """Every eligible person who may not sit on the case's commission, with the reason:
    anyone involved, anyone of the accused's or the complainant's member delegation, anyone
    with a declared tie with a party, anyone who sat on an earlier commission of the case."""
    involved = {*case.charged, *case.witnesses, case.defender, case.complainant_person()}
    involved |= {c.defender for c in case.connivers}
    parties = [*case.charged, *([p] if (p := case.complainant_person()) else [])]
    accused_members = set().union(*(_members_of(state, a, on) for a in case.charged))
    complainant_members = _members_of(state, case.complainant, on)
    ties = state.inspection.ties
    result: dict[str, str] = {}
    for person in eligible(state, on):
        tied = next((p for p in parties if p in ties.get(person, ())), None)
        if person in involved:
            result[person] = phrases.INVOLVED
        elif member := _sits_for(state, person, accused_members, on):
            result[person] = fill(phrases.SITS_FOR_ACCUSED, member=member)
        elif member := _sits_for(state, person, complainant_members, on):
            result[person] = fill(phrases.SITS_FOR_COMPLAINANT, member=member)
        elif tied is not None:
            result[person] = fill(phrases.DECLARED_TIE, person=tied)
        elif person in case.former_commissioners:
            result[person] = phrases.EARLIER_COMMISSION
    return result


def tie_redraws(
    state: FederationState, person: str, tied_to: str, on: date
) -> list[CommissionDrawn]:
    """A tie declared between a sitting commissioner and a party of an open case recuses
    the commissioner (P17): the commission is drawn again from its seed, the others keep
    their seats, and the next by lot who is not recused takes the place (fewer sit when no
    one is left)."""
    events = []
    for case_id in sorted(state.inspection.cases):
        case = state.inspection.cases[case_id]
        if case.status != OPEN or case.seed is None:
            continue
        parties = {*case.charged, case.complainant_person()}
        tied = {
            sitter: other
            for sitter, other in ((person, tied_to), (tied_to, person))
            if sitter in case.commission and other in parties
        }
        if not tied:
            continue
        recused = dict(case.recused) | {
            p: fill(phrases.DECLARED_TIE, person=o) for p, o in tied.items()
        }
        keep = [p for p in case.commission if p not in tied]
        pool = eligible(state, on)
        excluded = {*recusals(state, case, on), *recused, *keep}
        events.append(
            CommissionDrawn(
                case=case.id,
                round=case.round,
                seed=case.seed,
                eligible=pool,
                recused=[[p, r] for p, r in sorted(recused.items())],
                commission=[*keep, *draw(case.seed, pool, excluded, len(tied))],
                drawn_on=on,
            )
        )
    return events
