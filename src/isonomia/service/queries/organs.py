"""Queries over organs (P4): who sits where on a day, and sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.service.federation import Federation
from isonomia.service.queries.union import charter
from isonomia.store.projections.inspection import sanction_view
from isonomia.store.projections.membership import member_view
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


def members_on_day(conn: Connection, on: date) -> list[tuple[str, str]]:
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


def _suspended(conn: Connection, day: str) -> dict[str, str]:
    """Persons whose seats a suspension pauses on the day, and the day it ends (P17)."""
    s = sanction_view.c
    query = sa.select(s.person, s.resumes_on).where(
        s.sanction == "suspension from office",
        s.effective_on <= day,
        s.resumes_on > day,
    )
    return {str(r.person): str(r.resumes_on) for r in conn.execute(query)}


def _sitting(conn: Connection, on: date, members: set[str]) -> dict[str, list[str]]:
    """Per organ, "member: person" for every delegate whose term covers the day (P4); one
    whom a suspension pauses is shown so, with the day it ends (P17)."""
    d, day = delegation_view.c, on.isoformat()
    suspended = _suspended(conn, day)
    query = sa.select(delegation_view).where(
        d.term_from <= day,
        sa.or_(d.term_until.is_(None), d.term_until > day),
        sa.or_(d.recalled_on.is_(None), d.recalled_on > day),
    )
    sitting: dict[str, list[str]] = {}
    for r in conn.execute(query):
        if r.member in members:
            paused = suspended.get(str(r.person))
            note = f" (suspended until {paused})" if paused else ""
            sitting.setdefault(str(r.organ), []).append(f"{r.member}: {r.person}{note}")
    return {organ: sorted(set(people)) for organ, people in sitting.items()}


def organs(federation: Federation, on: date) -> list[OrganRow]:
    """The charter's organs, each with who sits for which member on a day, and each
    member's own council (P4), from the read tables."""
    adopted = charter(federation)
    with federation.db.reading() as conn:
        members = members_on_day(conn, on)
        sitting = _sitting(conn, on, {m for m, _ in members})
    rows = [
        OrganRow(organ.id, organ.kind.value, organ.name, sitting.get(organ.id, []))
        for organ in adopted.organs
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


def session(federation: Federation, session_id: str) -> SessionRow | None:
    """One session, with its agenda as it stands."""
    query = sa.select(session_view).where(session_view.c.id == session_id)
    with federation.db.reading() as conn:
        r = conn.execute(query).first()
    return (
        None
        if r is None
        else SessionRow(r.id, r.organ, r.held_on, r.presided_by, json.loads(r.agenda))
    )


def members_on(federation: Federation, on: date) -> list[str]:
    """The members on a day, in the rotation's order (P2, P3, P5)."""
    with federation.db.reading() as conn:
        return [member for member, _ in members_on_day(conn, on)]
