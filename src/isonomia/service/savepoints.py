"""A savepoint for one command among several recorded in one unit of work (group commit,
`service.submission.submit_all`).

What a command appends inside `savepoint(work)` is undone alone when the block raises: its
rows (a nested transaction, begun by its first append, so a command refused before it
appends sends nothing to the database), and what the unit of work had taken of them in
memory (the state cache's fold, the chain check's head and entries). The commands before it
and after it are kept. Errors are raised as service errors, as a whole transaction's are.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import sqlalchemy as sa

    from isonomia.service.unit_of_work import Checked, StateCache

__all__ = ["savepoint"]


class _Work(Protocol):
    cache: StateCache
    checked: Checked | None
    nested: sa.NestedTransaction | None
    grouped: bool

    def translated(self) -> AbstractContextManager[Any]: ...


@contextmanager
def savepoint(work: _Work) -> Iterator[None]:
    """See the module's docstring."""
    cache, checked = work.cache, work.checked
    kept = cache.sequence, cache.state
    tail = checked.tail if checked is not None else None
    marks = (tail.head, tail.recorded_at, len(tail.entries or ())) if tail is not None else None
    work.grouped, work.nested = True, None
    try:
        with work.translated():
            try:
                yield
            except BaseException:
                if work.nested is not None:
                    work.nested.rollback()
                raise
            if work.nested is not None:
                work.nested.commit()
    except BaseException:
        cache.sequence, cache.state = kept
        if tail is not None and marks is not None:
            tail.head, tail.recorded_at = marks[0], marks[1]
            if tail.entries is not None:
                del tail.entries[marks[2] :]
        raise
    finally:
        work.grouped, work.nested = False, None
