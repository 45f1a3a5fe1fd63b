"""A unit of work with no SQL: the ledger and read tables as lists, for service tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from isonomia.domain import Event, FederationState, evolve
from isonomia.ledger import GENESIS_HASH, Entry, NewEntry, link


class FakeWork:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow
        self.pending: list[Entry] = []
        self.events: list[Event] = []

    def state(self) -> FederationState:
        return self.uow.state

    def _all(self) -> list[Entry]:
        return self.uow.entries + self.pending

    def size(self) -> int:
        return len(self._all())

    def hash_at(self, sequence: int) -> str | None:
        held = self._all()
        return held[sequence - 1].hash if 1 <= sequence <= len(held) else None

    def last_recorded_at(self) -> str | None:
        held = self._all()
        return held[-1].recorded_at if held else None

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """One command of several: what it appended is dropped alone when the block raises."""
        entries, events = len(self.pending), len(self.events)
        try:
            yield
        except BaseException:
            del self.pending[entries:], self.events[events:]
            raise

    def append(self, new: Sequence[NewEntry], events: Sequence[Event]) -> list[Entry]:
        last = (self.uow.entries + self.pending)[-1:]
        after = (last[0].sequence, last[0].hash) if last else (0, GENESIS_HASH)
        entries = link(*after, new)
        self.pending.extend(entries)
        self.events.extend(events)
        return entries


class FakeReader:
    """A read of the fake record: its state, size, hashes and first entry."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def state(self) -> FederationState:
        return self.uow.state

    def size(self) -> int:
        return len(self.uow.entries)

    def hash_at(self, sequence: int) -> str | None:
        held = self.uow.entries
        return held[sequence - 1].hash if 1 <= sequence <= len(held) else None

    def first_entry(self) -> Entry | None:
        return self.uow.entries[0] if self.uow.entries else None


class FakeUnitOfWork:
    """Commits by extending its lists; a block that raises leaves them as they were."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.events: list[Event] = []
        self.state = FederationState()
        self.commits = 0

    @contextmanager
    def reading(self) -> Iterator[FakeReader]:
        yield FakeReader(self)

    @contextmanager
    def begin(self) -> Iterator[FakeWork]:
        work = FakeWork(self)
        yield work  # an exception here propagates, and nothing below runs
        self.entries.extend(work.pending)
        self.events.extend(work.events)
        for event in work.events:
            self.state = evolve(self.state, event)
        self.commits += 1
