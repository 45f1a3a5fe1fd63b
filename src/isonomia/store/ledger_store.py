"""Reading and appending ledger entries in the database, and verifying the stored chain.

``append`` must run inside ``Database.writing()``: the append lock held there is what keeps
the read-head-then-insert step from racing with another writer.

Every entry read is checked as it is read (link, hash, stored form): a record edited behind
isonomia's back raises ``BrokenRecord`` naming the entry, instead of being used. The
``verified_head`` row remembers the last entry known to verify, so a command that reads no
entries checks only those appended since (``check_since``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from isonomia.ledger.canonical import canonical_json, parse_canonical, parse_json
from isonomia.ledger.chain import (
    GENESIS_HASH,
    Entry,
    NewEntry,
    check_fields,
    link,
    spell_entry,
)
from isonomia.ledger.verify import ChainReport, ChainVerifier
from isonomia.store import merkle_nodes
from isonomia.store.db import WRITING_OPTION
from isonomia.store.tables import ledger, metadata

#: The last entry known to verify: one row (id 1), advanced by writes (see module doc).
verified_head = sa.Table(
    "verified_head",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.CheckConstraint("id = 1", name="ck_verified_head_one_row"),
)

__all__ = [
    "MISSING",
    "BrokenRecord",
    "NotWritingError",
    "StoredPayloadError",
    "Tail",
    "append",
    "append_linked",
    "check_since",
    "check_tail",
    "hash_at",
    "head",
    "last_recorded_at",
    "read_entries",
    "set_verified_head",
    "verified_head",
    "verified_head_row",
    "verify",
]

REWRITTEN = "payload text is not in the canonical form it was stored in (it was rewritten)"
MISSING = "entry is missing"
_sha256 = hashlib.sha256
#: How many entries a chain check keeps for the caller to fold (more are read again).
KEEP = 1000
#: The largest sequence number a ledger can hold (its column is a signed 64-bit integer).
MAX_SEQUENCE = 2**63 - 1

_COLUMNS = (
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


class NotWritingError(RuntimeError):
    """``append`` was called on a connection that does not hold the append lock."""


class BrokenRecord(ValueError):
    """A stored entry does not verify: it cannot be used."""

    def __init__(self, sequence: int, reason: str) -> None:
        super().__init__(f"entry {sequence}: {reason}")
        self.sequence = sequence
        self.reason = reason


class StoredPayloadError(BrokenRecord):
    """A stored payload cannot be read back as a JSON object."""


@dataclass
class Tail:
    """What a chain check found: the ledger's head and when it was recorded, and the
    entries after ``after`` it checked (``None`` when there were too many to keep)."""

    head: tuple[int, str]
    recorded_at: str | None
    after: int
    entries: list[Entry] | None = field(default_factory=list)

    def extend(self, appended: Sequence[Entry]) -> None:
        """The entries this transaction appended after the head (computed, not read)."""
        if appended:
            last = appended[-1]
            self.head, self.recorded_at = (last.sequence, last.hash), last.recorded_at
            if self.entries is not None:
                self.entries.extend(appended)


def head(conn: Connection) -> tuple[int, str]:
    """``(sequence, hash)`` of the last entry, or ``(0, GENESIS_HASH)`` when the ledger is empty."""
    row = conn.execute(
        sa.select(ledger.c.sequence, ledger.c.hash).order_by(ledger.c.sequence.desc()).limit(1)
    ).first()
    if row is None:
        return 0, GENESIS_HASH
    return int(row.sequence), str(row.hash)


def last_recorded_at(conn: Connection) -> str | None:
    """When the newest entry was recorded, as stored (ISO-8601 UTC), or None if empty."""
    row = conn.execute(
        sa.select(ledger.c.recorded_at).order_by(ledger.c.sequence.desc()).limit(1)
    ).first()
    return None if row is None else str(row.recorded_at)


def append(
    conn: Connection, new_entries: Sequence[NewEntry], after: tuple[int, str] | None = None
) -> list[Entry]:
    """Link ``new_entries`` after the head and insert them; returns the stored entries.
    ``after`` is the head when the caller has read it under the same append lock.

    Nothing is committed here: the ``writing()`` block commits them together with whatever
    else the command wrote, or rolls all of it back.
    """
    if not conn.get_execution_options().get(WRITING_OPTION) or not conn.in_transaction():
        raise NotWritingError("append() must be called inside Database.writing()")
    entries = link(*(after or head(conn)), list(new_entries))
    if entries:
        _insert(conn, entries)
    return entries


def _insert(conn: Connection, entries: Sequence[Entry]) -> None:
    """Write chained entries and extend the transparency log's tree (derived data) with them."""
    conn.execute(
        ledger.insert(),
        [
            {
                "sequence": e.sequence,
                "recorded_at": e.recorded_at,
                "actor": e.actor,
                "command_id": e.command_id,
                "event_type": e.event_type,
                "schema_version": e.schema_version,
                "payload": canonical_json(e.payload).decode("utf-8"),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in entries
        ],
    )
    merkle_nodes.extend(conn, entries)


def append_linked(conn: Connection, entries: Sequence[Entry]) -> None:
    """Insert ``entries`` already chained (``ledger.chain.link``) right after the head: a
    copy's entries, hashed once where they were checked. Inside ``Database.writing()``."""
    if not conn.get_execution_options().get(WRITING_OPTION) or not conn.in_transaction():
        raise NotWritingError("append_linked() must be called inside Database.writing()")
    if not entries:
        return
    top, digest = head(conn)
    first = entries[0]
    if first.sequence != top + 1 or first.prev_hash != digest:
        raise BrokenRecord(first.sequence, "does not follow the ledger's head")
    _insert(conn, entries)


def read_entries(conn: Connection, after: int = 0, batch: int = 1000) -> Iterator[Entry]:
    """Entries with sequence greater than ``after``, in order, fetched ``batch`` at a time,
    each checked against the one before (use ``verify`` for a report instead of an error).

    Raises ``StoredPayloadError`` on a payload that is not a JSON object, ``BrokenRecord``
    on any other entry that does not verify.
    """
    verifier = ChainVerifier()
    for row in _rows(conn, after, batch):
        if after > 0 and verifier.last_sequence == 0:
            verifier.accept_link(after, _hash_at(conn, after))
        yield _checked(verifier, row)


def check_since(conn: Connection, sequence: int = 0, digest: str = GENESIS_HASH) -> tuple[int, str]:
    """Verify the entries after ``(sequence, digest)``, a head verified before, and return the
    new head; raises ``BrokenRecord``. Costs one query when nothing was appended since."""
    return check_tail(conn, sequence, digest, keep=0).head


def check_tail(
    conn: Connection,
    sequence: int = 0,
    digest: str = GENESIS_HASH,
    keep: int = KEEP,
    since: int | None = None,
) -> Tail:
    """`check_since`, with what it read: the head, when it was recorded, and the checked
    entries when there are at most ``keep``. The verified head's own row comes with the
    first batch of those after it (one query when nothing was appended since).

    With ``since`` (before ``sequence``), the entries from there on are read and checked
    too, each against the one before as `read_entries` checks them, so a caller folding
    from ``since`` need not read them again."""
    start = sequence if since is None or not 0 <= since < sequence else since
    verifier = ChainVerifier()
    tail = Tail((sequence, digest), None, start)
    rows = _rows(conn, max(start - 1, 0), 1000)
    if start > 0:
        first = next(rows, None)
        if first is None or int(first.sequence) != start:
            raise BrokenRecord(start, MISSING)
        if start == sequence and first.hash != digest:
            raise BrokenRecord(sequence, "entry changed after it was verified")
        verifier.accept_link(start, str(first.hash))
        tail.recorded_at = str(first.recorded_at)
    for row in rows:
        if int(row.sequence) == sequence and row.hash != digest:
            raise BrokenRecord(sequence, "entry changed after it was verified")
        entry = _checked(verifier, row)
        tail.recorded_at = entry.recorded_at
        if tail.entries is not None:
            tail.entries.append(entry)
            if len(tail.entries) > keep:
                tail.entries = None
    if verifier.last_sequence < sequence:
        raise BrokenRecord(sequence, MISSING)
    tail.head = (verifier.last_sequence, verifier.head)
    return tail


def verified_head_row(conn: Connection) -> tuple[int, str]:
    """The head last recorded as verified, or the genesis when none was."""
    row = conn.execute(sa.select(verified_head.c.sequence, verified_head.c.hash)).first()
    return (0, GENESIS_HASH) if row is None else (int(row.sequence), str(row.hash))


def set_verified_head(conn: Connection, sequence: int, digest: str) -> None:
    """Record ``(sequence, digest)`` as verified; only inside ``Database.writing()``."""
    values = {"sequence": sequence, "hash": digest}
    if not conn.execute(verified_head.update().values(**values)).rowcount:
        conn.execute(verified_head.insert().values(id=1, **values))


def verify(conn: Connection, progress: Callable[[int], None] | None = None) -> ChainReport:
    """Verify the stored chain from the raw stored text, streaming.

    Each entry's hash is recomputed over its stored fields and payload text as they stand
    (``spell_entry``), and each payload is parsed once and checked to be its own canonical
    form (``parse_canonical``), so one changed byte in the database file shows up: as
    invalid JSON, as a hash that no longer matches, or as text that is no longer the
    canonical form the hash was taken over (an entry that fails the quick check is checked
    again the slow way, re-encoded, to name which). `progress`,
    if given, is called with the sequence number reached, every thousand entries.
    """
    verifier = ChainVerifier()
    for row in _rows(conn, 0, 1000):
        if progress is not None and row.sequence % 1000 == 0:
            progress(int(row.sequence))
        if _confirmed(verifier, row) is not None:
            continue
        if not verifier.ok:
            break
        try:
            payload = _parse_payload(row.sequence, row.payload)
        except StoredPayloadError as exc:
            if verifier.check_position(int(row.sequence), str(row.prev_hash)):
                verifier.fail(exc.sequence, exc.reason)
            break
        rewritten = canonical_json(payload).decode("utf-8") != row.payload
        if not verifier.add(
            _entry(row, payload), stored_form_fault=REWRITTEN if rewritten else None
        ):
            break
    return verifier.report()


def _rows(conn: Connection, after: int, batch: int) -> Iterator[Row[*tuple[Any, ...]]]:
    # Keyset pagination instead of one open cursor: the caller may use the same connection
    # between batches, and memory stays bounded on drivers that buffer whole results.
    if batch < 1:
        raise ValueError("batch must be at least 1")
    last = after
    while True:
        rows = conn.execute(
            sa.select(*_COLUMNS)
            .where(ledger.c.sequence > last)
            .order_by(ledger.c.sequence)
            .limit(batch)
        ).all()
        yield from rows
        if len(rows) < batch:
            return
        last = int(rows[-1].sequence)


def hash_at(conn: Connection, sequence: int) -> str | None:
    """The hash of the entry at ``sequence``, or None when there is none."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        return None
    found = conn.execute(sa.select(ledger.c.hash).where(ledger.c.sequence == sequence)).scalar()
    return None if found is None else str(found)


def _hash_at(conn: Connection, sequence: int) -> str:
    found = conn.execute(sa.select(ledger.c.hash).where(ledger.c.sequence == sequence)).scalar()
    if found is None:
        raise BrokenRecord(sequence, MISSING)
    return str(found)


def _confirmed(verifier: ChainVerifier, row: Row[*tuple[Any, ...]]) -> dict[str, Any] | None:
    """The row's payload, its entry linked into ``verifier``, when it passes the quick check:
    it follows the last entry, its chain hash covers its fields and payload text as stored,
    the text is its payload's canonical form (a JSON object) and the fields are well formed.
    None otherwise (``verifier`` failed only when the position is wrong): the slow check
    then re-encodes the entry and names what is wrong."""
    sequence, at, actor, command, kind, version, text, prev, digest = row
    if not verifier.check_position(int(sequence), str(prev)):
        return None
    spelled = spell_entry(sequence, at, actor, command, kind, version, text)
    if spelled is None or _sha256(bytes.fromhex(prev) + spelled).hexdigest() != digest:
        return None
    try:
        payload, canonical = parse_canonical(text)
        if not canonical or not isinstance(payload, dict):
            return None
        check_fields(at, actor, command, kind, version)
    except (ValueError, TypeError):
        return None
    verifier.accept_link(int(sequence), str(digest))
    return payload


def _checked(verifier: ChainVerifier, row: Row[*tuple[Any, ...]]) -> Entry:
    confirmed = _confirmed(verifier, row)
    if confirmed is not None:
        return _entry(row, confirmed)
    payload = _parse_payload(row.sequence, row.payload)
    rewritten = canonical_json(payload).decode("utf-8") != row.payload
    entry = _entry(row, payload)
    if not verifier.add(entry, stored_form_fault=REWRITTEN if rewritten else None):
        report = verifier.report()
        raise BrokenRecord(report.broken_at or entry.sequence, report.reason or "invalid")
    return entry


def _parse_payload(sequence: int, text: str) -> dict[str, Any]:
    try:
        value = parse_json(text)
    except (ValueError, TypeError):
        raise StoredPayloadError(int(sequence), "payload is not valid JSON") from None
    if not isinstance(value, dict):
        raise StoredPayloadError(int(sequence), "payload is not a JSON object")
    return value


def _entry(row: Row[*tuple[Any, ...]], payload: dict[str, Any]) -> Entry:
    return Entry(
        sequence=int(row.sequence),
        recorded_at=row.recorded_at,
        actor=row.actor,
        command_id=row.command_id,
        event_type=row.event_type,
        schema_version=int(row.schema_version),
        payload=payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
