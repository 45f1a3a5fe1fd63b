"""The Database object: URL resolution, migrations from anywhere, and the tamper check on a
real SQLite file (the acceptance criterion behind ``isonomia ledger verify``)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from isonomia.ledger import NewEntry
from isonomia.store import Database, append, head, resolve_url, verify
from isonomia.store.db import alembic_config


def new_entry(i: int) -> NewEntry:
    return NewEntry(
        recorded_at="2024-03-01T12:00:00Z",
        actor="ukraine",
        command_id=f"cmd-{i}",
        event_type="AppealFiled",
        schema_version=1,
        payload={"decision": i, "grounds": "Україна оскаржує"},
    )


def test_resolve_url_prefers_explicit_then_environment_then_local_sqlite(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ISONOMIA_DATABASE_URL", raising=False)
    assert resolve_url(None) == "sqlite:///./isonomia.db"
    monkeypatch.setenv("ISONOMIA_DATABASE_URL", "sqlite:///from-env.db")
    assert resolve_url(None) == "sqlite:///from-env.db"
    assert resolve_url("sqlite:///explicit.db") == "sqlite:///explicit.db"


def test_resolve_url_points_postgresql_urls_at_psycopg() -> None:
    assert resolve_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_database_refuses_an_unsupported_backend() -> None:
    with pytest.raises(ValueError, match="unsupported database"):
        Database("mysql://u@h/db")


def test_a_database_is_described_without_its_url_user_password_or_options() -> None:
    database = Database("postgresql://isonomia:s3cret-pw@db.example:6543/union?sslmode=require")
    assert database.describe() == "db.example:6543/union"
    assert repr(database) == "Database('db.example:6543/union')"
    said = database.scrub(
        "failed at postgresql+psycopg://isonomia:s3cret-pw@db.example:6543/union "
        "(password=s3cret-pw host=db.example) s3cret-pw"
    )
    assert "s3cret" not in said and "://" not in said and "isonomia:" not in said
    assert said.startswith("failed at db.example:6543/union (password=*** host=db.example)")


def test_a_dead_server_behind_a_password_is_one_line_with_neither() -> None:
    from isonomia.service.errors import Unavailable
    from isonomia.service.unit_of_work import CheckedDatabase

    database = CheckedDatabase("postgresql://isonomia:s3cret-pw@127.0.0.1:1/union")
    with pytest.raises(Unavailable) as raised, database.reading():
        pass
    line = str(raised.value)
    assert line.startswith("cannot connect to 127.0.0.1:1/union (")
    assert "s3cret" not in line and "://" not in line and "isonomia" not in line


def test_migrations_have_one_head_and_start_at_revision_0001() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1
    assert scripts.get_revision("0001").down_revision is None


def test_migrate_works_from_any_working_directory_and_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    database = Database(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        database.migrate()
        database.migrate()
        with database.reading() as conn:
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
            heads = ScriptDirectory.from_config(alembic_config()).get_heads()
            assert version == heads[0]
            assert head(conn)[0] == 0
    finally:
        database.dispose()
    assert list(elsewhere.iterdir()) == []


def test_sqlite_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        with database.reading() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 1000
    finally:
        database.dispose()


def test_reading_keeps_nothing_written_inside_it(database: Database) -> None:
    # PostgreSQL refuses the write (read-only transaction); SQLite rolls it back at the end.
    with contextlib.suppress(sa.exc.DatabaseError), database.reading() as conn:
        conn.execute(sa.text("CREATE TABLE scratch (x INTEGER)"))
    with database.reading() as conn:
        assert not sa.inspect(conn).has_table("scratch")


def test_p18_one_changed_byte_in_a_sqlite_file_is_named_by_verify(tmp_path: Path) -> None:
    path = tmp_path / "union.db"
    database = Database(f"sqlite:///{path}")
    database.migrate()
    with database.writing() as conn:
        append(conn, [new_entry(i) for i in range(1, 21)])
    database.dispose()

    # By hand, as an attacker with the file would: drop the trigger, flip one byte.
    raw = sqlite3.connect(path)
    try:
        raw.execute("DROP TRIGGER ledger_refuse_update")
        (payload,) = raw.execute("SELECT payload FROM ledger WHERE sequence = 17").fetchone()
        changed = payload.replace('"decision":17', '"decision":18')
        assert len(changed.encode()) == len(payload.encode()) and changed != payload
        raw.execute("UPDATE ledger SET payload = ? WHERE sequence = 17", (changed,))
        raw.commit()
    finally:
        raw.close()

    database = Database(f"sqlite:///{path}")
    try:
        with database.reading() as conn:
            report = verify(conn)
    finally:
        database.dispose()
    assert not report.ok
    assert report.broken_at == 17
    assert report.describe() == (
        "entry 17: hash does not match its content (payload or fields were changed)"
    )


@pytest.mark.parametrize(
    "stored, reason",
    [
        ('{"decision":3,"grounds":', "payload is not valid JSON"),
        ('{"decision":NaN}', "payload is not valid JSON"),
        ("[3]", "payload is not a JSON object"),
        (
            '{"grounds":"Україна оскаржує","decision":3}',
            "payload text is not in the canonical form it was stored in (it was rewritten)",
        ),
    ],
)
def test_verify_names_a_stored_payload_that_is_broken_or_rewritten(
    tmp_path: Path, stored: str, reason: str
) -> None:
    path = tmp_path / "union.db"
    database = Database(f"sqlite:///{path}")
    try:
        database.migrate()
        with database.writing() as conn:
            append(conn, [new_entry(i) for i in range(1, 6)])
            conn.execute(sa.text("DROP TRIGGER ledger_refuse_update"))
            conn.execute(
                sa.text("UPDATE ledger SET payload = :p WHERE sequence = 3"), {"p": stored}
            )
        with database.reading() as conn:
            report = verify(conn)
        assert report.describe() == f"entry 3: {reason}"
        assert report.count == 2
    finally:
        database.dispose()
