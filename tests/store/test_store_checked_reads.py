"""Entries are checked as they are read, and the verified head lets a check start where the
last one ended (P18), on both databases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from isonomia.ledger import NewEntry
from isonomia.ledger.chain import GENESIS_HASH
from isonomia.store import Database, append, ledger_store


def new_entry(i: int) -> NewEntry:
    return NewEntry("1923-01-01T00:00:00Z", "secretariat", f"c{i}", "Noted", 1, {"n": i})


def forge(database: Database, sequence: int) -> None:
    with database.writing() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(sa.text("DROP TRIGGER ledger_refuse_update"))
        else:
            conn.execute(sa.text("DROP TRIGGER ledger_refuse_update ON ledger"))
        conn.execute(
            sa.text("UPDATE ledger SET payload = :p WHERE sequence = :s"),
            {"p": '{"n":999}', "s": sequence},
        )


def test_p18_reading_an_edited_entry_raises_naming_it(database: Database) -> None:
    with database.writing() as conn:
        append(conn, [new_entry(i) for i in range(1, 6)])
    forge(database, 3)
    with database.reading() as conn, pytest.raises(ledger_store.BrokenRecord) as caught:
        list(ledger_store.read_entries(conn))
    assert caught.value.sequence == 3
    with database.reading() as conn:
        assert [e.sequence for e in ledger_store.read_entries(conn, after=3)] == [4, 5]


def test_p18_check_since_verifies_only_what_follows_the_verified_head(
    database: Database,
) -> None:
    with database.writing() as conn:
        append(conn, [new_entry(i) for i in range(1, 6)])
    with database.reading() as conn:
        verified = ledger_store.check_since(conn)
        assert verified == ledger_store.head(conn) and verified[0] == 5
    forge(database, 2)
    with database.writing() as conn:
        append(conn, [new_entry(6)])
    with database.reading() as conn:
        assert ledger_store.check_since(conn, *verified)[0] == 6  # 2 is behind the head
        with pytest.raises(ledger_store.BrokenRecord) as caught:
            ledger_store.check_since(conn)
    assert caught.value.sequence == 2


def test_p18_a_verified_head_whose_entry_changed_is_refused(database: Database) -> None:
    with database.writing() as conn:
        append(conn, [new_entry(i) for i in range(1, 4)])
    with database.reading() as conn, pytest.raises(ledger_store.BrokenRecord) as caught:
        ledger_store.check_since(conn, 2, "0" * 63 + "1")
    assert caught.value.sequence == 2


def test_the_verified_head_row_is_kept_and_replaced(database: Database) -> None:
    with database.writing() as conn:
        assert ledger_store.verified_head_row(conn) == (0, GENESIS_HASH)
        ledger_store.set_verified_head(conn, 4, "a" * 64)
        ledger_store.set_verified_head(conn, 5, "b" * 64)
    with database.reading() as conn:
        assert ledger_store.verified_head_row(conn) == (5, "b" * 64)
