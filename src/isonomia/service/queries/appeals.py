"""Queries over appeals (P6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.service.queries.motions import acts
from isonomia.store.projections.appeals import appeal_view


@dataclass(frozen=True)
class AppealRow:
    id: str
    act: str
    member: str
    ground: str
    filed_on: str
    suspensive: bool
    review_session: str | None
    ruling: str | None
    ruled_on: str | None
    act_in_force: bool


def appeals(federation: Federation, on: date) -> list[AppealRow]:
    """Appeals filed by a day, with their ruling if given by then (P6)."""
    in_force = {a.id: a.in_force for a in acts(federation, on)}
    day = on.isoformat()
    query = (
        sa.select(appeal_view)
        .where(appeal_view.c.filed_on <= day)
        .order_by(appeal_view.c.filed_on, appeal_view.c.id)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        AppealRow(
            r.id,
            r.act,
            r.member,
            r.ground,
            r.filed_on,
            bool(r.suspensive),
            r.review_session,
            r.ruling if r.ruled_on and r.ruled_on <= day else None,
            r.ruled_on if r.ruled_on and r.ruled_on <= day else None,
            in_force.get(r.act, False),
        )
        for r in rows
    ]
