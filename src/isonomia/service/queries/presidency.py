"""The presidency calendar as rows for people to read (P5), reckoned by the rules' rotation
from the read tables: the charter, the founding day and every seat of the rotation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.presidency import BeyondCalendar, Seat, rotation, schedule
from isonomia.service.errors import Refused
from isonomia.service.federation import Federation
from isonomia.service.queries.union import charter, founded_on
from isonomia.store.projections.membership import member_view


@dataclass(frozen=True)
class PresidencyRow:
    term: int
    member: str
    name: str
    start: date
    end: date
    acting: bool
    current: bool


def _seats(federation: Federation) -> tuple[list[Seat], dict[str, str]]:
    """The rotation's seats in order, one per membership (a member that rejoins takes a new
    seat at the end), with each member's name as its latest membership gives it."""
    m = member_view.c
    query = (
        sa.select(m.id, m.name, m.joined_on, m.leaves_on)
        .where(m.joined_on.is_not(None), m.rotation_position.is_not(None))
        .order_by(m.rotation_position)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    seats: list[Seat] = []
    names: dict[str, str] = {}
    for r in rows:
        ends = date.fromisoformat(r.leaves_on) if r.leaves_on else None
        seats.append((str(r.id), (date.fromisoformat(r.joined_on), ends)))
        names[str(r.id)] = str(r.name)
    return seats, names


def presidency_rows(federation: Federation, on: date, terms: int) -> list[PresidencyRow]:
    """Who presides on `on`, then in each of the next `terms` terms."""
    founded = founded_on(federation)
    if founded is None:
        return []
    seats, names = _seats(federation)
    try:
        tenures = schedule(rotation(charter(federation), founded, seats), founded, on, terms)
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
            name=names[t.member],
            start=t.start,
            end=t.end,
            acting=t.acting,
            current=t.start <= on < t.end,
        )
        for t in tenures
    ]
