"""Database access: resolving the URL, the engine, migrations, and the one serialized writer.

Every write goes through ``Database.writing()``: one transaction that first takes the
append lock, so appends are serialized across threads and processes and the ledger's
sequence stays gapless. Reads go through ``Database.reading()`` and never take that lock.
What is found at a URL (nothing, an empty database, an isonomia schema old or current, or
something else) is told by ``Database.schema()``; a driver error is put in words for people
by ``describe_failure``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

__all__ = [
    "APPEND_LOCK_KEY",
    "DEFAULT_URL",
    "ENV_VAR",
    "WRITING_OPTION",
    "Database",
    "Schema",
    "UnsupportedDatabase",
    "alembic_config",
    "describe_failure",
    "resolve_url",
]

ENV_VAR = "ISONOMIA_DATABASE_URL"
DEFAULT_URL = "sqlite:///./isonomia.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# PostgreSQL advisory lock key for appends: one fixed 64-bit number shared by every
# isonomia process on the database ("isonomia" in ASCII, truncated to fit a signed bigint).
APPEND_LOCK_KEY = 0x69736F6E6F6D6961 & 0x7FFFFFFFFFFFFFFF

# Execution option set on connections handed out by writing(); append() refuses others.
WRITING_OPTION = "isonomia_writing"

SQLITE_BUSY_TIMEOUT_MS = 30_000


SQLITE_HEADER = b"SQLite format 3\x00"

SUPPORTED = "give a SQLite file path, sqlite:///FILE or postgresql://USER@HOST/DATABASE"


class UnsupportedDatabase(ValueError):
    """The URL names a kind of database isonomia does not run on (a bad argument)."""


def resolve_url(explicit: str | None) -> str:
    """The database URL: ``explicit``, else ``$ISONOMIA_DATABASE_URL``, else a local SQLite file.

    A plain path (no ``scheme://``) is a SQLite file. ``postgresql://`` URLs are pointed at
    the psycopg 3 driver.
    """
    url = explicit or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    elif url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    return url


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the migrations inside this package (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


class Database:
    """One database: its engine, its migrations, and its read and write transactions."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.dialect_name = make_url(self.url).get_backend_name()
        except sa.exc.ArgumentError:
            raise UnsupportedDatabase(f"{url!r} is not a database URL: {SUPPORTED}") from None
        if self.dialect_name == "sqlite":
            self.engine = sa.create_engine(
                self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
            )
            _install_sqlite_transaction_control(self.engine)
        elif self.dialect_name == "postgresql":
            self.engine = sa.create_engine(self.url)
        else:
            raise UnsupportedDatabase(
                f"unsupported database {self.dialect_name!r} in {self.describe()}: {SUPPORTED}"
            )

    def __repr__(self) -> str:
        return f"Database({self.describe()!r})"

    def describe(self) -> str:
        """The URL for people: the file of a SQLite database, the URL without its password."""
        path = self.sqlite_path()
        if path is not None:
            return str(path)
        return make_url(self.url).render_as_string(hide_password=True)

    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database on disk (None for PostgreSQL or ``:memory:``)."""
        url = make_url(self.url)
        if self.dialect_name != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return Path(str(url.database))

    def schema(self) -> Schema:
        """What is at this URL, found without creating anything (a missing file stays so)."""
        path = self.sqlite_path()
        if path is not None:
            if not path.exists() or path.stat().st_size == 0:
                return Schema("empty" if path.exists() else "missing")
            with path.open("rb") as file:
                if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                    return Schema("foreign", detail="it is not a SQLite database")
            # Read-only and without our connect pragmas: looking must not change the file.
            uri = f"file:{path.resolve()}?mode=ro"
            engine = sa.create_engine(
                "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, timeout=5)
            )
            try:
                with engine.connect() as conn:
                    return _schema_of(conn)
            finally:
                engine.dispose()
        with Database.reading(self) as conn:  # not an override that expects a schema
            return _schema_of(conn)

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to ``revision`` (Alembic ``upgrade``) in one transaction, under
        the append lock so that two processes starting together do not both migrate."""
        with self._locked() as conn:
            command.upgrade(alembic_config(conn), revision)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in one transaction holding the append lock.

        Commits when the block ends normally, rolls back on any exception. Hold it only
        for the work of one command: every other writer waits for it.
        """
        with self._locked() as conn:
            yield conn

    @contextmanager
    def _locked(self) -> Iterator[Connection]:
        # writing() itself, kept apart so that migrate() uses it even where a subclass
        # adds checks to writing() that need the migrated schema.
        with self.engine.connect() as conn:
            if self.dialect_name == "postgresql":
                # READ COMMITTED takes a fresh snapshot per statement, so after the lock is
                # granted the head read sees the previous writer's commit. REPEATABLE READ
                # would freeze the snapshot at the lock statement and read a stale head.
                conn = conn.execution_options(isolation_level="READ COMMITTED")
            conn = conn.execution_options(**{WRITING_OPTION: True})
            with conn.begin():
                if self.dialect_name == "postgresql":
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPEND_LOCK_KEY}
                    )
                yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in one read transaction (one consistent snapshot), rolled back at
        the end, so nothing done inside it is kept."""
        with self.engine.connect() as conn:
            if self.dialect_name == "postgresql":
                conn = conn.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            trans = conn.begin()
            try:
                yield conn
            finally:
                trans.rollback()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


class Schema:
    """What a URL holds. ``state`` is one of: ``missing`` (no file), ``empty`` (no table),
    ``foreign`` (tables that are not isonomia's), ``current``, ``behind`` (an isonomia
    schema older than this code: it migrates on the next write) or ``newer``."""

    def __init__(self, state: str, revision: str | None = None, detail: str = "") -> None:
        self.state = state
        self.revision = revision
        self.detail = detail

    def __repr__(self) -> str:
        return f"Schema({self.state!r}, {self.revision!r})"


def _schema_of(conn: Connection) -> Schema:
    tables = set(sa.inspect(conn).get_table_names())
    if not tables:
        return Schema("empty")
    if "alembic_version" not in tables or "ledger" not in tables:
        what = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        return Schema("foreign", detail=f"its tables ({what}) are not isonomia's")
    revision = MigrationContext.configure(conn).get_current_revision()
    scripts = ScriptDirectory.from_config(alembic_config())
    if revision in scripts.get_heads():
        return Schema("current", revision)
    known = {script.revision for script in scripts.walk_revisions()}
    return Schema("behind" if revision in known else "newer", revision)


def describe_failure(db: Database, error: sa.exc.DBAPIError) -> str:
    """One line for people: what went wrong with the database, and what to do."""
    reason = str(error.orig or error).strip().splitlines()[0] if str(error.orig) else ""
    where = db.describe()
    lowered = reason.lower()
    if db.dialect_name == "sqlite":
        if "locked" in lowered or "busy" in lowered:
            return (
                f"the database {where} is busy: another command kept it locked for "
                f"{SQLITE_BUSY_TIMEOUT_MS / 1000:g} s; try again when it has finished"
            )
        if "not a database" in lowered:
            return f"{where} is not a SQLite database: give the file of a union with --db"
        if "unable to open" in lowered:
            return f"cannot open {where}: check that its folder exists and may be written"
    elif isinstance(error, sa.exc.OperationalError) and (
        "does not exist" in lowered or "connect" in lowered
    ):
        return (
            f"cannot connect to {where} ({reason}): check that the server is running "
            "and the database exists (create it with `createdb`)"
        )
    if (
        "no such table" in lowered
        or "no such column" in lowered
        or (isinstance(error, sa.exc.ProgrammingError) and "does not exist" in lowered)
    ):
        return (
            f"{where} does not hold the tables isonomia expects ({reason}): "
            "give the database of a union with --db"
        )
    return f"database error on {where}: {reason or type(error).__name__}"


def _install_sqlite_transaction_control(engine: Engine) -> None:
    # The documented pysqlite recipe: stop the sqlite3 module from issuing its own BEGIN
    # (it would start write transactions late, at the first INSERT, after the head was read)
    # and emit BEGIN ourselves. Writers use BEGIN IMMEDIATE, which takes SQLite's single
    # write lock before the head is read; that lock *is* the append lock. Readers use a
    # deferred BEGIN, which under WAL gives them a snapshot without blocking writers.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITING_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
