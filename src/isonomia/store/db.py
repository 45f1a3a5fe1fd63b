"""Database access: resolving the URL, the engine, migrations, and the one serialized writer.

Every write goes through ``Database.writing()``: one transaction that first takes the
append lock, so appends are serialized across threads and processes and the ledger's
sequence stays gapless. Reads go through ``Database.reading()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

__all__ = [
    "APPEND_LOCK_KEY",
    "DEFAULT_URL",
    "ENV_VAR",
    "WRITING_OPTION",
    "Database",
    "alembic_config",
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


def resolve_url(explicit: str | None) -> str:
    """The database URL: ``explicit``, else ``$ISONOMIA_DATABASE_URL``, else a local SQLite file.

    ``postgresql://`` URLs are pointed at the psycopg 3 driver.
    """
    url = explicit or os.environ.get(ENV_VAR) or DEFAULT_URL
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
        self.dialect_name = make_url(self.url).get_backend_name()
        if self.dialect_name == "sqlite":
            self.engine = sa.create_engine(
                self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
            )
            _install_sqlite_transaction_control(self.engine)
        elif self.dialect_name == "postgresql":
            self.engine = sa.create_engine(self.url)
        else:
            raise ValueError(
                f"unsupported database {self.dialect_name!r}: use sqlite or postgresql"
            )

    def __repr__(self) -> str:
        return f"Database({self.engine.url.render_as_string(hide_password=True)!r})"

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to ``revision`` (Alembic ``upgrade``) in one transaction, under
        the append lock so that two processes starting together do not both migrate."""
        with self.writing() as conn:
            command.upgrade(alembic_config(conn), revision)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in one transaction holding the append lock.

        Commits when the block ends normally, rolls back on any exception. Hold it only
        for the work of one command: every other writer waits for it.
        """
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
