"""A rebuild's bulk path: the projectors fold the whole ledger into a scratch SQLite file,
then each read table is written into the database once.

The projectors are the same functions a live write runs, so a rebuild cannot drift from the
incremental tables; only where they write differs:

- the scratch is a SQLite file in a temporary folder of this process, without a journal or
  syncs (nothing in it needs to survive a crash: the ledger is the truth), so each
  projector statement is a call into the SQLite library, never a round trip to a server.
  Plain inserts are held and sent together (`_Replay`). Memory stays flat: the scratch's
  rows live in its file, and SQLite keeps a bounded cache of its pages (`CACHE_KB`);
- the database's read tables are then emptied and loaded a table at a time, `LOAD_BATCH`
  rows at a time: psycopg 3's ``COPY … FROM STDIN`` on PostgreSQL, one ``executemany`` a
  batch on SQLite. Every statement on the database runs in the caller's transaction, so a
  rebuild that fails leaves the tables as they were.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.util import find_tables

from isonomia.store.projections.registry import PREBUILT, VIEW_TABLES

__all__ = [
    "CACHE_KB",
    "LOAD_BATCH",
    "Fold",
    "folding",
    "key_order",
    "load",
    "plain_insert",
    "scratch",
]

#: Rows read from the scratch and written into the database at a time.
LOAD_BATCH = 10_000
#: The most the scratch's page cache holds, in KiB.
CACHE_KB = 32 * 1024

_PRAGMAS = (
    "journal_mode = OFF",
    "synchronous = OFF",
    "locking_mode = EXCLUSIVE",
    "temp_store = MEMORY",
    f"cache_size = -{CACHE_KB}",
)


@contextmanager
def scratch() -> Iterator[Connection]:
    """A connection to a new, private SQLite file holding empty read tables, in one
    transaction; the file is deleted at the end."""
    with tempfile.TemporaryDirectory(prefix="isonomia-rebuild-") as folder:
        engine = sa.create_engine(
            f"sqlite:///{Path(folder) / 'tables.db'}", poolclass=sa.pool.StaticPool
        )
        sa.event.listen(engine, "connect", _set_pragmas)
        try:
            with engine.connect() as conn, conn.begin():
                VIEW_TABLES[0].metadata.create_all(conn, tables=VIEW_TABLES)
                yield conn
        finally:
            engine.dispose()


@contextmanager
def folding(scratch: Connection) -> Iterator[Connection]:
    """`scratch` for the projectors (`Fold`); every held row is written at the end."""
    target = Fold(scratch)
    yield cast(Connection, target)
    target.flush()


class Fold:
    """The connection the projectors write through into the scratch, to the same effect:

    - a plain INSERT (`plain_insert`) is held, and written with the other rows held for
      its table and columns as one executemany of the SQLite library, before a statement
      that reads or changes that table runs, and at the end;
    - a statement marked `registry.prebuilt` is compiled once and run by the SQLite library
      with the mapping given, after the rows held for the tables it names are written;
    - anything else first writes every row held, then runs through SQLAlchemy as usual.
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        self._held: dict[tuple[sa.Table, tuple[str, ...]], list[dict[str, Any]]] = {}

    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        held = None if kwargs else plain_insert(statement, *args)
        if held is not None:
            table, values = held
            self._held.setdefault((table, tuple(values)), []).append(values)
            return None
        if id(statement) in PREBUILT and len(args) == 1 and not kwargs:
            sql, tables = _compiled(statement)
            self.flush(tables)
            self._cursor.execute(sql, args[0])
            return None
        self.flush()
        return self._conn.execute(statement, *args, **kwargs)

    def flush(self, tables: frozenset[sa.TableClause] | None = None) -> None:
        """Write the rows held (for `tables` only, when given)."""
        for key in [k for k in self._held if tables is None or k[0] in tables]:
            rows = self._held.pop(key)
            sql, processors = _insert_sql(*key)
            if processors:
                rows = [{**row, **{c: p(row[c]) for c, p in processors.items()}} for row in rows]
            self._cursor.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        # Anything else the connection is asked waits for the rows held first.
        self.flush()
        return getattr(self._conn, name)


#: SQLite, with values bound by name (the projectors give mappings).
_NAMED = sqlite.dialect(paramstyle="named")


@functools.cache
def _compiled(statement: Any) -> tuple[str, frozenset[sa.TableClause]]:
    """A prebuilt statement's SQL for the scratch, and the tables it names."""
    compiled = statement.compile(dialect=_NAMED)
    if compiled._bind_processors:
        raise TypeError(f"a prebuilt statement binds values that need processing: {statement}")
    return compiled.string, frozenset(find_tables(statement, include_crud=True))


@functools.cache
def _insert_sql(table: sa.Table, columns: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """An INSERT of `columns` into `table` for the scratch, and the values' processors."""
    sql = table.insert().compile(dialect=_NAMED, column_keys=list(columns)).string
    processors = {}
    for name in columns:
        process = table.c[name].type._cached_bind_processor(_NAMED)
        if process is not None:
            processors[name] = process
    return sql, processors


def plain_insert(statement: Any, *args: Any) -> tuple[sa.Table, dict[str, Any]] | None:
    """(table, values) of ``table.insert()`` with one mapping of values, or of
    ``sa.insert(table).values(...)`` with plain Python values, and of nothing else (no
    RETURNING, prefixes, SELECT, several rows, SQL expressions...)."""
    if not isinstance(statement, sa.Insert) or not isinstance(statement.table, sa.Table):
        return None
    if args:
        bare = (
            len(args) == 1 and isinstance(args[0], Mapping) and vars(statement).keys() == {"table"}
        )
        return (statement.table, dict(args[0])) if bare else None
    if vars(statement).keys() != {"_values", "table"}:
        return None
    values: dict[str, Any] = {}
    for key, value in (statement._values or {}).items():
        if (
            not isinstance(key, str)
            or type(value) is not BindParameter
            or value.callable is not None
            or not value.type._isnull
        ):
            return None
        values[key] = value.value
    return statement.table, values


def _set_pragmas(raw: Any, _: Any) -> None:
    for pragma in _PRAGMAS:
        raw.execute(f"PRAGMA {pragma}")


def load(
    source: Connection,
    target: Connection,
    rows_seen: Callable[[sa.Table, Sequence[Any]], None] | None = None,
) -> int:
    """Empty the read tables of `target` and fill them with those of `source` (the scratch),
    each table's rows in key order; returns the rows written. `rows_seen` hears each
    table's rows as they pass, a batch at a time, as SQLAlchemy reads them."""
    for table in VIEW_TABLES:
        target.execute(sa.delete(table))
    written = 0
    write = _copy if target.dialect.name == "postgresql" else _insert
    for table in VIEW_TABLES:
        query = sa.select(table).order_by(*key_order(source, table))
        for rows in source.execute(query.execution_options(yield_per=LOAD_BATCH)).partitions():
            write(target, table, rows)
            written += len(rows)
            if rows_seen is not None:
                rows_seen(table, rows)
    return written


def key_order(conn: Connection, table: sa.Table) -> list[Any]:
    """`table`'s key columns to order by, texts by their bytes on every database (PostgreSQL
    would otherwise use its collation, SQLite compares bytes)."""
    if conn.dialect.name != "postgresql":
        return list(table.primary_key.columns)
    return [
        column.collate("C") if isinstance(column.type, sa.String) else column
        for column in table.primary_key.columns
    ]


def _copy(target: Connection, table: sa.Table, rows: Sequence[Any]) -> None:
    """COPY `rows` into `table` on PostgreSQL, in the transaction of `target`."""
    raw = target.connection.driver_connection
    assert raw is not None
    quote = target.dialect.identifier_preparer.quote
    columns = ", ".join(quote(column.name) for column in table.columns)
    statement = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _insert(target: Connection, table: sa.Table, rows: Sequence[Any]) -> None:
    """Insert `rows` into `table` as one executemany."""
    target.exec_driver_sql(_positional_insert(table), [tuple(row) for row in rows])


@functools.cache
def _positional_insert(table: sa.Table) -> str:
    quote = _NAMED.identifier_preparer.quote
    columns = ", ".join(quote(column.name) for column in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    return f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"
