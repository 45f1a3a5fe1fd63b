"""Read table of those who connived (P17): each official a case's commission named as having
known and not acted, the evidence cited, their defender, and the sanctions findings put on
them. A case's rows are shown only to those who see the case
(`service/queries/inspection.py`)."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.connivance import (
    ConniverDefenderNamed,
    ConniverNamed,
    ConniverSanctionsProposed,
)
from isonomia.store.projections.inspection import set_case
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

__all__ = ["conniver_view"]

conniver_view = read_table(
    sa.Table(
        "conniver_view",
        metadata,
        sa.Column("case", ID, primary_key=True),
        sa.Column("person", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),  # JSON list of SHA-256
        sa.Column("named_by", ID, nullable=False),
        sa.Column("named_on", D, nullable=False),
        sa.Column("defender", ID),
        sa.Column("sanctions", sa.Text(), nullable=False),  # JSON list of [findings, sanction]
    )
)


def _where(case: str, person: str) -> sa.ColumnElement[bool]:
    return sa.and_(conniver_view.c.case == case, conniver_view.c.person == person)


@projects(ConniverNamed)
def _named(conn: Connection, sequence: int, event: ConniverNamed) -> None:
    set_case(conn, event.case, sequence)
    conn.execute(
        conniver_view.insert(),
        dict(
            case=event.case,
            person=event.person,
            sequence=sequence,
            round=event.round,
            evidence=json.dumps(event.evidence),
            named_by=event.named_by,
            named_on=iso(event.named_on),
            sanctions="[]",
        ),
    )


@projects(ConniverDefenderNamed)
def _defender(conn: Connection, sequence: int, event: ConniverDefenderNamed) -> None:
    set_case(conn, event.case, sequence)
    conn.execute(
        sa.update(conniver_view)
        .where(_where(event.case, event.conniver))
        .values(defender=event.defender)
    )


@projects(ConniverSanctionsProposed)
def _sanctions(conn: Connection, sequence: int, event: ConniverSanctionsProposed) -> None:
    for person, sanction in event.sanctions:
        row = conn.execute(
            sa.select(conniver_view.c.sanctions).where(_where(event.case, person))
        ).first()
        if row is None:
            continue
        given = [*json.loads(row.sanctions), [event.findings, sanction]]
        conn.execute(
            sa.update(conniver_view)
            .where(_where(event.case, person))
            .values(sanctions=json.dumps(given))
        )
