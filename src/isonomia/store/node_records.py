"""A member's node's own records (P3, P18): the checkpoints it accepted, and its alarms.

A node keeps the union's entries in its own ledger (the same tables as the union's); beside
them it keeps what it decided about the log: each checkpoint it accepted (its note with the
cosignatures it carried, whether this node co-signed it, and where it came from), and each
alarm it raised with the evidence (the entry, or both signed notes). Rows are only added;
an alarm stays until a person clears the node's database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.store.tables import metadata

__all__ = [
    "AcceptedCheckpoint",
    "Alarm",
    "accept",
    "accepted_at",
    "add_alarm",
    "alarms",
    "all_accepted",
    "keep_statement",
    "latest_accepted",
    "mark_cosigned",
    "node_alarm",
    "node_checkpoint",
]

_SIZE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

node_checkpoint = sa.Table(
    "node_checkpoint",
    metadata,
    sa.Column("size", _SIZE, primary_key=True, autoincrement=False),
    sa.Column("root", sa.String(64), nullable=False),
    # The signed note as received: the log's signature and the cosignatures it carried.
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("accepted_at", sa.Text(), nullable=False),
    # This node's own cosignature line, once it co-signed (only what it re-derived).
    sa.Column("cosignature", sa.Text(), nullable=True),
    # The log's signed statement of this node's member's export at this size, when fetched.
    sa.Column("statement", sa.Text(), nullable=True),
)

node_alarm = sa.Table(
    "node_alarm",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("sequence", _SIZE, nullable=True),
    sa.Column("line", sa.Text(), nullable=False),
    # What proves it: the entry as served, or both signed notes (JSON text).
    sa.Column("evidence", sa.Text(), nullable=False),
    sa.Column("raised_at", sa.Text(), nullable=False),
)


@dataclass(frozen=True)
class AcceptedCheckpoint:
    size: int
    root: str
    note: str
    source: str
    accepted_at: str
    cosignature: str | None
    statement: str | None = None


@dataclass(frozen=True)
class Alarm:
    kind: str
    sequence: int | None
    line: str
    evidence: str
    raised_at: str


def _accepted(row: sa.Row[Any]) -> AcceptedCheckpoint:
    return AcceptedCheckpoint(
        int(row.size),
        row.root,
        row.note,
        row.source,
        row.accepted_at,
        row.cosignature,
        row.statement,
    )


def accept(conn: Connection, size: int, root: str, note: str, source: str, at: str) -> None:
    conn.execute(
        node_checkpoint.insert().values(
            size=size, root=root, note=note, source=source, accepted_at=at, cosignature=None
        )
    )


def mark_cosigned(conn: Connection, size: int, line: str) -> None:
    conn.execute(
        node_checkpoint.update().where(node_checkpoint.c.size == size).values(cosignature=line)
    )


def keep_statement(conn: Connection, size: int, statement: str) -> None:
    conn.execute(
        node_checkpoint.update().where(node_checkpoint.c.size == size).values(statement=statement)
    )


def latest_accepted(conn: Connection) -> AcceptedCheckpoint | None:
    row = conn.execute(
        sa.select(node_checkpoint).order_by(node_checkpoint.c.size.desc()).limit(1)
    ).first()
    return None if row is None else _accepted(row)


def all_accepted(conn: Connection) -> list[AcceptedCheckpoint]:
    rows = conn.execute(sa.select(node_checkpoint).order_by(node_checkpoint.c.size)).all()
    return [_accepted(row) for row in rows]


def accepted_at(conn: Connection, size: int) -> AcceptedCheckpoint | None:
    row = conn.execute(sa.select(node_checkpoint).where(node_checkpoint.c.size == size)).first()
    return None if row is None else _accepted(row)


def add_alarm(
    conn: Connection, kind: str, sequence: int | None, line: str, evidence: str, at: str
) -> None:
    conn.execute(
        node_alarm.insert().values(
            kind=kind, sequence=sequence, line=line, evidence=evidence, raised_at=at
        )
    )


def alarms(conn: Connection) -> list[Alarm]:
    rows = conn.execute(sa.select(node_alarm).order_by(node_alarm.c.id)).all()
    return [Alarm(r.kind, r.sequence, r.line, r.evidence, r.raised_at) for r in rows]
