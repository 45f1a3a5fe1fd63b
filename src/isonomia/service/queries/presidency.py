"""The presidency calendar as rows for people to read (P5), reckoned by the rules' rotation
from the read tables: the charter, the founding day and every seat of the rotation; and who
presides over an organ on a day, with the delegate who signs its procedural acts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.presidency import BeyondCalendar, Seat, rotation, schedule
from isonomia.rules.presiding import rotates
from isonomia.service.errors import Refused
from isonomia.service.federation import Federation
from isonomia.service.queries.union import charter, founded_on, union_council
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.motions import act_view
from isonomia.store.projections.organs import delegation_view
from isonomia.store.projections.presidency import presiding_delegate_view


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


@dataclass(frozen=True)
class PresidingRow:
    """Who presides over an organ on a day, and who signs its procedural acts (P5)."""

    organ: str
    day: date
    term: int | None
    member: str | None
    #: The presiding delegate (``person:ID``), or None when none sits for the member there.
    delegate: str | None
    #: Whether the delegate is the one its council designated for the term.
    designated: bool
    #: Whether the charter has the presiding delegate sign the organ's procedural acts.
    delegate_signs: bool
    #: The acts the secretariat signs there (all of them where the delegate does not).
    secretariat_acts: list[str]


_ACTS = ["convene", "table", "circulate", "count", "publish"]


def _sits(row: Any, day: date) -> bool:
    iso_day = day.isoformat()
    return (
        str(row.term_from) <= iso_day
        and (row.term_until is None or iso_day < str(row.term_until))
        and (row.recalled_on is None or iso_day < str(row.recalled_on))
    )


def presiding(federation: Federation, organ: str, day: date) -> PresidingRow:
    """Who presides over `organ` on `day` and which delegate signs its procedural acts,
    as the rules reckon it (`rules.presiding.presiding_delegate`), from the read tables."""
    adopted = charter(federation)
    council = union_council(federation)
    presidency = adopted.presidency
    signs = presidency.presides == "delegate" and rotates(presidency, organ, council)
    left = [a for a in _ACTS if not signs or a in presidency.secretariat_acts]
    founded = founded_on(federation)
    tenure = None
    if founded is not None and day >= founded:
        seats, _ = _seats(federation)
        try:
            found = schedule(rotation(adopted, founded, seats), founded, day, 0)
        except BeyondCalendar:
            found = []
        tenure = next((t for t in found if t.start <= day < t.end), None)
    if tenure is None:
        return PresidingRow(organ, day, None, None, None, False, signs, left)
    d, p = delegation_view.c, presiding_delegate_view.c
    with federation.db.reading() as conn:
        sitting = conn.execute(
            sa.select(d.person, d.term_from, d.term_until, d.recalled_on)
            .where(d.organ == organ, d.member == tenure.member)
            .order_by(d.sequence)
        ).all()
        chosen = conn.execute(
            sa.select(p.person)
            .where(
                p.organ == organ,
                p.term == tenure.term + 1,
                p.member == tenure.member,
                p.designated_on < day.isoformat(),
            )
            .order_by(p.designated_on.desc())
            .limit(1)
        ).scalar()
    present = [str(r.person) for r in sitting if _sits(r, day)]
    person: str | None = present[0] if present else None
    designated = chosen is not None and str(chosen) in present
    if designated:
        person = str(chosen)
    return PresidingRow(
        organ=organ,
        day=day,
        term=tenure.term + 1,
        member=tenure.member,
        delegate=f"person:{person}" if person is not None else None,
        designated=designated,
        delegate_signs=signs,
        secretariat_acts=left,
    )


def procedural_signer(federation: Federation, organ: str, act: str, day: date) -> str:
    """Who signs `act` in `organ` on `day` by default: the presiding delegate where the
    charter has it sign (P5), else the secretariat."""
    presidency = charter(federation).presidency
    if presidency.presides != "delegate" or act in presidency.secretariat_acts:
        return "secretariat"
    row = presiding(federation, organ, day)
    if row.delegate_signs and act not in row.secretariat_acts and row.delegate is not None:
        return row.delegate
    return "secretariat"


def organ_of_motion(federation: Federation, motion: str) -> str | None:
    """The organ a motion or act belongs to, or None for an unknown one."""
    with federation.db.reading() as conn:
        found = conn.execute(sa.select(act_view.c.organ).where(act_view.c.id == motion)).scalar()
    return str(found) if found is not None else None
