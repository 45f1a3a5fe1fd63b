"""Snapshots of the folded state: a cache, so a process need not replay the whole ledger.

A snapshot is the state as of one entry, stored with that entry's sequence and hash and
a format version. It is used only when the ledger still has that hash at that sequence
and the format is this program's; otherwise it is ignored and the state is folded from
the ledger, which stays the only record (eventsourcing's snapshotting is the model).

The state is pickled, as a fold of it to JSON would need a codec for every record of
every area. The database is trusted less than the ledger, so a snapshot is unpickled with
only the classes a state is made of (isonomia's records, dates, persistent maps), never
an arbitrary callable, and only when it sits at an entry the ledger verifies.

What a new process pays for its first write is loading the snapshot and folding the entries
after it. Loading grows with the state; so the entries allowed after a snapshot grow with it
too (``due``): one entry more per ``BYTES_PER_ENTRY`` bytes of the last snapshot, at least
``SNAPSHOT_EVERY``. Folding the tail then costs about as much as loading the snapshot, and
storing snapshots costs the same per entry at any size. The cyclic garbage collector is
paused while a snapshot is unpickled: the state is millions of small acyclic objects, and
collecting while they are made only walks them again and again (it halved the load); the
loaded state is then frozen out of the collector's sight (``gc.freeze``), as it holds no
cycle to collect: its old versions are freed by reference counting alone.
"""

from __future__ import annotations

import gc
import io
import pickle
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import FederationState
from isonomia.store.tables import ledger, metadata

__all__ = ["BYTES_PER_ENTRY", "FORMAT", "SNAPSHOT_EVERY", "due", "latest", "save", "state_snapshot"]

#: Bumped whenever the state's shape changes: a snapshot of another format is ignored.
FORMAT = 3
#: At least this many entries between two snapshots (and a fresh process folds up to a
#: tenth of it from the ledger rather than loading a snapshot).
SNAPSHOT_EVERY = 1_000
#: One entry more between snapshots per this many bytes of the last one: folding an entry
#: (verifying it included) costs about as much as unpickling this many bytes of state.
BYTES_PER_ENTRY = 8_000

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


def due(conn: Connection, sequence: int) -> bool:
    """Whether a write that reached entry `sequence` should store a snapshot (module doc)."""
    row = conn.execute(
        sa.select(state_snapshot.c.sequence, sa.func.length(state_snapshot.c.state))
        .order_by(state_snapshot.c.sequence.desc())
        .limit(1)
    ).first()
    if row is None or row[0] > sequence:  # none yet, or one of another ledger
        return sequence >= SNAPSHOT_EVERY
    return sequence - int(row[0]) >= max(SNAPSHOT_EVERY, int(row[1]) // BYTES_PER_ENTRY)


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
        state = _load(row.state)
    except Exception:
        return None
    if not isinstance(state, FederationState) or state.version != row.sequence:
        return None
    return int(row.sequence), state


def _load(blob: bytes) -> Any:
    collecting = gc.isenabled()
    gc.disable()
    try:
        state = _StateUnpickler(io.BytesIO(blob)).load()
        # Out of the collector's sight for good: else its next pass walks them all once more.
        gc.freeze()
        return state
    finally:
        if collecting:
            gc.enable()
