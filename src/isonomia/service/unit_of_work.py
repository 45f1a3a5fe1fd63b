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
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

import pydantic
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import Event, FederationState, evolve
from isonomia.domain.base import UnknownEvent
from isonomia.ledger.chain import GENESIS_HASH, Entry, NewEntry
from isonomia.service.errors import storage_errors
from isonomia.store import ledger_store, projections, snapshots
from isonomia.store.db import Database, describe_failure

__all__ = [
    "CheckedDatabase",
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
        with storage_errors(lambda error: str(error)):
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

    def migrate(self, revision: str = "head") -> None:
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
        if self.behind is not None:
            self.migrate()
        with self.translated(), super().writing() as conn:
            self._check(conn, writing=True)
            yield conn

    def _check(self, conn: Connection, writing: bool) -> None:
        top = ledger_store.head(conn)
        start = self.verified
        if self.behind is None:
            recorded = ledger_store.verified_head_row(conn)
            if recorded[0] > start[0]:
                start = recorded
        if start[0] > top[0]:  # the database was replaced under us: check it all
            start = (0, GENESIS_HASH)
        self.verified = ledger_store.check_since(conn, *start)
        if writing and ledger_store.verified_head_row(conn) != self.verified:
            ledger_store.set_verified_head(conn, *self.verified)

    def plain_reading(self) -> AbstractContextManager[Connection]:
        """A read transaction that checks nothing: for the verification itself."""
        return self.reading(check=False)


class WorkInProgress(Protocol):
    """What the pipeline may do inside one unit of work."""

    def state(self) -> FederationState: ...

    def append(self, new: Sequence[NewEntry], events: Sequence[Event]) -> list[Entry]: ...

    def last_recorded_at(self) -> str | None:
        """When the newest entry was recorded (ISO-8601 UTC), or None for an empty record."""
        ...


class UnitOfWork(Protocol):
    def begin(self) -> AbstractContextManager[WorkInProgress]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        ...


class StateCache:
    """The state folded up to some sequence number, brought up to date from new entries."""

    def __init__(self) -> None:
        self.sequence = 0
        self.state = FederationState()
        #: Threads of one process (a web server's) share the cache: one folds at a time, and
        #: a write holds it for its whole transaction (see `SqlUnitOfWork.begin`).
        self.lock = threading.RLock()

    def catch_up(self, conn: Connection) -> FederationState:
        with self.lock:
            return self._catch_up(conn)

    def _catch_up(self, conn: Connection) -> FederationState:
        top, _ = ledger_store.head(conn)
        if top < self.sequence:  # the database was replaced under us
            self.sequence, self.state = 0, FederationState()
        if top - self.sequence > snapshots.SNAPSHOT_EVERY // 10:
            found = snapshots.latest(conn, top)
            if found is not None and found[0] > self.sequence:
                self.sequence, self.state = found
        for entry in ledger_store.read_entries(conn, after=self.sequence):
            self.state = evolve(self.state, event_of(entry))
            self.sequence = entry.sequence
        return self.state


class _SqlWork:
    def __init__(self, conn: Connection, cache: StateCache) -> None:
        self.conn = conn
        self.cache = cache

    def state(self) -> FederationState:
        return self.cache.catch_up(self.conn)

    def last_recorded_at(self) -> str | None:
        return ledger_store.last_recorded_at(self.conn)

    def append(self, new: Sequence[NewEntry], events: Sequence[Event]) -> list[Entry]:
        entries = ledger_store.append(self.conn, new)
        for entry, event in zip(entries, events, strict=True):
            projections.apply(self.conn, entry.sequence, event)
        if entries:
            last = entries[-1]
            ledger_store.set_verified_head(self.conn, last.sequence, last.hash)
            if snapshots.due(self.conn, last.sequence):
                snapshots.save(self.conn, last.sequence, last.hash, self.state())
        return entries


class SqlUnitOfWork:
    """One database transaction holding the append lock: events and read tables together."""

    def __init__(self, db: Database, cache: StateCache) -> None:
        self.db = db
        self.cache = cache

    @contextmanager
    def begin(self) -> Iterator[WorkInProgress]:
        with self.cache.lock:
            sequence, state = self.cache.sequence, self.cache.state
            try:
                with self.db.writing() as conn:
                    yield _SqlWork(conn, self.cache)
            except BaseException:
                # The transaction rolled back: forget whatever was folded inside it.
                self.cache.sequence, self.cache.state = sequence, state
                raise
