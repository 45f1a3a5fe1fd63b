"""Queries over procedure (P4, P12, P14): what a person must see of a motion before its
vote: who received its draft when, in which languages, its notice, and its postponements."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.procedure import circulation_view, postponement_view


@dataclass(frozen=True)
class CirculationRow:
    motion: str
    member: str
    received_on: str
    languages: str
    notice_days: int
    notice_ends_on: str
    urgent: bool
    justification: str | None
    concerned: bool


@dataclass(frozen=True)
class PostponementRow:
    motion: str
    member: str
    reason: str
    requested_on: str
    days: int
    vote_from: str
    notified: str


def circulation(federation: Federation, motion: str) -> list[CirculationRow]:
    """Each member's council that received `motion`'s draft, when, and in which languages."""
    query = (
        sa.select(circulation_view)
        .where(circulation_view.c.motion == motion)
        .order_by(circulation_view.c.member)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        CirculationRow(
            r.motion,
            r.member,
            r.received_on,
            r.languages,
            r.notice_days,
            r.notice_ends_on,
            bool(r.urgent),
            r.justification,
            bool(r.concerned),
        )
        for r in rows
    ]


def postponements(federation: Federation, motion: str) -> list[PostponementRow]:
    """The postponements of `motion`'s vote, in the order they were asked for."""
    query = (
        sa.select(postponement_view)
        .where(postponement_view.c.motion == motion)
        .order_by(postponement_view.c.requested_on, postponement_view.c.member)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        PostponementRow(
            r.motion, r.member, r.reason, r.requested_on, r.days, r.vote_from, r.notified
        )
        for r in rows
    ]
