"""Group commit's savepoints: one command among several recorded in one unit of work
(`submission.submit_all`), undone alone when it fails, without a statement to the database.

In a group, a command's entries are linked after the ones before it and held (`hold`), its
events folded into the state cache, and the chain check's head moved on; the group's entries
are written together as the unit of work ends (`write_held`: one insert into the ledger, one
extension of the transparency log's tree, the read tables written as a node writes a page,
`projections.apply_batched`), and the verified head once. A command is refused, or fails,
before anything of it is written: its savepoint takes back what was held of it (its entries,
the fold, the head), and the others go on. A failure while writing is the whole
transaction's: `submission.submit_all` then records each command alone.

Without what a chain check kept (no chain check, or too many entries since the verified head
to keep), entries are written as each command appends them, and a command that fails
abandons the group (`Abandoned`) rather than leave a part of its writes behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from isonomia.ledger.chain import Entry, NewEntry, link
from isonomia.store import ledger_store, projections

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from isonomia.domain import Event
    from isonomia.service.unit_of_work import Checked, StateCache

__all__ = ["Abandoned", "hold", "savepoint", "write_held"]


class Abandoned(Exception):
    """A command of a group failed after writing: the group's transaction cannot go on."""


class _Work(Protocol):
    conn: Connection
    cache: StateCache
    checked: Checked | None
    grouped: bool
    held: list[Entry]

    def translated(self) -> AbstractContextManager[Any]: ...

    def snapshot_if_due(self, last: Entry) -> None: ...


@contextmanager
def savepoint(work: _Work) -> Iterator[None]:
    """See the module's docstring."""
    checked = work.checked
    tail = checked.tail if checked is not None else None
    if tail is None or tail.entries is None:
        try:
            yield
        except Exception as error:
            raise Abandoned(str(error)) from error
        return
    cache, entries = work.cache, tail.entries
    kept = cache.sequence, cache.state, tail.head, tail.recorded_at, len(entries), len(work.held)
    work.grouped = True
    try:
        with work.translated():
            yield
    except BaseException:
        cache.sequence, cache.state, tail.head, tail.recorded_at = kept[:4]
        del entries[kept[4] :], work.held[kept[5] :]
        raise
    finally:
        work.grouped = False


def hold(
    work: _Work, checked: Checked, new: Sequence[NewEntry], events: Sequence[Event]
) -> list[Entry]:
    """A grouped command's entries, linked after the head and held for `write_held`."""
    entries = link(*checked.tail.head, list(new))
    work.held.extend(entries)
    checked.tail.extend(entries)
    work.cache.adopt(entries, events)
    return entries


def write_held(work: _Work) -> None:
    """Write the entries held by a group, as its unit of work ends (before the commit)."""
    if not work.held:
        return
    ledger_store.append_linked(work.conn, work.held)  # checks they follow the stored head
    projections.apply_batched(work.conn, work.held)
    work.snapshot_if_due(work.held[-1])
    work.held = []
