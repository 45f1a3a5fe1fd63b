"""A write reads the ledger once inside the append lock, and a process keeps the state of
the entries it appended itself, without weakening the chain check (P18), on both databases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from builders import example_1922, found, request_accession, union_1922
from isonomia.service import Federation, Keyring, at_day
from isonomia.service.errors import RecordBroken
from isonomia.service.unit_of_work import StateCache
from isonomia.store import ledger_store
from isonomia.store.db import WRITING_OPTION

LEDGER_READ = re.compile(r"\bFROM ledger\b", re.IGNORECASE)
HEAD_ROW_READ = re.compile(r"^\s*SELECT .*\bFROM verified_head\b", re.IGNORECASE | re.DOTALL)


@pytest.fixture
def federation(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    fed = Federation(database_url, signer=keyring)
    fed.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    fed.execute(found(union_1922(), signed_in=fed))
    yield fed
    fed.close()


def _writes(fed: Federation, day: date, count: int) -> list[list[str]]:
    """The statements of each write transaction that appends, while `count` commands run."""
    statements: list[str] = []

    def seen(conn: sa.Connection, cursor: object, statement: str, *rest: object) -> None:
        if conn.get_execution_options().get(WRITING_OPTION):
            statements.append(statement)

    sa.event.listen(fed.db.engine, "before_cursor_execute", seen)
    try:
        for i in range(count):
            fed.execute(request_accession(f"candidate-{i}", day))
    finally:
        sa.event.remove(fed.db.engine, "before_cursor_execute", seen)
    transactions: list[list[str]] = []
    for statement in statements:
        if "BEGIN IMMEDIATE" in statement or "pg_advisory_xact_lock" in statement:
            transactions.append([])
        elif transactions:
            transactions[-1].append(statement)
    return [t for t in transactions if any("INSERT INTO ledger " in s for s in t)]


def test_p18_a_write_reads_the_ledger_and_the_verified_head_once_inside_the_lock(
    federation: Federation,
) -> None:
    writes = _writes(federation, date(1923, 1, 2), 4)
    assert len(writes) == 4
    for statements in writes:
        assert sum(bool(LEDGER_READ.search(s)) for s in statements) == 1
        assert sum(bool(HEAD_ROW_READ.search(s)) for s in statements) == 1


def test_p18_the_state_kept_from_a_process_own_appends_is_the_state_a_fresh_fold_gives(
    federation: Federation,
) -> None:
    _writes(federation, date(1923, 1, 2), 3)
    with federation.db.reading() as conn:
        assert StateCache().catch_up(conn) == federation.state()
        assert federation._cache.sequence == ledger_store.head(conn)[0]


def test_p18_an_entry_edited_between_a_writer_cache_and_the_verified_head_refuses_its_write(
    federation: Federation, database_url: str, keyring: Keyring
) -> None:
    other = Federation(database_url, signer=keyring)  # a second worker on the same record
    try:
        other.execute(request_accession("elsewhere", date(1923, 1, 2)))
        with other.db.reading() as conn:
            edited = ledger_store.head(conn)[0]
        # The first handle's cache is behind `edited`; the verified head row is at it.
        with federation.db.writing() as conn:
            if conn.dialect.name == "sqlite":
                conn.execute(sa.text("DROP TRIGGER ledger_refuse_update"))
            else:
                conn.execute(sa.text("DROP TRIGGER ledger_refuse_update ON ledger"))
            conn.execute(
                sa.text("UPDATE ledger SET actor = 'forger' WHERE sequence = :s"), {"s": edited}
            )
        with pytest.raises(RecordBroken):
            federation.execute(request_accession("here", date(1923, 1, 2)))
        with other.db.reading() as conn:
            assert ledger_store.head(conn)[0] == edited  # nothing appended
    finally:
        other.close()
