"""Database access: resolving the URL, the engine, migrations, and the one serialized writer.

Every write goes through ``Database.writing()``: one transaction that first takes the
append lock, so appends are serialized across threads and processes and the ledger's
sequence stays gapless. Reads go through ``Database.reading()`` and never take that lock.
What is found at a URL (nothing, an empty database, an isonomia schema old or current, or
something else) is told by ``Database.schema()``; a driver error is put in words for people
by ``describe_failure``, which never shows the URL: it may carry a password, and the line
may be read by anyone (a web client, a log). A new SQLite file is made readable by its owner
only.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url

from isonomia import areas

if TYPE_CHECKING:
    from alembic.config import Config
from isonomia.domain.refusal import N_

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
    "revisions",
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

UNREADABLE = N_(
    "the database URL cannot be read: give a SQLite file path, sqlite:///FILE or "
    "postgresql://USER@HOST/DATABASE"
)
UNSUPPORTED = N_(
    "unsupported database '{dialect}' in {where}: give a SQLite file path, sqlite:///FILE or "
    "postgresql://USER@HOST/DATABASE"
)
NO_DRIVER = N_(
    "{where} needs a driver that is not installed: isonomia reads a SQLite file, or "
    "PostgreSQL through psycopg (postgresql://USER@HOST/DATABASE)"
)
#: Mode of a new SQLite file (its -wal and -shm files take the same): its owner's only.
PRIVATE_FILE = 0o600


class UnsupportedDatabase(ValueError):
    """The URL names a kind of database isonomia does not run on (a bad argument); said by
    a catalog message (`msgid`, `params`)."""

    def __init__(self, msgid: str, **params: object) -> None:
        self.msgid = msgid
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(msgid.format(**self.params))


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


def version_locations() -> list[Path]:
    """The folders of migration scripts: this package's, and those of each area that brings
    its own read tables (`isonomia.areas`: a branch of its own)."""
    locations = [MIGRATIONS_DIR / "versions"]
    return locations + [a.migrations for a in areas.areas() if a.migrations is not None]


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the migrations (`version_locations`). Alembic is
    imported here, by what migrates: a read checks the schema's version without it."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    locations = version_locations()
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(p) for p in locations))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


class Database:
    """One database: its engine, its migrations, and its read and write transactions."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.dialect_name = make_url(self.url).get_backend_name()
        except (sa.exc.ArgumentError, ValueError):  # not a URL, or a port that is no number
            raise UnsupportedDatabase(UNREADABLE) from None
        if self.dialect_name not in ("sqlite", "postgresql"):
            raise UnsupportedDatabase(UNSUPPORTED, dialect=self.dialect_name, where=self.describe())
        try:
            if self.dialect_name == "sqlite":
                self.engine = sa.create_engine(
                    self.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
                )
                _install_sqlite_transaction_control(self.engine)
            else:
                self.engine = sa.create_engine(self.url)
        except (ImportError, sa.exc.NoSuchModuleError):  # e.g. postgresql+asyncpg://
            raise UnsupportedDatabase(NO_DRIVER, where=self.describe()) from None

    def __repr__(self) -> str:
        return f"Database({self.describe()!r})"

    def describe(self) -> str:
        """The database for people: the file of a SQLite database, else HOST:PORT/NAME;
        never the URL, its user, password or options."""
        path = self.sqlite_path()
        if path is not None:
            return str(path)
        return _where(make_url(self.url))

    def scrub(self, text: str) -> str:
        """`text` (a driver's message) with no URL and no password of this database in it."""
        if self.dialect_name != "sqlite":  # a file's URL holds no password, only its path
            url = make_url(self.url)
            for secret in {url.password, *re.findall(r":([^:@/]+)@", self.url)}:
                if secret:
                    text = text.replace(str(secret), "***")
            text = _PASSWORD_SETTING.sub(r"\1***", text)
        where = self.describe()
        return _URL.sub(lambda _found: where, text)

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

    def migrate(self, revision: str = "heads") -> None:
        """Bring the schema up to ``revision`` (Alembic ``upgrade``) in one transaction, under
        the append lock so that two processes starting together do not both migrate."""
        self._make_private_file()
        from alembic import command

        with self._locked() as conn:
            command.upgrade(alembic_config(conn), revision)

    def _make_private_file(self) -> None:
        # A union's file is its whole record, accounts included: a new one is made readable
        # by its owner only, before SQLite opens it; SQLite gives its -wal, -shm and
        # -journal files the mode of the database file.
        path = self.sqlite_path()
        if path is None or path.exists():
            return
        # Made meanwhile, or a folder that is not there: SQLite says which when it opens it.
        with suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))

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


#: A URL in a message (`scheme://…`), and a password given as a connection setting.
_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]*://\S*")
_PASSWORD_SETTING = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)", re.IGNORECASE)


def _where(url: URL) -> str:
    """A database other than a SQLite file for people: HOST:PORT/NAME (no user, no
    password, no options), or what it has of that."""
    place = (url.host or "") + (f":{url.port}" if url.port else "")
    name = url.database or ""
    if place and name:
        return f"{place}/{name}"
    return place or name or url.get_backend_name()


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
    current = {row[0] for row in conn.execute(sa.text("SELECT version_num FROM alembic_version"))}
    revision = ",".join(sorted(current)) or None
    known, heads = revisions()
    if current == heads:
        return Schema("current", revision)
    return Schema("behind" if current <= known else "newer", revision)


_REVISION = re.compile(r"^revision(?:\s*:[^=\n]*)?\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=\n]*)?\s*=\s*(.+)$", re.M)


def revisions() -> tuple[set[str], set[str]]:
    """Every revision the migration scripts know, and the heads (revisions no script
    revises), read from the scripts' text: checking a schema's version is a read of one
    table and a few small files, not an Alembic environment (a test compares the two)."""
    known: set[str] = set()
    revised: set[str] = set()
    for folder in version_locations():
        for path in folder.glob("*.py"):
            text = path.read_text(encoding="utf-8")
            found = _REVISION.search(text)
            if found is None:
                continue
            known.add(found.group(1))
            down = _DOWN_REVISION.search(text)
            if down is not None:
                revised |= set(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return known, known - revised


def describe_failure(db: Database, error: sa.exc.DBAPIError) -> str:
    """One line for people: what went wrong with the database, and what to do; with no
    URL or password in it (see `Database.scrub`)."""
    reason = str(error.orig or error).strip().splitlines()[0] if str(error.orig) else ""
    reason = db.scrub(reason)
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
