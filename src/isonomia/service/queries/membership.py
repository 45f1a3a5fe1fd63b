"""Queries over membership (P1–P3): members and candidates as of a day.

Each membership is a row of its own: a member that left and rejoined is listed twice, its
earlier membership unchanged (P5)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from isonomia.service.clock import now
from isonomia.service.federation import Federation
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.secessions import secession_view


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    status: str
    population: int
    languages: list[str]
    joined_on: str | None
    leaves_on: str | None
    founding: bool


def _status_on(
    row: sa.Row[Any], day: str, secessions: list[sa.Row[Any]]
) -> tuple[str, str | None] | None:
    """A membership's status as of a day, with the day it leaves if it is leaving, from the
    dates the record keeps (P3); None before it began. A secession counts from the day it
    was decided until the day it was withdrawn, if it was."""
    if row.status in ("candidate", "rejected"):
        return str(row.status), None
    if row.joined_on is None or day < row.joined_on:
        return None
    for s in secessions:
        if s.decided_on <= day and (s.withdrawn_on is None or day < s.withdrawn_on):
            return ("seceded" if s.leaves_on <= day else "seceding"), str(s.leaves_on)
    return "member", None


def members(federation: Federation, on: date | None = None) -> list[MemberRow]:
    """Members and candidates from the read tables, with status as of `on` (P3).

    A membership that begins after `on` is not listed; one that ended is, as seceded."""
    day = on or now().date()
    with federation.db.reading() as conn:
        rows = conn.execute(
            sa.select(member_view).order_by(
                member_view.c.rotation_position.is_(None),
                member_view.c.rotation_position,
                member_view.c.id,
                member_view.c.membership,
            )
        ).all()
        decided = conn.execute(sa.select(secession_view).order_by(secession_view.c.sequence))
        secessions: dict[tuple[str, int], list[sa.Row[Any]]] = {}
        for s in decided:
            secessions.setdefault((s.member, s.membership), []).append(s)
    result = []
    for row in rows:
        answer = _status_on(row, day.isoformat(), secessions.get((row.id, row.membership), []))
        if answer is None:
            continue
        status, leaves_on = answer
        result.append(
            MemberRow(
                id=row.id,
                name=row.name,
                status=status,
                population=int(row.population),
                languages=list(json.loads(row.languages)),
                joined_on=row.joined_on,
                leaves_on=leaves_on,
                founding=bool(row.founding),
            )
        )
    return result


def leaves_on(federation: Federation, member: str) -> date | None:
    """The day a member leaves, once its secession is decided and not withdrawn (P3)."""
    query = (
        sa.select(member_view.c.leaves_on)
        .where(member_view.c.id == member)
        .order_by(member_view.c.membership.desc())
        .limit(1)
    )
    with federation.db.reading() as conn:
        day = conn.execute(query).scalar()
    return date.fromisoformat(day) if day else None
