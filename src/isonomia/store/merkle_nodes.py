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
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.ledger.canonical import parse_json
from isonomia.ledger.chain import Entry, canonical_entry, spell_entry
from isonomia.ledger.merkle import Frontier, SubtreeHashes, frontier_keys
from isonomia.store.tables import ledger, metadata

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
_ENTRY_COLUMNS = (
    ledger.c.sequence,
    ledger.c.recorded_at,
    ledger.c.actor,
    ledger.c.command_id,
    ledger.c.event_type,
    ledger.c.schema_version,
    ledger.c.payload,
    ledger.c.prev_hash,
    ledger.c.hash,
)


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


def _read(
    conn: Connection, keys: Sequence[tuple[int, int]], beyond: int | None = None
) -> dict[tuple[int, int], bytes]:
    """The stored hashes of the subtrees ``(height, position)`` among ``keys``; with
    ``beyond``, also whether a row ends at that leaf or later, as the key ``(beyond, -1)``."""
    wanted = {(end_leaf(h, i), h): (h, i) for h, i in keys}
    pairs = sorted(wanted)
    found: dict[tuple[int, int], bytes] = {}
    for start in range(0, max(len(pairs), 1), 200):
        chunk = pairs[start : start + 200]
        # Plain text, not an expression tree: compiling a new OR of pairs for every proof
        # would cost more than reading the rows.
        terms = " OR ".join(f"(end_leaf = :e{n} AND level = :l{n})" for n in range(len(chunk)))
        values: dict[str, int] = {
            f"{k}{n}": v for n, pair in enumerate(chunk) for k, v in zip("el", pair, strict=True)
        }
        parts = [f"SELECT end_leaf, level, hash FROM merkle_node WHERE {terms}"] if terms else []
        if beyond is not None and start == 0:
            parts.append(
                "SELECT * FROM (SELECT end_leaf, -1 AS level, hash FROM merkle_node"
                " WHERE end_leaf >= :beyond LIMIT 1) AS beyond"
            )
            values["beyond"] = beyond
        if not parts:
            break
        rows = conn.execute(sa.text(" UNION ALL ".join(parts)), values).all()
        for row in rows:
            if int(row.level) == -1:
                found[(beyond or 0, -1)] = b""
            else:
                found[wanted[(int(row.end_leaf), int(row.level))]] = bytes(row.hash)
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
    size = entries[0].sequence - 1
    keys = frontier_keys(size)
    found = _read(conn, keys, beyond=size)
    # The frontier of ``size`` leaves ends at leaf size - 1, and no row may lie beyond it:
    # together, the stored rows cover exactly ``size`` leaves. One query for both.
    if len(found) != len(keys) or (size, -1) in found:
        return False
    add(conn, Frontier.from_nodes(size, [found[key] for key in keys]), entries)
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
    size: int | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 1000,
) -> str | None:
    """Recompute every stored row from the stored entries and compare: None when every row
    matches and none is missing or extra, else one line naming the first that does not.
    ``size`` (default: every entry) limits the check to the first entries.

    The entries are read as stored, not checked again: this runs after the chain was
    verified (`isonomia ledger verify`), which proves each entry's hash covers its
    canonical bytes. Memory stays flat: one batch of entries and rows at a time.
    """
    grown = Frontier()
    while size is None or grown.size < size:
        count = batch if size is None else min(batch, size - grown.size)
        leaves = _stored_leaves(conn, grown.size, count)
        problem = _check_batch(conn, grown, leaves) if leaves else None
        if problem is not None:
            return problem
        if progress is not None and leaves:
            progress(leaves[-1][0])
        if len(leaves) < count:
            break
    beyond = conn.execute(
        sa.select(sa.func.count()).where(merkle_node.c.end_leaf >= grown.size)
    ).scalar()
    if beyond:
        return (
            f"the stored Merkle tree has {beyond} nodes beyond the last entry "
            f"({grown.size}): it does not describe this ledger"
        )
    return None


def _stored_leaves(conn: Connection, after: int, count: int) -> list[tuple[int, bytes]]:
    """``(sequence, leaf hash)`` of up to ``count`` entries after ``after``, as stored."""
    rows = conn.execute(
        sa.select(*_ENTRY_COLUMNS)
        .where(ledger.c.sequence > after)
        .order_by(ledger.c.sequence)
        .limit(count)
    ).all()
    return [(int(row[0]), _sha256(b"\x00" + _row_leaf(row)).digest()) for row in rows]


def _row_leaf(row: Any) -> bytes:
    """The leaf bytes of a stored row: spelled from its stored text (canonical, as the
    chain's verification checks) when its chain hash confirms them, else as ``leaf_bytes``."""
    sequence, at, actor, command, kind, version, payload, prev, digest = row
    quick = spell_entry(sequence, at, actor, command, kind, version, payload) or (
        f'{{"actor":{_text(actor)},"command_id":{_text(command)},'
        f'"event_type":{_text(kind)},"payload":{payload},"recorded_at":{_text(at)},'
        f'"schema_version":{int(version)},"sequence":{int(sequence)}}}'
    ).encode("utf-8", "surrogatepass")
    try:
        if _sha256(bytes.fromhex(prev) + quick).hexdigest() == digest:
            return quick
    except ValueError:
        pass
    return leaf_bytes(
        Entry(
            int(sequence), at, actor, command, kind, int(version), parse_json(payload), prev, digest
        )
    )


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _check_batch(conn: Connection, grown: Frontier, leaves: list[tuple[int, bytes]]) -> str | None:
    first = grown.size
    expected = [
        (end_leaf(h, i), h, digest) for _, leaf in leaves for h, i, digest in grown.append(leaf)
    ]
    rows = conn.execute(
        sa.select(merkle_node.c.end_leaf, merkle_node.c.level, merkle_node.c.hash)
        .where(merkle_node.c.end_leaf >= first, merkle_node.c.end_leaf < grown.size)
        .order_by(merkle_node.c.end_leaf, merkle_node.c.level)
    ).all()
    stored = [(int(r.end_leaf), int(r.level), bytes(r.hash)) for r in rows]
    if stored == expected:
        return None
    keys = {(end, level): digest for end, level, digest in stored}
    made = {(end, level): digest for end, level, digest in expected}
    for end, level in sorted(set(keys) | set(made)):
        what = f"the stored Merkle node at level {level} ending at entry {end + 1}"
        if (end, level) not in keys:
            return f"{what} is missing"
        if (end, level) not in made:
            return f"{what} should not exist"
        if keys[(end, level)] != made[(end, level)]:
            return f"{what} does not match the entries (the node table was changed)"
    return None
