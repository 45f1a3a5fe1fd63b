"""Read table of the register of competences (P10): every line of its history, in order."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import CompetencesAmended
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

competence_view = read_table(
    sa.Table(
        "competence_view",
        metadata,
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("field", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("effective_on", D),  # NULL: from the charter itself
        sa.Column("by", ID, nullable=False),
    )
)


def add_competence(conn: Connection, name: str, kind: str, on: str | None, by: str) -> None:
    top = conn.execute(sa.select(sa.func.max(competence_view.c.position))).scalar()
    conn.execute(
        competence_view.insert(),
        dict(position=int(top or 0) + 1, field=name, kind=kind, effective_on=on, by=by),
    )


@projects(CompetencesAmended)
def _amended(conn: Connection, sequence: int, event: CompetencesAmended) -> None:
    for name, kind in sorted(event.changes.items()):
        add_competence(conn, name, kind, iso(event.effective_on), event.motion)
