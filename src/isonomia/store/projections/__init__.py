"""Read models: SQL tables kept in step with the ledger, for queries and pages.

Each area keeps its read tables and their projectors in a module named after it; this
package holds the registry they fill and the operations over all of them. Each event
updates the read tables in the same transaction as its append, so readers never see one
without the other. The tables hold nothing the ledger does not: `rebuild` empties them
and replays the whole ledger, and a test shows the result equals the live tables.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import Event, event_from_record
from isonomia.ledger.chain import Entry
from isonomia.store.ledger_store import read_entries
from isonomia.store.projections import (  # noqa: F401  (each registers its projectors)
    appeals,
    competences,
    departments,
    directives,
    inspection,
    languages,
    membership,
    motions,
    offices,
    organs,
    principals,
    secessions,
)
from isonomia.store.projections.registry import PROJECTORS, VIEW_TABLES, projects

__all__ = [
    "PROJECTORS",
    "REBUILD_PAGE",
    "VIEW_TABLES",
    "apply",
    "apply_entries",
    "event_of",
    "fingerprint",
    "projects",
    "rebuild",
    "snapshot",
]


def apply(conn: Connection, sequence: int, event: Event) -> None:
    """Update the read tables for one event."""
    projectors = PROJECTORS.get(type(event))
    if not projectors:
        raise TypeError(f"no projection for {type(event).__name__}")
    for projector in projectors:
        projector(conn, sequence, event)


def event_of(entry: Entry) -> Event:
    return event_from_record(entry.event_type, entry.schema_version, entry.payload)


def apply_entries(conn: Connection, entries: Iterable[Entry]) -> None:
    for entry in entries:
        apply(conn, entry.sequence, event_of(entry))


#: Entries a rebuild reads from the ledger at a time (and, on PostgreSQL, sends at a time).
REBUILD_PAGE = 5000


def rebuild(conn: Connection, progress: Callable[[int], None] | None = None) -> int:
    """Empty the read tables and replay the whole ledger into them; returns entries replayed.

    `progress` hears the sequence number reached, for a progress bar. On PostgreSQL the
    projectors' writes are pipelined (`_Pipelined`): the same statements, in the same order,
    without a round trip to the server for each."""
    for table in VIEW_TABLES:
        conn.execute(sa.delete(table))
    replayed = 0
    entries = read_entries(conn, batch=REBUILD_PAGE)
    while page := list(itertools.islice(entries, REBUILD_PAGE)):
        # The page is read before its writes are sent: the ledger is read on `conn` too.
        with _pipelined(conn) as target:
            for entry in page:
                apply(target, entry.sequence, event_of(entry))
                replayed += 1
                if progress is not None:
                    progress(entry.sequence)
    return replayed


@contextmanager
def _pipelined(conn: Connection) -> Iterator[Connection]:
    """`conn` for projectors, pipelined where the driver allows it (psycopg 3)."""
    raw = conn.connection.driver_connection
    if conn.dialect.name != "postgresql" or not hasattr(raw, "pipeline"):
        yield conn
        return
    target = _Pipelined(conn, raw)
    try:
        yield cast(Connection, target)
    finally:
        target.sync()


class _Pipelined:
    """A connection whose writes (INSERT, UPDATE, DELETE without RETURNING) are sent in
    psycopg's pipeline mode: queued for the server without waiting for each result. Any
    other statement (a projector's SELECT) first waits for all of them to be done (the
    pipeline is left, which syncs it), then runs as usual; so does the end of the block.
    A write's error is raised at the next sync, as the DBAPI error SQLAlchemy gives."""

    def __init__(self, conn: Connection, raw: Any) -> None:
        self._conn = conn
        self._raw = raw
        self._open: ExitStack | None = None

    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(statement, "is_dml", False) and not getattr(statement, "_returning", ()):
            if self._open is None:
                with ExitStack() as stack:
                    stack.enter_context(self._raw.pipeline())
                    self._open = stack.pop_all()
        else:
            self.sync()
        return self._conn.execute(statement, *args, **kwargs)

    def sync(self) -> None:
        """Wait for every queued write, and leave pipeline mode."""
        if self._open is None:
            return
        stack, self._open = self._open, None
        try:
            stack.close()
        except self._conn.dialect.loaded_dbapi.Error as error:
            dialect = self._conn.dialect
            raise sa.exc.DBAPIError.instance(
                None, None, error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error

    def __getattr__(self, name: str) -> Any:
        # Anything else the connection does waits for the queued writes first.
        self.sync()
        return getattr(self._conn, name)


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read table, in key order: for comparing live and rebuilt state."""
    return {
        table.name: [
            tuple(row)
            for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
        ]
        for table in VIEW_TABLES
    }


def fingerprint(conn: Connection, batch: int = 10_000) -> dict[str, str]:
    """A digest of every read table's rows in key order, read a batch at a time: compares
    like `snapshot` without holding a large record's tables in memory."""
    digests: dict[str, str] = {}
    for table in VIEW_TABLES:
        digest = hashlib.sha256()
        query = sa.select(table).order_by(*table.primary_key.columns)
        result = conn.execute(query.execution_options(yield_per=batch))
        for rows in result.partitions():
            for row in rows:
                digest.update(repr(tuple(row)).encode("utf-8"))
                digest.update(b"\n")
        digests[table.name] = digest.hexdigest()
    return digests
