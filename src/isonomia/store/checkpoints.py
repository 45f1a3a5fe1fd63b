"""The transparency log's own records: signed checkpoints and their cosignatures (P18).

A checkpoint signs the Merkle tree over the ledger's entries at one size; a cosignature is a
member council's witness that the checkpoint extends the last one it saw. Both are kept
beside the ledger, not in it: they are statements *about* the ledger, signed by keys the
ledger registers, and each is verifiable on its own, so nothing depends on their order with
the entries (and an entry never has to wait for a witness). Rows are only ever added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.store.tables import metadata

__all__ = [
    "StoredCheckpoint",
    "StoredCosignature",
    "add_checkpoint",
    "add_cosignature",
    "all_cosignatures",
    "checkpoint",
    "checkpoint_at",
    "checkpoints_between",
    "cosignature",
    "cosignatures_of",
    "latest_checkpoint",
    "latest_cosigned",
]

_SIZE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

checkpoint = sa.Table(
    "checkpoint",
    metadata,
    sa.Column("size", _SIZE, primary_key=True, autoincrement=False),
    sa.Column("root", sa.String(64), nullable=False),
    # The signed note exactly as signed (checkpoint text, blank line, the log's signature).
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("made_at", sa.Text(), nullable=False),
)

cosignature = sa.Table(
    "cosignature",
    metadata,
    sa.Column("size", _SIZE, sa.ForeignKey("checkpoint.size"), primary_key=True),
    sa.Column("key_id", sa.String(32), primary_key=True),
    sa.Column("principal", sa.Text(), nullable=False),
    # The signature line of the signed note: "— <name> <base64>".
    sa.Column("line", sa.Text(), nullable=False),
)


@dataclass(frozen=True)
class StoredCosignature:
    key_id: str
    principal: str
    line: str


@dataclass(frozen=True)
class StoredCheckpoint:
    size: int
    root: str
    note: str
    made_at: str


def add_checkpoint(conn: Connection, size: int, root: str, note: str, made_at: str) -> None:
    conn.execute(checkpoint.insert().values(size=size, root=root, note=note, made_at=made_at))


def add_cosignature(conn: Connection, size: int, key_id: str, principal: str, line: str) -> None:
    conn.execute(
        cosignature.insert().values(size=size, key_id=key_id, principal=principal, line=line)
    )


def _stored(row: sa.Row[*tuple[Any, ...]]) -> StoredCheckpoint:
    return StoredCheckpoint(int(row.size), str(row.root), str(row.note), str(row.made_at))


_COLUMNS = (checkpoint.c.size, checkpoint.c.root, checkpoint.c.note, checkpoint.c.made_at)


def latest_checkpoint(conn: Connection) -> StoredCheckpoint | None:
    row = conn.execute(sa.select(*_COLUMNS).order_by(checkpoint.c.size.desc()).limit(1)).first()
    return None if row is None else _stored(row)


def latest_cosigned(conn: Connection) -> int | None:
    """The size of the latest checkpoint that carries a cosignature, or None."""
    size = conn.execute(sa.select(sa.func.max(cosignature.c.size))).scalar()
    return None if size is None else int(size)


def checkpoint_at(conn: Connection, size: int) -> StoredCheckpoint | None:
    row = conn.execute(sa.select(*_COLUMNS).where(checkpoint.c.size == size)).first()
    return None if row is None else _stored(row)


def checkpoints_between(conn: Connection, first: int, last: int) -> list[StoredCheckpoint]:
    """Checkpoints of sizes ``first`` to ``last`` inclusive, smallest first."""
    rows = conn.execute(
        sa.select(*_COLUMNS)
        .where(checkpoint.c.size >= first, checkpoint.c.size <= last)
        .order_by(checkpoint.c.size)
    ).all()
    return [_stored(row) for row in rows]


def cosignatures_of(conn: Connection, size: int) -> list[StoredCosignature]:
    rows = conn.execute(
        sa.select(cosignature.c.key_id, cosignature.c.principal, cosignature.c.line)
        .where(cosignature.c.size == size)
        .order_by(cosignature.c.principal)
    ).all()
    return [StoredCosignature(str(r.key_id), str(r.principal), str(r.line)) for r in rows]


def all_cosignatures(conn: Connection, after: int = 0) -> list[tuple[int, StoredCosignature]]:
    """Every cosignature received for checkpoints larger than ``after``, by size."""
    rows = conn.execute(
        sa.select(
            cosignature.c.size, cosignature.c.key_id, cosignature.c.principal, cosignature.c.line
        )
        .where(cosignature.c.size > after)
        .order_by(cosignature.c.size, cosignature.c.principal)
    ).all()
    return [
        (int(r.size), StoredCosignature(str(r.key_id), str(r.principal), str(r.line))) for r in rows
    ]
