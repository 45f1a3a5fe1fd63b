"""Read table of the amendments of the charter's settings (P10, P12): each adopted
amendment's changes, the charter they make, the day it takes effect and the day it took
effect; and the union's charter (`union_view`) once it has."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import CharterAmended, CharterAmendmentTookEffect
from isonomia.store.projections.membership import union_view
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

charter_amendment_view = read_table(
    sa.Table(
        "charter_amendment_view",
        metadata,
        sa.Column("motion", ID, primary_key=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("charter", sa.Text(), nullable=False),
        sa.Column("adopted_on", D, nullable=False),
        sa.Column("effective_on", D, nullable=False),
        sa.Column("took_effect_on", D),  # NULL: not yet
    )
)


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@projects(CharterAmended)
def _amended(conn: Connection, sequence: int, event: CharterAmended) -> None:
    conn.execute(
        charter_amendment_view.insert(),
        dict(
            motion=event.motion,
            changes=_json(event.changes),
            charter=_json(event.charter),
            adopted_on=iso(event.adopted_on),
            effective_on=iso(event.effective_on),
            took_effect_on=None,
        ),
    )


@projects(CharterAmendmentTookEffect)
def _took_effect(conn: Connection, sequence: int, event: CharterAmendmentTookEffect) -> None:
    row = charter_amendment_view.c
    conn.execute(
        sa.update(charter_amendment_view)
        .where(row.motion == event.motion)
        .values(took_effect_on=iso(event.took_effect_on))
    )
    charter = conn.execute(sa.select(row.charter).where(row.motion == event.motion)).scalar_one()
    conn.execute(sa.delete(union_view).where(union_view.c.key == "charter"))
    conn.execute(union_view.insert(), dict(key="charter", value=charter))
