"""Snapshots of the folded state: a cache, so a process need not replay the whole ledger.

A snapshot is the state as of one entry, stored with that entry's sequence and hash and
a format version. It is used only when the ledger still has that hash at that sequence
and the format is this program's; otherwise it is ignored and the state is folded from
the ledger, which stays the only record (eventsourcing's snapshotting is the model).

The state is pickled, as a fold of it to JSON would need a codec for every record of
every area. The database is trusted less than the ledger, so a snapshot is unpickled with
only the classes a state is made of (isonomia's records, dates, persistent maps), never
an arbitrary callable, and only when it sits at an entry the ledger verifies.

Large maps are not in the snapshot's body: each is stored apart, in levels of buckets
(`isonomia.store.state_levels`), and comes back as a `LazyMap` that reads a bucket when a
key of it is asked for. A new snapshot of such a map writes only what changed since the
last, and the state in memory is rebased onto what was written (`save` returns it).

What a new process pays for its first write is loading the snapshot's body, the buckets of
the keys the command looks up, and folding the entries after the snapshot. The body is
small, so snapshots come every ``SNAPSHOT_EVERY`` entries; should it grow, the entries
allowed after one grow with it (``due``: one more per ``BYTES_PER_ENTRY`` bytes of it), so
folding the tail costs about as much as loading the body. The cyclic garbage collector is
paused while a snapshot is unpickled (a state is many small acyclic objects, and
collecting while they are made only walks them again and again); the loaded state is then
frozen out of the collector's sight (``gc.freeze``): its old versions are freed by
reference counting alone.
"""

from __future__ import annotations

import gc
import io
import pickle
from dataclasses import fields, is_dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import FederationState
from isonomia.domain.persistent import LazyMap, Map
from isonomia.store import state_levels
from isonomia.store.state_levels import LevelStack
from isonomia.store.state_shape import state_format
from isonomia.store.tables import ledger, metadata

__all__ = [
    "BYTES_PER_ENTRY",
    "FORMAT",
    "KEEP",
    "SNAPSHOT_EVERY",
    "due",
    "latest",
    "level_ids",
    "newest",
    "save",
    "stale",
    "state_snapshot",
]

#: The state's shape, as a number: a snapshot of another shape is ignored (`state_shape`).
FORMAT = state_format()
#: At least this many entries between two snapshots (and a fresh process folds up to a
#: tenth of it from the ledger rather than loading a snapshot).
SNAPSHOT_EVERY = 1_000
#: One entry more between snapshots per this many bytes of the last one: folding an entry
#: (verifying it included) costs about as much as unpickling this many bytes of state.
BYTES_PER_ENTRY = 8_000
#: Snapshots kept: the newest and the one before, whose levels a process may still read.
KEEP = 2

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
    #: The ids of the levels its large maps are kept on, separated by spaces.
    sa.Column("levels", sa.Text(), nullable=False, server_default=""),
)

_ALLOWED_MODULES = ("isonomia.", "immutables", "datetime", "decimal", "enum", "pydantic")
_ALLOWED_BUILTINS = frozenset({"frozenset", "set", "dict", "list", "tuple"})
#: The persistent id of a map kept in levels: (_LEVELS, size, ((id, buckets, count), ...)).
_LEVELS = "isonomia-levels"


class _StateUnpickler(pickle.Unpickler):
    """Unpickles only what a state is made of (see the module's docstring): classes, never
    a function or a module, and only from isonomia (storage aside), dates, enums, pydantic
    and persistent maps; with a connection, maps kept in levels come back lazy."""

    def __init__(self, file: io.BytesIO, conn: Connection | None = None) -> None:
        super().__init__(file)
        self.conn = conn

    def find_class(self, module: str, name: str) -> Any:
        allowed = module.startswith(_ALLOWED_MODULES) and not module.startswith("isonomia.store")
        if module == "builtins":
            allowed = name in _ALLOWED_BUILTINS
        found = super().find_class(module, name) if allowed else None
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"a state snapshot may not hold {module}.{name}")
        return found

    def persistent_load(self, pid: Any) -> Any:
        if self.conn is None or not (
            isinstance(pid, tuple) and len(pid) == 3 and pid[0] == _LEVELS
        ):
            raise pickle.UnpicklingError("a state snapshot refers to something unknown")
        _, size, described = pid
        stack = state_levels.loaded(self.conn, described, _loads)
        return LazyMap(stack, int(size))


def _loads(blob: bytes) -> Any:
    return _StateUnpickler(io.BytesIO(blob)).load()


class _SnapshotPickler(pickle.Pickler):
    """Pickles a state's body, writing each large map to levels instead."""

    def __init__(self, file: io.BytesIO, writer: state_levels.Writer) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer = writer
        #: id(map) -> (the map, kept alive so its id stays its own; the levels it went to)
        self.stacks: dict[int, tuple[Any, LevelStack]] = {}

    def persistent_id(self, obj: Any) -> Any:
        if not isinstance(obj, LazyMap | Map) or (
            isinstance(obj, Map) and len(obj) < state_levels.THRESHOLD
        ):
            return None
        known = self.stacks.get(id(obj))
        if known is None:
            known = self.stacks[id(obj)] = (obj, self.writer.stack(obj))
        return (_LEVELS, len(obj), tuple(level.describe() for level in known[1].levels))


def save(conn: Connection, sequence: int, digest: str, state: FederationState) -> FederationState:
    """Store the state as of entry `sequence` (hash `digest`), keeping the `KEEP` newest
    snapshots and their levels; returns the same state with its large maps kept on the
    levels just written, for the caller to go on with."""
    writer = state_levels.Writer(conn, state_levels.plain_dumps, _loads)
    buffer = io.BytesIO()
    pickler = _SnapshotPickler(buffer, writer)
    pickler.dump(state)
    levels = state_levels.ids(stack for _, stack in pickler.stacks.values())
    # A snapshot at or after this entry belongs to a ledger that was replaced.
    conn.execute(state_snapshot.delete().where(state_snapshot.c.sequence >= sequence))
    conn.execute(
        state_snapshot.insert().values(
            sequence=sequence,
            hash=digest,
            format=FORMAT,
            state=buffer.getvalue(),
            levels=" ".join(sorted(levels)),
        )
    )
    kept = conn.execute(
        sa.select(state_snapshot.c.sequence, state_snapshot.c.levels)
        .order_by(state_snapshot.c.sequence.desc())
        .limit(KEEP)
    ).all()
    conn.execute(
        state_snapshot.delete().where(state_snapshot.c.sequence < min(row[0] for row in kept))
    )
    state_levels.keep_only(conn, {level for row in kept for level in row[1].split()})
    rebased: FederationState = _rebased(state, pickler.stacks)
    return rebased


def _rebased(value: Any, stacks: dict[int, tuple[Any, LevelStack]]) -> Any:
    """`value` with each map just written to levels replaced by one read from them."""
    known = stacks.get(id(value))
    if known is not None and known[0] is value:
        return LazyMap(known[1], len(value))
    if is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for item in fields(value):
            old = getattr(value, item.name)
            new = _rebased(old, stacks)
            if new is not old:
                changed[item.name] = new
        return replace(value, **changed) if changed else value
    return value


def level_ids(value: Any) -> set[str]:
    """The levels a state's lazy maps read from."""
    if isinstance(value, LazyMap):
        stack = state_levels.stack_of(value)
        return set() if stack is None else state_levels.ids([stack])
    found: set[str] = set()
    if is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            found |= level_ids(getattr(value, item.name))
    return found


def newest(conn: Connection) -> int | None:
    """The entry of the newest stored snapshot: levels are deleted only when one is stored."""
    found = conn.execute(sa.select(sa.func.max(state_snapshot.c.sequence))).scalar()
    return None if found is None else int(found)


def stale(conn: Connection, state: FederationState) -> bool:
    """Whether a level the state reads from is gone (a newer snapshot replaced it)."""
    return state_levels.missing(conn, level_ids(state))


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
    at, with its levels stored, and unpickling to a state of that many events.
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
    if state_levels.missing(conn, set(row.levels.split())):
        return None
    try:
        state = _load(row.state, conn)
    except Exception:
        return None
    if not isinstance(state, FederationState) or state.version != row.sequence:
        return None
    return int(row.sequence), state


def _load(blob: bytes, conn: Connection) -> Any:
    collecting = gc.isenabled()
    gc.disable()
    try:
        state = _StateUnpickler(io.BytesIO(blob), conn).load()
        # Out of the collector's sight for good: else its next pass walks them all once more.
        gc.freeze()
        return state
    finally:
        if collecting:
            gc.enable()
