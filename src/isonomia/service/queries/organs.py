"""Queries over organs (P4): who sits where on a day, sessions, and the charter's defaults."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.charter.model import OrganKind
from isonomia.service.federation import Federation
from isonomia.store.projections.membership import member_view, union_view
from isonomia.store.projections.organs import delegation_view, session_view


@dataclass(frozen=True)
class OrganRow:
    id: str
    kind: str
    name: str
    delegates: list[str]  # "member: person"


@dataclass(frozen=True)
class SessionRow:
    id: str
    organ: str
    held_on: str
    presided_by: str | None
    agenda: list[str]


def founded_on(federation: Federation) -> date | None:
    """The day the union was founded (P1), or None before its founding."""
    query = sa.select(union_view.c.value).where(union_view.c.key == "founded_on")
    with federation.db.reading() as conn:
        value = conn.execute(query).scalar()
    return date.fromisoformat(value) if value else None


def clock(federation: Federation) -> str:
    """ "simulated" when the union's dates are asserted by its commands, else "live" (P18)."""
    query = sa.select(union_view.c.value).where(union_view.c.key == "clock")
    with federation.db.reading() as conn:
        value = conn.execute(query).scalar()
    return str(value or "live")


def union_council(federation: Federation) -> str:
    """The id of the charter's union council: the organ commands default to (P4)."""
    charter = federation.charter()
    councils = [o.id for o in charter.organs if o.kind is OrganKind.UNION_COUNCIL]
    return councils[0] if councils else charter.accession.decided_by


def deciding_organ(federation: Federation) -> str:
    """The organ that admits candidates under the charter's accession rule (P2)."""
    return federation.charter().accession.decided_by


def _members_on(conn: Connection, on: date) -> list[tuple[str, str]]:
    """(id, name) of the members on a day: joined by then and not yet left (P2, P3)."""
    day = on.isoformat()
    query = (
        sa.select(member_view.c.id, member_view.c.name)
        .where(
            member_view.c.joined_on.is_not(None),
            member_view.c.joined_on <= day,
            sa.or_(member_view.c.leaves_on.is_(None), member_view.c.leaves_on > day),
        )
        .order_by(
            member_view.c.rotation_position.is_(None),
            member_view.c.rotation_position,
            member_view.c.id,
        )
    )
    return [(str(r.id), str(r.name)) for r in conn.execute(query)]


def _sitting(conn: Connection, on: date, members: set[str]) -> dict[str, list[str]]:
    """Per organ, "member: person" for every delegate whose term covers the day (P4)."""
    d, day = delegation_view.c, on.isoformat()
    query = sa.select(delegation_view).where(
        d.term_from <= day,
        sa.or_(d.term_until.is_(None), d.term_until > day),
        sa.or_(d.recalled_on.is_(None), d.recalled_on > day),
    )
    sitting: dict[str, list[str]] = {}
    for r in conn.execute(query):
        if r.member in members:
            sitting.setdefault(str(r.organ), []).append(f"{r.member}: {r.person}")
    return {organ: sorted(set(people)) for organ, people in sitting.items()}


def organs(federation: Federation, on: date) -> list[OrganRow]:
    """The charter's organs, each with who sits for which member on a day, and each
    member's own council (P4), from the read tables."""
    charter = federation.charter()
    with federation.db.reading() as conn:
        members = _members_on(conn, on)
        sitting = _sitting(conn, on, {m for m, _ in members})
    rows = [
        OrganRow(organ.id, organ.kind.value, organ.name, sitting.get(organ.id, []))
        for organ in charter.organs
    ]
    rows += [OrganRow(f"council:{m}", "member-council", name, []) for m, name in members]
    return rows


def sessions(
    federation: Federation, organ: str | None = None, on: date | None = None
) -> list[SessionRow]:
    """Sessions in the order they are held; with `on`, those held by that day."""
    query = sa.select(session_view).order_by(session_view.c.held_on, session_view.c.id)
    if organ:
        query = query.where(session_view.c.organ == organ)
    if on is not None:
        query = query.where(session_view.c.held_on <= on.isoformat())
    with federation.db.reading() as conn:
        return [
            SessionRow(r.id, r.organ, r.held_on, r.presided_by, json.loads(r.agenda))
            for r in conn.execute(query)
        ]
