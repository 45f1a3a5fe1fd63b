"""The presidency calendar as rows for people to read (P5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.presidency import BeyondCalendar, calendar
from isonomia.service.errors import Refused
from isonomia.service.federation import Federation


@dataclass(frozen=True)
class PresidencyRow:
    term: int
    member: str
    name: str
    start: date
    end: date
    acting: bool
    current: bool


def presidency_rows(federation: Federation, on: date, terms: int) -> list[PresidencyRow]:
    """Who presides on `on`, then in each of the next `terms` terms."""
    state = federation.state()
    try:
        tenures = calendar(state, on, terms)
    except BeyondCalendar as error:
        raise Refused(
            Refusal.of(
                "P5", N_("no presidency can be reckoned for {on}: {error}"), on=on, error=error
            )
        ) from error
    return [
        PresidencyRow(
            term=t.term,
            member=t.member,
            name=state.members[t.member].name,
            start=t.start,
            end=t.end,
            acting=t.acting,
            current=t.start <= on < t.end,
        )
        for t in tenures
    ]
