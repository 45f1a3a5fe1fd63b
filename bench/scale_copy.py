"""A union's database copied from SQLite into PostgreSQL, table by table, for the benchmarks.

Appending through the store on PostgreSQL costs a round trip per projector statement, so a
long record is made on SQLite (``scale_record``) and copied: the PostgreSQL schema is made
by the migrations (``Database.migrate``, which also writes Alembic's version row), every
table of ``isonomia.store.tables.metadata`` is filled with ``COPY ... FROM
STDIN`` (psycopg 3), in dependency order, the rows read from SQLite through the same table
definitions (so booleans, bytes and the rest come back as Python values); then any serial
or identity sequence is set past its column's largest value and the tables are analyzed.
``--check`` then verifies the copied chain (``ledger verify``'s check) and compares the read
tables of both databases (``projections.fingerprint``).

``python bench/scale_copy.py SQLITE_URL POSTGRESQL_URL [--check]``; the PostgreSQL
database must exist and hold no union (the ledger refuses deletion: drop and create it).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable

import sqlalchemy as sa

import isonomia.service  # noqa: F401  (imports every module that adds tables to metadata)
from isonomia.service import Federation
from isonomia.store import projections
from isonomia.store.db import Database
from isonomia.store.tables import metadata

BATCH = 10_000


def copy_database(
    source_url: str,
    target_url: str,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy the union at `source_url` into the new PostgreSQL database at `target_url`
    (made by the migrations here, or migrated and empty); returns the rows copied per table."""
    source, target = Database(source_url), Database(target_url)
    if target.dialect_name != "postgresql":
        raise ValueError(f"{target.describe()} is not a PostgreSQL database")
    target.migrate()
    tables = metadata.sorted_tables
    _check_tables(target, tables)
    copied: dict[str, int] = {}
    try:
        with source.reading() as read, target.engine.begin() as write:
            raw = write.connection.driver_connection
            assert raw is not None
            _check_empty(write, tables)
            with raw.cursor() as cursor:
                for table in tables:
                    copied[table.name] = _copy_table(read, cursor, write, table, batch, progress)
            for table in tables:
                _reset_sequences(write, table)
        with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        source.dispose()
        target.dispose()
    return copied


def _check_tables(target: Database, tables: list[sa.Table]) -> None:
    """Every table the migrations made is one this copies (a table missing from metadata
    would otherwise be left empty without a word)."""
    with target.reading() as conn:
        made = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    unknown = made - {t.name for t in tables}
    if unknown:
        raise RuntimeError(f"tables not in metadata, not copied: {sorted(unknown)}")


def _check_empty(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """The copy goes into a new database: the ledger refuses deletion (P18), so a union
    already there cannot be replaced."""
    full = [
        t.name
        for t in tables
        if conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first()
    ]
    if full:
        raise RuntimeError(f"the target database is not empty (rows in {', '.join(full)})")


def _quoted(conn: sa.Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _copy_table(
    read: sa.Connection,
    cursor: object,
    write: sa.Connection,
    table: sa.Table,
    batch: int,
    progress: Callable[[str, int], None] | None,
) -> int:
    columns = ", ".join(_quoted(write, c.name) for c in table.columns)
    query = sa.select(table).order_by(*table.primary_key.columns)
    result = read.execute(query.execution_options(yield_per=batch))
    rows = 0
    for part in result.partitions():
        with cursor.copy(  # type: ignore[attr-defined]
            f"COPY {_quoted(write, table.name)} ({columns}) FROM STDIN"
        ) as copy:
            for row in part:
                copy.write_row(row)
        rows += len(part)
        if progress is not None:
            progress(table.name, rows)
    return rows


def _reset_sequences(conn: sa.Connection, table: sa.Table) -> None:
    """Set each serial or identity sequence of `table` past the column's largest value."""
    for column in table.columns:
        sequence = conn.execute(
            sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
            {"t": _quoted(conn, table.name), "c": column.name},
        ).scalar()
        if sequence is None:
            continue
        t, c = _quoted(conn, table.name), _quoted(conn, column.name)
        conn.execute(
            sa.text(f"SELECT setval(:s, COALESCE((SELECT MAX({c}) FROM {t}), 0) + 1, false)"),
            {"s": sequence},
        )


def check_copy(source_url: str, target_url: str) -> None:
    """The copy's chain verifies, its read tables equal the source's (``projections.
    fingerprint``) and so does every other table, row for row; raises if not."""
    fed = Federation(target_url)
    try:
        report = fed.verify_ledger()
    finally:
        fed.close()
    if not report.ok:
        raise AssertionError(f"the copied ledger does not verify: {report}")
    prints = [_fingerprint(url) for url in (source_url, target_url)]
    differ = sorted(
        k for k in prints[0].keys() | prints[1].keys() if prints[0].get(k) != prints[1].get(k)
    )
    if differ:
        raise AssertionError(f"tables differ after the copy: {differ}")


def _fingerprint(url: str) -> dict[str, str]:
    """``projections.fingerprint`` of the read tables, and the same digest of the others."""
    db = Database(url)
    try:
        with db.reading() as conn:
            prints = projections.fingerprint(conn)
            for table in metadata.sorted_tables:
                if table.name not in prints:
                    prints[table.name] = _digest(conn, table)
    finally:
        db.dispose()
    return prints


def _digest(conn: sa.Connection, table: sa.Table) -> str:
    digest = hashlib.sha256()
    query = sa.select(table).order_by(*table.primary_key.columns)
    for rows in conn.execute(query.execution_options(yield_per=BATCH)).partitions():
        for row in rows:
            digest.update(repr(tuple(row)).encode("utf-8") + b"\n")
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the SQLite union (sqlite:///FILE)")
    parser.add_argument("target", help="an existing PostgreSQL database (postgresql://...)")
    parser.add_argument("--check", action="store_true", help="verify and compare after")
    args = parser.parse_args()
    started = time.perf_counter()
    copied = copy_database(args.source, args.target)
    took = time.perf_counter() - started
    total = sum(copied.values())
    print(f"{total:,} rows in {len(copied)} tables copied in {took:.1f} s")
    for name, rows in sorted(copied.items(), key=lambda item: -item[1])[:5]:
        print(f"  {name}: {rows:,}")
    if args.check:
        started = time.perf_counter()
        check_copy(args.source, args.target)
        print(f"verified and compared in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
