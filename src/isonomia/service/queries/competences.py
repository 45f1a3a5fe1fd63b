"""Queries over the register of competences (P10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.competences import competence_view


@dataclass(frozen=True)
class CompetenceRow:
    field: str
    kind: str
    since: str  # a date, or "charter"
    by: str


def competences(federation: Federation, on: date) -> list[CompetenceRow]:
    """The register of competences as of a day (P10)."""
    current: dict[str, CompetenceRow] = {}
    for row in competence_history(federation):
        if row.since == "charter" or row.since <= on.isoformat():
            current[row.field] = row
    return sorted(current.values(), key=lambda r: (r.kind, r.field))


def competence_history(federation: Federation, field: str | None = None) -> list[CompetenceRow]:
    query = sa.select(competence_view).order_by(competence_view.c.position)
    if field:
        query = query.where(competence_view.c.field == field)
    with federation.db.reading() as conn:
        return [
            CompetenceRow(r.field, r.kind, r.effective_on or "charter", r.by)
            for r in conn.execute(query)
        ]
