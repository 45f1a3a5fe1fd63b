"""Units of work: one command's transaction, over SQL or (in tests) over plain lists.

A unit of work gives the pipeline the state as of the ledger's head, appends entries and
updates the read tables, and commits all of it or nothing. `SqlUnitOfWork` does it in one
database transaction holding the append lock; tests use a fake with no SQL at all
(Cosmic Python's `FakeUnitOfWork` is the model), so the pipeline is tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from sqlalchemy.engine import Connection

from isonomia.domain import Event, FederationState, evolve
from isonomia.ledger.chain import Entry, NewEntry
from isonomia.store import ledger_store, projections
from isonomia.store.db import Database

__all__ = ["SqlUnitOfWork", "StateCache", "UnitOfWork", "WorkInProgress"]


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

    def catch_up(self, conn: Connection) -> FederationState:
        top, _ = ledger_store.head(conn)
        if top < self.sequence:  # the database was replaced under us
            self.sequence, self.state = 0, FederationState()
        for entry in ledger_store.read_entries(conn, after=self.sequence):
            self.state = evolve(self.state, projections.event_of(entry))
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
        return entries


class SqlUnitOfWork:
    """One database transaction holding the append lock: events and read tables together."""

    def __init__(self, db: Database, cache: StateCache) -> None:
        self.db = db
        self.cache = cache

    @contextmanager
    def begin(self) -> Iterator[WorkInProgress]:
        sequence, state = self.cache.sequence, self.cache.state
        try:
            with self.db.writing() as conn:
                yield _SqlWork(conn, self.cache)
        except BaseException:
            # The transaction rolled back: forget whatever was folded inside it.
            self.cache.sequence, self.cache.state = sequence, state
            raise
