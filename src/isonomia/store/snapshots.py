"""Snapshots of the folded state: a cache, so a process need not replay the whole ledger.

A snapshot is the state as of one entry, stored with that entry's sequence and hash and
a format version. It is used only when the ledger still has that hash at that sequence
and the format is this program's; otherwise it is ignored and the state is folded from
the ledger, which stays the only record (eventsourcing's snapshotting is the model).

The state is pickled, as a fold of it to JSON would need a codec for every record of
every area. The database is trusted less than the ledger, so a snapshot is unpickled with
only the classes a state is made of (isonomia's records, dates, persistent maps), never
an arbitrary callable, and only when it sits at an entry the ledger verifies.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import FederationState
from isonomia.store.tables import ledger, metadata

__all__ = ["FORMAT", "SNAPSHOT_EVERY", "latest", "save", "state_snapshot"]

#: Bumped whenever the state's shape changes: a snapshot of another format is ignored.
FORMAT = 3
#: A write that crosses a multiple of this many entries stores a snapshot.
SNAPSHOT_EVERY = 10_000

state_snapshot = sa.Table(
    "state_snapshot",
    metadata,
    sa.Column(
        "sequence",
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        primary_key=True,
        autoincrement=False,
    ),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("format", sa.Integer(), nullable=False),
    sa.Column("state", sa.LargeBinary(), nullable=False),
)

_ALLOWED_MODULES = ("isonomia.", "immutables", "datetime", "enum", "pydantic")
_ALLOWED_BUILTINS = frozenset({"frozenset", "set", "dict", "list", "tuple"})


class _StateUnpickler(pickle.Unpickler):
    """Unpickles only what a state is made of (see the module's docstring): classes, never
    a function or a module, and only from isonomia (storage aside), dates, enums, pydantic
    and persistent maps."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = module.startswith(_ALLOWED_MODULES) and not module.startswith("isonomia.store")
        if module == "builtins":
            allowed = name in _ALLOWED_BUILTINS
        found = super().find_class(module, name) if allowed else None
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"a state snapshot may not hold {module}.{name}")
        return found


def save(conn: Connection, sequence: int, digest: str, state: FederationState) -> None:
    """Store the state as of entry `sequence` (hash `digest`), replacing older snapshots."""
    blob = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    conn.execute(state_snapshot.delete())
    conn.execute(
        state_snapshot.insert().values(sequence=sequence, hash=digest, format=FORMAT, state=blob)
    )


def latest(conn: Connection, up_to: int) -> tuple[int, FederationState] | None:
    """The newest usable snapshot at or before entry `up_to`, or None.

    Usable: of this format, at an entry whose hash in the ledger is the one it was taken
    at, and unpickling to a state of that many events.
    """
    row = conn.execute(
        sa.select(state_snapshot)
        .where(state_snapshot.c.sequence <= up_to, state_snapshot.c.format == FORMAT)
        .order_by(state_snapshot.c.sequence.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    at = conn.execute(sa.select(ledger.c.hash).where(ledger.c.sequence == row.sequence)).scalar()
    if at != row.hash:
        return None
    try:
        state = _StateUnpickler(io.BytesIO(row.state)).load()
    except Exception:
        return None
    if not isinstance(state, FederationState) or state.version != row.sequence:
        return None
    return int(row.sequence), state
