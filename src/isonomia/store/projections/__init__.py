"""Read models: SQL tables kept in step with the ledger, for queries and pages.

Each area keeps its read tables and their projectors in modules it declares
(`isonomia.areas`); this package loads them, and holds the registry they fill and the
operations over all of them. Each event
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

from isonomia import areas
from isonomia.domain import Event, event_from_record
from isonomia.ledger.chain import Entry
from isonomia.store.ledger_store import read_entries
from isonomia.store.projections import bulk
from isonomia.store.projections.bulk import plain_insert as _plain_insert
from isonomia.store.projections.registry import PROJECTORS, VIEW_TABLES, projects

areas.load("projections")  # each area's read tables and projectors register themselves

__all__ = [
    "PROJECTORS",
    "REBUILD_PAGE",
    "VIEW_TABLES",
    "apply",
    "apply_batched",
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


def apply_batched(conn: Connection, entries: Iterable[Entry]) -> None:
    """Update the read tables for entries appended together, writing as a rebuild does
    (`_Replay`: plain inserts sent together; on PostgreSQL, pipelined)."""
    with _replaying(conn) as target:
        for entry in entries:
            apply(target, entry.sequence, event_of(entry))


def apply_entries(conn: Connection, entries: Iterable[Entry]) -> None:
    for entry in entries:
        apply(conn, entry.sequence, event_of(entry))


#: Entries a rebuild reads from the ledger at a time (and, on PostgreSQL, sends at a time).
REBUILD_PAGE = 5000


def rebuild(
    conn: Connection,
    progress: Callable[[int], None] | None = None,
    fingerprints: dict[str, str] | None = None,
) -> int:
    """Empty the read tables and replay the whole ledger into them; returns entries replayed.

    The projectors fold the ledger into a scratch SQLite file (`bulk.scratch`, through
    `bulk.Fold`); each read table is then written once into the database, in `conn`'s
    transaction (`bulk.load`: COPY on PostgreSQL, executemany on SQLite). `progress` hears
    the sequence number reached, a page of entries at a time, and the sequence before an
    entry whose event cannot be read, before the error is raised. `fingerprints`, when
    given, receives the rebuilt tables' `fingerprint`, taken as they are written."""
    replayed = 0
    with bulk.scratch() as scratch:
        entries = read_entries(conn, batch=REBUILD_PAGE)
        while page := list(itertools.islice(entries, REBUILD_PAGE)):
            with bulk.folding(scratch) as target:
                for entry in page:
                    try:
                        event = event_of(entry)
                    except Exception:
                        if progress is not None:
                            progress(entry.sequence - 1)
                        raise
                    apply(target, entry.sequence, event)
            replayed += len(page)
            if progress is not None:
                progress(page[-1].sequence)
        digests = _Digests()
        bulk.load(scratch, conn, digests.add)
    if fingerprints is not None:
        fingerprints.update(digests.done())
    return replayed


@contextmanager
def _replaying(conn: Connection) -> Iterator[Connection]:
    """`conn` for the projectors of a rebuild (`_Replay`); all sent and done at the end."""
    raw = conn.connection.driver_connection
    pipelined = conn.dialect.name == "postgresql" and hasattr(raw, "pipeline")
    target = _Replay(conn, raw if pipelined else None)
    try:
        yield cast(Connection, target)
        target.flush()
    finally:
        target.sync()


class _Replay:
    """The connection the projectors write through in a rebuild, to the same effect:

    - a plain INSERT (a table and values, as projectors write them) is held, and sent with
      the other rows held for its table and columns as one executemany before any other
      statement runs (so an UPDATE or a SELECT sees every row inserted before it) and at
      the end. Rows of different tables may so reach the database in another order than
      they were made: read tables have no triggers or foreign keys between them;
    - on PostgreSQL (psycopg 3, `raw`), writes without RETURNING are sent in pipeline mode,
      queued without waiting for each result; any other statement (a projector's SELECT)
      first waits for all of them (the pipeline is left, which syncs it), then runs as
      usual. A write's error is then raised at that sync, as the DBAPI error SQLAlchemy
      gives; the rebuild's transaction is rolled back either way.
    """

    def __init__(self, conn: Connection, raw: Any | None) -> None:
        self._conn = conn
        self._raw = raw
        self._open: ExitStack | None = None
        self._held: dict[tuple[sa.Table, tuple[str, ...]], list[dict[str, Any]]] = {}

    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        held = None if kwargs else _plain_insert(statement, *args)
        if held is not None:
            table, values = held
            self._held.setdefault((table, tuple(values)), []).append(values)
            return None
        self.flush()
        if getattr(statement, "is_dml", False) and not getattr(statement, "_returning", ()):
            self._pipeline()
        else:
            self.sync()
        return self._conn.execute(statement, *args, **kwargs)

    def flush(self) -> None:
        """Send the inserts held."""
        held, self._held = self._held, {}
        if held:
            self._pipeline()
        for (table, _), rows in held.items():
            self._conn.execute(table.insert(), rows)

    def _pipeline(self) -> None:
        if self._raw is not None and self._open is None:
            with ExitStack() as stack:
                stack.enter_context(self._raw.pipeline())
                self._open = stack.pop_all()

    def sync(self) -> None:
        """Wait for every write sent, and leave pipeline mode."""
        if self._open is None:
            return
        stack, self._open = self._open, None
        dialect = self._conn.dialect
        try:
            stack.close()
        except dialect.loaded_dbapi.Error as error:
            raise sa.exc.DBAPIError.instance(
                None, None, error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error

    def __getattr__(self, name: str) -> Any:
        # Anything else the connection is asked waits for the writes first.
        self.flush()
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
    """A digest of every read table's rows in key order (texts by their bytes, on every
    database), read a batch at a time: compares like `snapshot` without holding a large
    record's tables in memory, and across databases."""
    digests = _Digests()
    for table in VIEW_TABLES:
        query = sa.select(table).order_by(*bulk.key_order(conn, table))
        digests.start(table)
        for rows in conn.execute(query.execution_options(yield_per=batch)).partitions():
            digests.add(table, rows)
    return digests.done()


class _Digests:
    """`fingerprint`'s digests, fed a table's rows in key order, a batch at a time."""

    def __init__(self) -> None:
        self._digests = {table.name: hashlib.sha256() for table in VIEW_TABLES}

    def start(self, table: sa.Table) -> None:
        self._digests[table.name] = hashlib.sha256()

    def add(self, table: sa.Table, rows: Iterable[Any]) -> None:
        self._digests[table.name].update("".join(f"{tuple(row)!r}\n" for row in rows).encode())

    def done(self) -> dict[str, str]:
        return {name: digest.hexdigest() for name, digest in self._digests.items()}
