"""The transparency log's Merkle tree, kept between checkpoints (P18): one row per complete
subtree, so a checkpoint's root and every proof read O(log n) rows instead of every entry.

A row is the hash of an aligned perfect subtree of the RFC 9162 tree over the ledger's
leaves: ``level`` h and the index ``end_leaf`` of the last leaf it covers (0-based), so
the leaves are ``[end_leaf + 1 - 2^h, end_leaf + 1)``. Level 0 holds each entry's leaf
hash. The rows ending at one leaf are exactly those its append completes, so reading the
table ordered by ``(end_leaf, level)`` replays the appends in order (``check``).

The rows are derived data, written in the same transaction as the entries they cover
(``extend``, called by the ledger store's ``append``) or caught up later from the entries.
Nothing trusts them blindly: ``check`` recomputes every row from the entries (``isonomia
ledger verify``), an audit authenticates the rows it uses against a signed root, and a
new checkpoint must extend the last one signed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.ledger.chain import Entry, canonical_entry
from isonomia.ledger.merkle import Frontier, SubtreeHashes, frontier_keys
from isonomia.store.tables import metadata

__all__ = [
    "StoredTree",
    "add",
    "check",
    "end_leaf",
    "extend",
    "frontier",
    "leaf_bytes",
    "leaf_hash",
    "merkle_node",
    "stored_size",
]

_INDEX = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

merkle_node = sa.Table(
    "merkle_node",
    metadata,
    sa.Column("end_leaf", _INDEX, primary_key=True, autoincrement=False),
    sa.Column("level", sa.SmallInteger(), primary_key=True, autoincrement=False),
    sa.Column("hash", sa.LargeBinary(32), nullable=False),
)

_sha256 = hashlib.sha256


def end_leaf(height: int, position: int) -> int:
    """The index of the last leaf the subtree ``(height, position)`` covers."""
    return ((position + 1) << height) - 1


def leaf_bytes(entry: Entry) -> bytes:
    """Entry's leaf bytes, ``canonical_entry``, for an entry whose chain hash verified.

    Plain ``json.dumps`` spells most entries exactly as RFC 8785 does, at a fraction of the
    cost; when the entry's own chain hash covers those bytes they are the canonical ones
    (the chain hash is taken over the canonical bytes), else the canonical encoder decides.
    """
    fields = {
        "sequence": entry.sequence,
        "recorded_at": entry.recorded_at,
        "actor": entry.actor,
        "command_id": entry.command_id,
        "event_type": entry.event_type,
        "schema_version": entry.schema_version,
        "payload": entry.payload,
    }
    try:
        quick = json.dumps(
            fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        ).encode("utf-8")
        if _sha256(bytes.fromhex(entry.prev_hash) + quick).hexdigest() == entry.hash:
            return quick
    except (ValueError, TypeError, UnicodeEncodeError):
        pass
    return canonical_entry(entry.sequence, entry.content())


def leaf_hash(entry: Entry) -> bytes:
    """The RFC 9162 leaf hash of an entry whose chain hash verified."""
    return _sha256(b"\x00" + leaf_bytes(entry)).digest()


def stored_size(conn: Connection) -> int:
    """How many leaves the stored rows cover (0 when none)."""
    last = conn.execute(sa.select(sa.func.max(merkle_node.c.end_leaf))).scalar()
    return 0 if last is None else int(last) + 1


def _read(conn: Connection, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    """The stored hashes of the subtrees ``(height, position)`` among ``keys``."""
    if not keys:
        return {}
    wanted = {(end_leaf(h, i), h): (h, i) for h, i in keys}
    ends = sorted({end for end, _ in wanted})
    found: dict[tuple[int, int], bytes] = {}
    for start in range(0, len(ends), 500):
        rows = conn.execute(
            sa.select(merkle_node.c.end_leaf, merkle_node.c.level, merkle_node.c.hash).where(
                merkle_node.c.end_leaf.in_(ends[start : start + 500])
            )
        ).all()
        for row in rows:
            key = wanted.get((int(row.end_leaf), int(row.level)))
            if key is not None:
                found[key] = bytes(row.hash)
    return found


def frontier(conn: Connection, size: int) -> Frontier | None:
    """The frontier of the first ``size`` leaves from the stored rows, or None if one is
    missing."""
    keys = frontier_keys(size)
    found = _read(conn, keys)
    if len(found) != len(keys):
        return None
    return Frontier.from_nodes(size, [found[key] for key in keys])


def extend(conn: Connection, entries: Sequence[Entry]) -> bool:
    """Add the rows that ``entries`` (just appended, in order) complete, in the caller's
    transaction. Does nothing, and returns False, when the stored rows do not end right
    before them (they are caught up from the entries later)."""
    if not entries:
        return True
    size = stored_size(conn)
    if size != entries[0].sequence - 1:
        return False
    grown = frontier(conn, size)
    if grown is None:
        return False
    add(conn, grown, entries)
    return True


def add(conn: Connection, grown: Frontier, entries: Iterable[Entry]) -> None:
    """Append the leaves of ``entries`` (the next ones, in order, their chain verified) to
    ``grown`` and store every subtree they complete."""
    rows = [
        {"end_leaf": end_leaf(h, i), "level": h, "hash": digest}
        for entry in entries
        for h, i, digest in grown.append(leaf_hash(entry))
    ]
    if rows:
        conn.execute(merkle_node.insert(), rows)


class StoredTree(SubtreeHashes):
    """The first ``size`` leaves' tree, read from the stored rows as proofs need them."""

    def __init__(self, conn: Connection, size: int) -> None:
        self._conn = conn
        self._size = size
        self._cache: dict[tuple[int, int], bytes] = {}

    @property
    def size(self) -> int:
        return self._size

    def prefetch(self, keys: Sequence[tuple[int, int]]) -> None:
        self._cache.update(_read(self._conn, [k for k in keys if k not in self._cache]))

    def subtree(self, height: int, position: int) -> bytes:
        key = (height, position)
        if key not in self._cache:
            self.prefetch([key])
        if key not in self._cache:
            raise LookupError(f"the stored Merkle tree lacks level {height}, node {position}")
        return self._cache[key]


def check(
    conn: Connection,
    entries: Iterable[Entry],
    progress: Callable[[int], None] | None = None,
    batch: int = 1000,
) -> str | None:
    """Recompute every stored row from ``entries`` (all of them, in order, their chain
    verified) and compare; None when every row matches and none is missing or extra, else
    one line naming the first that does not. Memory stays flat: one batch at a time."""
    grown = Frontier()
    pending: list[Entry] = []
    for entry in entries:
        pending.append(entry)
        if len(pending) == batch:
            problem = _check_batch(conn, grown, pending)
            if problem is not None:
                return problem
            if progress is not None:
                progress(entry.sequence)
            pending = []
    problem = _check_batch(conn, grown, pending) if pending else None
    if problem is not None:
        return problem
    beyond = conn.execute(
        sa.select(sa.func.count()).where(merkle_node.c.end_leaf >= grown.size)
    ).scalar()
    if beyond:
        return (
            f"the stored Merkle tree has {beyond} nodes beyond the last entry "
            f"({grown.size}): it does not describe this ledger"
        )
    return None


def _check_batch(conn: Connection, grown: Frontier, entries: list[Entry]) -> str | None:
    first = grown.size
    expected = {
        (end_leaf(h, i), h): digest for e in entries for h, i, digest in grown.append(leaf_hash(e))
    }
    rows = conn.execute(
        sa.select(merkle_node.c.end_leaf, merkle_node.c.level, merkle_node.c.hash)
        .where(merkle_node.c.end_leaf >= first, merkle_node.c.end_leaf < grown.size)
        .order_by(merkle_node.c.end_leaf, merkle_node.c.level)
    ).all()
    stored = {(int(r.end_leaf), int(r.level)): bytes(r.hash) for r in rows}
    for key in sorted(set(expected) | set(stored)):
        end, level = key
        what = f"the stored Merkle node at level {level} ending at entry {end + 1}"
        if key not in stored:
            return f"{what} is missing"
        if key not in expected:
            return f"{what} should not exist"
        if stored[key] != expected[key]:
            return f"{what} does not match the entries (the node table was changed)"
    return None
