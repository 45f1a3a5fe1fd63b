"""Units of work: one command's transaction, over SQL or (in tests) over plain lists.

A unit of work gives the pipeline the state as of the ledger's head, appends entries and
updates the read tables, and commits all of it or nothing. `SqlUnitOfWork` does it in one
database transaction holding the append lock; tests use a fake with no SQL at all
(Cosmic Python's `FakeUnitOfWork` is the model), so the pipeline is tested on its own.

`CheckedDatabase` is the database as the service uses it: a driver failure becomes one line,
and each transaction first checks the entries appended since the last verified head, so a
record edited behind isonomia's back is named instead of used (P18).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Protocol

import pydantic
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import Event, FederationState, evolve
from isonomia.domain.base import UnknownEvent
from isonomia.ledger.chain import GENESIS_HASH, Entry, NewEntry
from isonomia.service import savepoints
from isonomia.service.errors import storage_errors
from isonomia.store import ledger_store, projections, snapshots
from isonomia.store.db import Database, describe_failure

__all__ = [
    "Checked",
    "CheckedDatabase",
    "RecordReader",
    "SqlUnitOfWork",
    "StateCache",
    "UnitOfWork",
    "WorkInProgress",
    "event_of",
]

BEHIND = (
    "{where} has an older isonomia schema ({revision}) than this program: "
    "run `isonomia projections rebuild` to upgrade it"
)


def event_of(entry: Entry) -> Event:
    """The event an entry records; a payload that no longer fits its event is a broken record."""
    try:
        return projections.event_of(entry)
    except (pydantic.ValidationError, UnknownEvent) as error:
        first = str(error).splitlines()[0]
        raise ledger_store.BrokenRecord(entry.sequence, f"payload does not fit ({first})") from None


class CheckedDatabase(Database):
    """The database as the service uses it (see the module's docstring).

    ``behind`` is set by whoever found the schema older than the code: reads then use what
    the old schema has, and the next write migrates it first.
    """

    def __init__(self, url: str | None = None) -> None:
        with storage_errors(lambda error: type(error).__name__):  # no URL in the line
            super().__init__(url)
        # Interfaces need not close it: its pooled connections close when it is dropped.
        weakref.finalize(self, self.engine.dispose)
        self.verified: tuple[int, str] = (0, GENESIS_HASH)
        self.behind: str | None = None

    @contextmanager
    def translated(self) -> Iterator[None]:
        """Database failures raised as service errors, one line each."""
        with storage_errors(self._describe):
            yield

    def _describe(self, error: sa.exc.DBAPIError) -> str:
        if self.behind is not None:
            return BEHIND.format(where=self.describe(), revision=self.behind)
        return describe_failure(self, error)

    def migrate(self, revision: str = "heads") -> None:
        with self.translated():
            super().migrate(revision)
        self.behind = None

    @contextmanager
    def reading(self, check: bool = True) -> Iterator[Connection]:
        """A read transaction; with ``check``, first verify the entries appended lately."""
        with self.translated(), super().reading() as conn:
            if check:
                self._check(conn, writing=False)
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction on a verified record, the schema migrated first if old."""
        with self.checked_writing() as (conn, _):
            yield conn

    @contextmanager
    def checked_writing(self, since: int | None = None) -> Iterator[tuple[Connection, Checked]]:
        """`writing`, with what its chain check read (from ``since`` on, when a little
        before the verified head), for the unit of work to use and keep up to date; the
        verified head row is advanced, if behind, when the block ends."""
        if self.behind is not None:
            self.migrate()
        with self.translated(), super().writing() as conn:
            checked = self._check(conn, writing=True, since=since)
            yield conn, checked
            if checked.recorded != checked.tail.head:
                ledger_store.set_verified_head(conn, *checked.tail.head)

    def _check(self, conn: Connection, writing: bool, since: int | None = None) -> Checked:
        start = self.verified
        recorded = None
        if self.behind is None or writing:
            recorded = ledger_store.verified_head_row(conn)
        if self.behind is None and recorded is not None and recorded[0] > start[0]:
            start = recorded
        if since is not None and start[0] - since > ledger_store.KEEP:
            since = None
        try:
            tail = ledger_store.check_tail(conn, *start, since=since)
        except ledger_store.BrokenRecord as error:
            # The database was replaced under us (its head is behind ours): check it all.
            replaced = error.reason == ledger_store.MISSING and error.sequence in (start[0], since)
            if not replaced or ledger_store.head(conn)[0] >= start[0]:
                raise
            tail = ledger_store.check_tail(conn)
        self.verified = tail.head
        return Checked(tail, recorded)

    def plain_reading(self) -> AbstractContextManager[Connection]:
        """A read transaction that checks nothing: for the verification itself."""
        return self.reading(check=False)


@dataclass
class Checked:
    """A write transaction's chain check: what it read, and the verified head row's value."""

    tail: ledger_store.Tail
    recorded: tuple[int, str] | None


class WorkInProgress(Protocol):
    """What the pipeline may do inside one unit of work."""

    def state(self) -> FederationState: ...

    def append(self, new: Sequence[NewEntry], events: Sequence[Event]) -> list[Entry]: ...

    def last_recorded_at(self) -> str | None:
        """When the newest entry was recorded (ISO-8601 UTC), or None for an empty record."""
        ...

    def size(self) -> int:
        """How many entries the record holds."""
        ...

    def hash_at(self, sequence: int) -> str | None:
        """The hash of the entry at `sequence`, or None when the record has none there."""
        ...

    def savepoint(self) -> AbstractContextManager[None]:
        """One command of several in this unit of work: what it appends is undone alone
        when the block raises (`service.savepoints`)."""
        ...


class RecordReader(Protocol):
    """What a read of the record gives the service: the state at its head, its size, the
    hash of an entry, its first entry (the charter's)."""

    def state(self) -> FederationState: ...

    def size(self) -> int: ...

    def hash_at(self, sequence: int) -> str | None: ...

    def first_entry(self) -> Entry | None: ...


class UnitOfWork(Protocol):
    def begin(self) -> AbstractContextManager[WorkInProgress]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        ...

    def reading(self) -> AbstractContextManager[RecordReader]:
        """A read of the record as it stands (the entries appended lately checked first)."""
        ...


def _fold_limit() -> int:
    """How far behind the head the cache may be before it starts from a stored snapshot."""
    return snapshots.SNAPSHOT_EVERY // 10


class StateCache:
    """The state folded up to some sequence number, brought up to date from new entries."""

    def __init__(self) -> None:
        self.sequence = 0
        self.state = FederationState()
        #: Threads of one process (a web server's) share the cache: one folds at a time, and
        #: a write holds it for its whole transaction (see `SqlUnitOfWork.begin`).
        self.lock = threading.RLock()
        #: False once a stored snapshot was found damaged: the state is folded from the ledger.
        self.use_snapshots = True
        #: The newest snapshot when the state's levels were last found stored.
        self.levels_seen_at: int | None = -1
        #: Hashes of entries envelopes name (the charter's, the heads signers saw), read once.
        self.hashes: dict[int, str] = {}

    def forget(self, distrust: bool = False) -> None:
        """Start again from a stored snapshot (or, with ``distrust``, from the ledger alone)."""
        with self.lock:
            self.sequence, self.state = 0, FederationState()
            self.use_snapshots = self.use_snapshots and not distrust
            self.levels_seen_at = -1
            self.hashes = {}

    def catch_up(
        self, conn: Connection, tail: ledger_store.Tail | None = None, levels: bool = True
    ) -> FederationState:
        """The state at the ledger's head; from the entries a chain check of this
        transaction read (``tail``) when they reach back to the cache's position. With
        ``levels``, first check that the levels the state reads from are still stored."""
        with self.lock:
            if levels and self._levels_may_be_gone(conn):
                # A newer snapshot replaced levels this state reads from: load that one.
                self.sequence, self.state = 0, FederationState()
            if tail is not None and tail.entries is not None:
                top = tail.head[0]
                if tail.after <= self.sequence <= top <= self.sequence + _fold_limit():
                    self._fold(entry for entry in tail.entries if entry.sequence > self.sequence)
                    return self.state
            return self._catch_up(conn)

    def _levels_may_be_gone(self, conn: Connection) -> bool:
        """Whether a level the state reads from is gone; looked up only when a snapshot
        was stored since the last look (levels are deleted only then)."""
        newest = snapshots.newest(conn)
        if newest == self.levels_seen_at:
            return False
        gone = snapshots.stale(conn, self.state)
        self.levels_seen_at = None if gone else newest
        return gone

    def adopt(self, entries: Sequence[Entry], events: Sequence[Event]) -> None:
        """Fold the events this process just appended (its transaction's own entries), so
        the next command need not read them back; the unit of work undoes it on rollback."""
        if entries and entries[0].sequence == self.sequence + 1:
            for event in events:
                self.state = evolve(self.state, event)
            self.sequence = entries[-1].sequence

    def _fold(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            self.state = evolve(self.state, event_of(entry))
            self.sequence = entry.sequence

    def _catch_up(self, conn: Connection) -> FederationState:
        top, _ = ledger_store.head(conn)
        if top < self.sequence:  # the database was replaced under us
            self.sequence, self.state = 0, FederationState()
            self.hashes = {}
        if top - self.sequence > _fold_limit() and self.use_snapshots:
            found = snapshots.latest(conn, top)
            if found is not None and found[0] > self.sequence:
                self.sequence, self.state = found
        self._fold(ledger_store.read_entries(conn, after=self.sequence))
        return self.state


class _SqlWork:
    def __init__(
        self, conn: Connection, cache: StateCache, checked: Checked | None, db: Database
    ) -> None:
        self.conn = conn
        self.cache = cache
        self.checked = checked
        self.translated = db.translated if isinstance(db, CheckedDatabase) else nullcontext
        self.grouped, self.held = False, list[Entry]()  # in a group (`savepoints`)
        #: Levels are deleted only by a write, and this one holds the append lock: once
        #: checked, they stay for the rest of the transaction.
        self.levels_checked = False

    def state(self) -> FederationState:
        tail = self.checked.tail if self.checked else None
        state = self.cache.catch_up(self.conn, tail, levels=not self.levels_checked)
        self.levels_checked = True
        return state

    def last_recorded_at(self) -> str | None:
        if self.checked is not None:
            return self.checked.tail.recorded_at
        return ledger_store.last_recorded_at(self.conn)

    def _head(self) -> tuple[int, str]:
        if self.checked is not None:
            return self.checked.tail.head
        return ledger_store.head(self.conn)

    def size(self) -> int:
        return self._head()[0]

    def hash_at(self, sequence: int) -> str | None:
        top, digest = self._head()
        if sequence == top and top > 0:
            return digest
        kept = self.checked.tail.entries if self.checked is not None else None
        found = self.cache.hashes.get(sequence)
        found = found or next((e.hash for e in kept or () if e.sequence == sequence), None)
        if found is None:
            found = ledger_store.hash_at(self.conn, sequence)
            if found is not None and self.checked and sequence <= self.checked.tail.after:
                if len(self.cache.hashes) > ledger_store.KEEP:  # committed before: kept
                    self.cache.hashes.clear()
                self.cache.hashes[sequence] = found
        return found

    savepoint = savepoints.savepoint

    def append(self, new: Sequence[NewEntry], events: Sequence[Event]) -> list[Entry]:
        checked = self.checked
        if self.grouped and checked is not None:
            return savepoints.hold(self, checked, new, events)  # written with the group's
        entries = ledger_store.append(self.conn, new, checked.tail.head if checked else None)
        for entry, event in zip(entries, events, strict=True):
            projections.apply(self.conn, entry.sequence, event)
        if entries:
            last = entries[-1]
            ledger_store.set_verified_head(self.conn, last.sequence, last.hash)
            if checked is not None:
                checked.tail.extend(entries)
                checked.recorded = checked.tail.head
            self.cache.adopt(entries, events)
            self.snapshot_if_due(last)
        return entries

    def snapshot_if_due(self, last: Entry) -> None:  # a snapshot at `last`, when one is due
        if snapshots.due(self.conn, last.sequence):
            state = self.state()
            saved = snapshots.save(self.conn, last.sequence, last.hash, state)
            if self.cache.state is state:
                self.cache.state = saved


class _SqlReader:
    def __init__(self, conn: Connection, cache: StateCache) -> None:
        self.conn = conn
        self.cache = cache

    def state(self) -> FederationState:
        return self.cache.catch_up(self.conn)

    def size(self) -> int:
        return ledger_store.head(self.conn)[0]

    def hash_at(self, sequence: int) -> str | None:
        return ledger_store.hash_at(self.conn, sequence)

    def first_entry(self) -> Entry | None:
        return next(ledger_store.read_entries(self.conn, batch=1), None)


class SqlUnitOfWork:
    """One database transaction holding the append lock: events and read tables together."""

    def __init__(self, db: Database, cache: StateCache) -> None:
        self.db = db
        self.cache = cache

    @contextmanager
    def reading(self) -> Iterator[RecordReader]:
        with self.db.reading() as conn:
            yield _SqlReader(conn, self.cache)

    @contextmanager
    def begin(self) -> Iterator[WorkInProgress]:
        with self.cache.lock:
            sequence, state = self.cache.sequence, self.cache.state
            try:
                if isinstance(self.db, CheckedDatabase):
                    with self.db.checked_writing(sequence) as (conn, checked):
                        yield (work := _SqlWork(conn, self.cache, checked, self.db))
                        savepoints.write_held(work)
                else:
                    with self.db.writing() as conn:
                        yield _SqlWork(conn, self.cache, None, self.db)
            except BaseException:
                # The transaction rolled back: forget whatever was folded inside it.
                self.cache.sequence, self.cache.state = sequence, state
                raise
