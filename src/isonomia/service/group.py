"""Group commit: the commands a process is asked to record while it is recording others wait,
then are recorded together, in one transaction (`submission.submit_all`).

    thread ─► queue ─► [no group being recorded?] ─► append lock ─► take the queue
                 │                                    ─► submit_all ─► answers
                 └─ else wait: a group that holds this command answers it, or this thread
                    records the next group once that one is done

No thread waits for company: a command that finds nothing being recorded is recorded at once.
The queue is taken once the append lock is held, so the commands that arrived while the
recording thread waited for it (behind another process's transaction) are in its group; those
that arrive later form the next one. Groups are taken in the order the commands came, at most
`LIMIT` at a time. Each
caller gets its own command's outcome (its entries, or the refusal or error that was its
own), raised or returned in its own thread; a failure of the whole transaction is every
one's. Across processes the database's append lock still takes one transaction at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

__all__ = ["LIMIT", "GroupCommit"]

T = TypeVar("T")
R = TypeVar("R")

#: The most commands one transaction records (PostgreSQL keeps 64 savepoints' ids per
#: transaction in shared memory; more would slow every reader's snapshot).
LIMIT = 48


class _Waiting(Generic[T, R]):
    def __init__(self, item: T) -> None:
        self.item = item
        self.done = False
        self.outcome: R | BaseException | None = None

    def answer(self, outcome: R | BaseException) -> None:
        self.outcome, self.done = outcome, True


class GroupCommit(Generic[T, R]):
    """Record items through `record_all` (one outcome an item, in order), grouping the items
    of concurrent callers (see the module's docstring). `record_all` is given `take`, which
    it calls once it holds the append lock: the items waiting then are its group."""

    def __init__(
        self,
        record_all: Callable[[Callable[[], Sequence[T]]], Sequence[R | Exception]],
        limit: int = LIMIT,
    ) -> None:
        self._record_all = record_all
        self._limit = limit
        self._turn = threading.Condition()
        self._queue: list[_Waiting[T, R]] = []
        self._busy = False

    def waiting(self) -> int:
        """How many commands wait to be taken into a group."""
        with self._turn:
            return len(self._queue)

    def submit(self, item: T) -> R:
        """`item`'s outcome: returned, or raised when it is an exception."""
        mine: _Waiting[T, R] = _Waiting(item)
        with self._turn:
            self._queue.append(mine)
        while True:
            with self._turn:
                while self._busy and not mine.done:
                    self._turn.wait()
                if mine.done:
                    break
                self._busy = True  # this thread records the next group
            try:
                self._record()
            finally:
                with self._turn:
                    self._busy = False
                    self._turn.notify_all()
        if isinstance(mine.outcome, BaseException):
            raise mine.outcome
        return mine.outcome  # type: ignore[return-value]

    def _record(self) -> None:
        group: list[_Waiting[T, R]] = []
        taken = False

        def take() -> list[T]:
            nonlocal taken
            with self._turn:
                if not taken:
                    taken = True
                    group.extend(self._queue[: self._limit])
                    del self._queue[: self._limit]
            return [waiting.item for waiting in group]

        outcomes: list[R | BaseException]
        try:
            outcomes = list(self._record_all(take))
            if len(outcomes) != len(group):
                raise RuntimeError(f"{len(outcomes)} outcomes for {len(group)} commands")
        except BaseException as error:  # the whole transaction failed: every one's answer
            take()  # (those it would have held, when it failed before taking them)
            outcomes = [error] * len(group)
        for waiting, outcome in zip(group, outcomes, strict=True):
            waiting.answer(outcome)
