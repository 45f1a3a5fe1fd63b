"""A record edited behind isonomia's back is named, never used (P18), on both databases.

Each test builds a union through the CLI, then edits the stored ledger as an attacker with
the database would (the append-only triggers dropped), and runs commands on it.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from isonomia.cli.main import app
from isonomia.ledger.chain import NewEntry, link
from isonomia.service import Federation
from isonomia.store import ledger_store
from isonomia.store.db import Database, resolve_url

runner = CliRunner()

FOUNDING = [
    *("--decision", "rsfsr:1922-12-26", "--decision", "ukraine:1922-12-13"),
    *("--decision", "belorussia:1922-12-18", "--decision", "georgia:1922-12-13"),
    *("--decision", "armenia:1922-12-13", "--decision", "azerbaijan:1922-12-13"),
]
BROKEN_AT_2 = "the record does not verify at entry 2: run `isonomia ledger verify`"


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def union(database_url: str) -> str:
    assert invoke("init", "--db", database_url, "--at", "1922-12-30").exit_code == 0
    assert invoke("found", "--db", database_url, "--on", "1922-12-30", *FOUNDING).exit_code == 0
    return database_url


def raw(url: str) -> sa.Engine:
    return sa.create_engine(resolve_url(url))


def drop_update_trigger(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("DROP TRIGGER ledger_refuse_update"))
    else:
        conn.execute(sa.text("DROP TRIGGER ledger_refuse_update ON ledger"))


def edit_payload(url: str, sequence: int, change) -> None:
    engine = raw(url)
    try:
        with engine.begin() as conn:
            drop_update_trigger(conn)
            text = conn.execute(
                sa.text("SELECT payload FROM ledger WHERE sequence = :s"), {"s": sequence}
            ).scalar_one()
            conn.execute(
                sa.text("UPDATE ledger SET payload = :p WHERE sequence = :s"),
                {"p": change(text), "s": sequence},
            )
    finally:
        engine.dispose()


def ledger_length(url: str) -> int:
    engine = raw(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM ledger")).scalar_one())
    finally:
        engine.dispose()


def georgia_renamed(text: str) -> str:
    return text.replace('"member":"georgia"', '"member":"gruzia"')


def test_p18_a_read_of_an_edited_record_says_where_it_breaks_and_exits_1(union: str) -> None:
    edit_payload(union, 2, georgia_renamed)
    assert one_line(invoke("presidency", "--db", union, "--on", "1923-01-01"), 1) == BROKEN_AT_2


def test_p18_a_write_onto_an_edited_record_is_refused_and_appends_nothing(union: str) -> None:
    edit_payload(union, 2, georgia_renamed)
    result = invoke("secession", "decide", "georgia", "--db", union, "--at", "1923-03-01")
    assert one_line(result, 1) == BROKEN_AT_2
    assert ledger_length(union) == 2


def test_p18_rebuild_of_an_edited_record_loads_nothing_and_exits_1(union: str) -> None:
    edit_payload(union, 2, georgia_renamed)
    assert one_line(invoke("projections", "rebuild", "--db", union), 1) == BROKEN_AT_2
    members = invoke("members", "--db", union, "--on", "1923-01-01")
    assert "gruzia" not in members.stdout


def test_p18_verify_still_names_the_edited_entry(union: str) -> None:
    edit_payload(union, 2, georgia_renamed)
    line = one_line(invoke("ledger", "verify", "--db", union), 1)
    assert line.startswith("entry 2: hash does not match its content")


def test_p18_a_payload_that_no_longer_parses_is_reported_as_a_broken_record(
    union: str,
) -> None:
    # The forger also re-hashed the chain from entry 2, so only parsing can catch it.
    engine = raw(union)
    try:
        with engine.begin() as conn:
            drop_update_trigger(conn)
            row = conn.execute(sa.text("SELECT * FROM ledger WHERE sequence = 2")).one()
            forged = NewEntry(
                row.recorded_at,
                row.actor,
                row.command_id,
                row.event_type,
                row.schema_version,
                {"founded_on": "not a date"},
            )
            first = conn.execute(sa.text("SELECT hash FROM ledger WHERE sequence = 1")).scalar()
            (entry,) = link(1, first, [forged])
            conn.execute(
                sa.text("UPDATE ledger SET payload = :p, hash = :h WHERE sequence = 2"),
                {"p": json.dumps(entry.payload, separators=(",", ":")), "h": entry.hash},
            )
    finally:
        engine.dispose()
    assert invoke("ledger", "verify", "--db", union).exit_code == 0
    line = one_line(invoke("presidency", "--db", union, "--on", "1923-01-01"), 1)
    assert line == BROKEN_AT_2
    assert one_line(invoke("projections", "rebuild", "--db", union), 1) == BROKEN_AT_2


def test_p18_rebuild_that_finds_different_tables_exits_1(union: str) -> None:
    engine = raw(union)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE member_view SET name = 'forged'"))
    finally:
        engine.dispose()
    line = one_line(invoke("projections", "rebuild", "--db", union), 1)
    assert "DIFFERENT" in line
    result = invoke("projections", "rebuild", "--db", union)
    assert result.exit_code == 0 and "identical" in result.stdout


def test_p18_writes_advance_the_verified_head_to_the_ledger_head(union: str) -> None:
    db = Database(union)
    try:
        with db.reading() as conn:
            assert ledger_store.verified_head_row(conn) == ledger_store.head(conn)
            assert ledger_store.head(conn)[0] == 2
    finally:
        db.dispose()


def test_p18_a_table_read_checks_only_the_entries_after_the_verified_head(
    union: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[int] = []
    real = ledger_store._checked
    monkeypatch.setattr(
        ledger_store, "_checked", lambda v, row: checked.append(row.sequence) or real(v, row)
    )
    federation = Federation(union).open()
    try:
        federation.ledger_length()
        with federation.db.reading():
            pass
        assert checked == []  # the stored head is verified: nothing new to check
    finally:
        federation.close()


def test_p18_an_entry_slipped_in_after_the_verified_head_is_caught_by_a_table_read(
    union: str,
) -> None:
    engine = raw(union)
    try:
        with engine.begin() as conn:
            top = conn.execute(sa.text("SELECT hash FROM ledger WHERE sequence = 2")).scalar()
            conn.execute(
                sa.text(
                    "INSERT INTO ledger (sequence, recorded_at, actor, command_id, event_type,"
                    " schema_version, payload, prev_hash, hash) VALUES (3, '1923-01-01T00:00:00Z',"
                    " 'secretariat', 'c', 'UnionFounded', 1, '{}', :prev, :hash)"
                ),
                {"prev": top, "hash": "f" * 64},
            )
    finally:
        engine.dispose()
    line = one_line(invoke("members", "--db", union, "--on", "1923-01-01"), 1)
    assert line == "the record does not verify at entry 3: run `isonomia ledger verify`"
