"""Queries over organs (P4): who sits where, and sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.organs import session_view


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


def organs(federation: Federation, on: date) -> list[OrganRow]:
    """The charter's organs, each with who sits for which member on a day (P4)."""
    state = federation.state()
    charter = federation.charter()
    rows = []
    for organ in charter.organs:
        sitting = sorted(
            f"{d.member}: {d.person}"
            for d in state.delegations
            if d.organ == organ.id and d.sits(on) and state.is_member(d.member, on)
        )
        rows.append(OrganRow(organ.id, organ.kind.value, organ.name, sitting))
    for member in state.members_on(on):
        rows.append(OrganRow(f"council:{member.id}", "member-council", f"{member.name}", []))
    return rows


def sessions(federation: Federation, organ: str | None = None) -> list[SessionRow]:
    query = sa.select(session_view).order_by(session_view.c.held_on, session_view.c.id)
    if organ:
        query = query.where(session_view.c.organ == organ)
    with federation.db.reading() as conn:
        return [
            SessionRow(r.id, r.organ, r.held_on, r.presided_by, json.loads(r.agenda))
            for r in conn.execute(query)
        ]
