"""A record edited behind isonomia's back is named, never used (P18), on both databases.

Each test builds a union through the CLI, then edits the stored ledger as an attacker with
the database would (the append-only triggers dropped), and runs commands on it.
"""

from __future__ import annotations

import json
from pathlib import Path

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


def broken_at(sequence: int) -> str:
    return f"the record does not verify at entry {sequence}: run `isonomia ledger verify`"


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def union(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    keys = tmp_path / "keys"
    monkeypatch.setenv("ISONOMIA_KEYRING", str(keys))  # every body of the test signs from here
    args = ["--db", database_url, "--keys-dir", str(keys), "--clock", "simulated"]
    assert invoke("init", *args, "--at", "1922-12-30").exit_code == 0
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


def founding_entry(url: str) -> int:
    """The sequence number of the founding entry (keys and signatures come around it)."""
    engine = raw(url)
    try:
        with engine.connect() as conn:
            query = "SELECT sequence FROM ledger WHERE event_type = 'UnionFounded'"
            return int(conn.execute(sa.text(query)).scalar_one())
    finally:
        engine.dispose()


def georgia_renamed(text: str) -> str:
    return text.replace('"member":"georgia"', '"member":"gruzia"')


def test_p18_a_read_of_an_edited_record_says_where_it_breaks_and_exits_1(union: str) -> None:
    # Queries answer from the read tables, which an edit of the ledger does not change;
    # what reads the record itself (its entries, the audit of its charter) names the entry.
    edit_payload(union, founding_entry(union), georgia_renamed)
    for read in (["ledger", "show"], ["audit"]):
        line = one_line(invoke(*read, "--db", union), 1)
        assert line == broken_at(founding_entry(union))


def test_p18_a_write_onto_an_edited_record_is_refused_and_appends_nothing(union: str) -> None:
    length = ledger_length(union)
    edit_payload(union, founding_entry(union), georgia_renamed)
    result = invoke("secession", "decide", "georgia", "--db", union, "--at", "1923-03-01")
    assert one_line(result, 1) == broken_at(founding_entry(union))
    assert ledger_length(union) == length


def test_p18_rebuild_of_an_edited_record_loads_nothing_and_exits_1(union: str) -> None:
    edit_payload(union, founding_entry(union), georgia_renamed)
    line = one_line(invoke("projections", "rebuild", "--db", union), 1)
    assert line == broken_at(founding_entry(union))
    members = invoke("members", "--db", union, "--on", "1923-01-01")
    assert "gruzia" not in members.stdout


def test_p18_verify_still_names_the_edited_entry(union: str) -> None:
    edit_payload(union, founding_entry(union), georgia_renamed)
    line = one_line(invoke("ledger", "verify", "--db", union), 1)
    assert line.startswith(f"entry {founding_entry(union)}: hash does not match its content")


def test_p18_a_payload_that_no_longer_parses_is_reported_as_a_broken_record(
    union: str,
) -> None:
    # The forger also re-hashed the last entry, so only parsing can catch it.
    last = ledger_length(union)
    engine = raw(union)
    try:
        with engine.begin() as conn:
            drop_update_trigger(conn)
            row = conn.execute(sa.text("SELECT * FROM ledger WHERE sequence = :s"), {"s": last})
            row = row.one()
            forged = NewEntry(
                row.recorded_at,
                row.actor,
                row.command_id,
                row.event_type,
                row.schema_version,
                {"key_id": 5},
            )
            (entry,) = link(last - 1, row.prev_hash, [forged])
            conn.execute(
                sa.text("UPDATE ledger SET payload = :p, hash = :h WHERE sequence = :s"),
                {"p": json.dumps(entry.payload, separators=(",", ":")), "h": entry.hash, "s": last},
            )
    finally:
        engine.dispose()
    assert invoke("ledger", "verify", "--db", union).exit_code == 1  # its signature check
    line = one_line(invoke("presidency", "--db", union, "--on", "1923-01-01"), 1)
    assert line == broken_at(last)
    assert one_line(invoke("projections", "rebuild", "--db", union), 1) == broken_at(last)


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
            assert ledger_store.head(conn)[0] == ledger_length(union)
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
    last = ledger_length(union)
    engine = raw(union)
    try:
        with engine.begin() as conn:
            top = conn.execute(
                sa.text("SELECT hash FROM ledger WHERE sequence = :s"), {"s": last}
            ).scalar()
            conn.execute(
                sa.text(
                    "INSERT INTO ledger (sequence, recorded_at, actor, command_id, event_type,"
                    " schema_version, payload, prev_hash, hash) VALUES (:s, '1923-01-01T00:00:00Z',"
                    " 'secretariat', 'c', 'UnionFounded', 1, '{}', :prev, :hash)"
                ),
                {"s": last + 1, "prev": top, "hash": "f" * 64},
            )
    finally:
        engine.dispose()
    line = one_line(invoke("members", "--db", union, "--on", "1923-01-01"), 1)
    assert line == broken_at(last + 1)
