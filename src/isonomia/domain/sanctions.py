"""Sanctions that final findings put on a person (P17), and what they do to the offices the
person holds: a removal ends every seat, post and named office from its day and bars the
person from office for the charter's days; a suspension pauses them for the charter's days;
a transfer or a reprimand is recorded on the person. The rules derive `SanctionTookEffect`
in the derivation that makes the findings final, so a replay derives it again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from isonomia.domain.base import evolves, revise
from isonomia.domain.inspection import REMOVAL, SUSPENSION, SanctionTookEffect
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


@dataclass(frozen=True)
class Sanction:
    """A sanction final findings put on a person (P17)."""

    case: str
    findings: str
    person: str
    kind: str
    effective_on: date
    resumes_on: date | None = None
    bar_until: date | None = None
    #: (office, organ, member or "") of every office it ended or paused.
    offices: tuple[tuple[str, str, str], ...] = ()

    def in_effect(self, on: date) -> bool:
        """Whether the offices it took are lost on the day: for good after a removal, until
        it resumes after a suspension; a transfer or a reprimand takes none."""
        if on < self.effective_on:
            return False
        if self.kind == REMOVAL:
            return True
        return self.kind == SUSPENSION and self.resumes_on is not None and on < self.resumes_on

    def bars(self, on: date) -> bool:
        """Whether it bars the person from being appointed to an office on the day."""
        return self.bar_until is not None and self.effective_on <= on < self.bar_until

    def describe(self) -> str:
        until = self.bar_until or self.resumes_on
        tail = f" until {until.isoformat()}" if until else ""
        return f"{self.kind} (case {self.case}, from {self.effective_on.isoformat()}{tail})"


@evolves(SanctionTookEffect)
def _sanction_took_effect(state: FederationState, event: SanctionTookEffect) -> FederationState:
    """A removal ends every seat, post and named office the person holds on or after the day;
    a suspension pauses them until it resumes; the sanction is kept on the person (P17)."""
    on, removal = event.effective_on, event.sanction == REMOVAL
    until = None if removal else event.resumes_on
    if removal or until is not None:
        log, still_open = state.delegation_log, state.open_delegations
        for number in state.delegations_by_person.get(event.person, ()):
            d = log[number]
            ends = [e for e in (d.term_until, d.recalled_on) if e is not None]
            if ends and min(ends) <= on:
                continue
            if removal:
                d = replace(d, recalled_on=max(on, d.term_from))
                who = (d.organ, d.member, d.person)
                kept = tuple(n for n in still_open.get(who, ()) if n != number)
                still_open = put(still_open, who, kept)
            elif until is not None:
                d = replace(d, paused=(*d.paused, (on, until)))
            log = put(log, number, d)
        state = revise(state, delegation_log=log, open_delegations=still_open)
        state = revise(state, offices=state.offices.sanction(event.person, on, until))
    record = Sanction(
        event.case,
        event.findings,
        event.person,
        event.sanction,
        on,
        event.resumes_on,
        event.bar_until,
        tuple((o, g, m) for o, g, m in event.offices),
    )
    sanctions = state.inspection.sanctions
    mine = (*sanctions.get(event.person, ()), record)
    book = replace(state.inspection, sanctions=put(sanctions, event.person, mine))
    return revise(state, inspection=book)
