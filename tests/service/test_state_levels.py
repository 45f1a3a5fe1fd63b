"""Large maps of a snapshot kept in levels: a new process reads only the buckets it needs,
and what it reads is the state the ledger folds to, on both databases."""

from __future__ import annotations

import itertools
import pickle
import uuid
from datetime import date

import pytest
import sqlalchemy as sa

from builders import example_1922, found, union_1922
from isonomia.domain import AppointDelegate, FederationState, RecallDelegate, fold
from isonomia.domain.persistent import LazyMap
from isonomia.service import Federation, at_day
from isonomia.service.unit_of_work import StateCache, event_of
from isonomia.store import ledger_store, snapshots, state_levels

DAY = date(1923, 1, 8)


@pytest.fixture
def small_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Levels as a record of millions of entries has them, at the size of a test."""
    monkeypatch.setattr(state_levels, "THRESHOLD", 8)
    monkeypatch.setattr(state_levels, "BUCKET_ENTRIES", 4)
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 6)


@pytest.fixture
def federation(database_url: str, keyring, small_levels: None):
    fed = Federation(database_url, signer=keyring)
    fed.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    fed.execute(found(union_1922(), signed_in=fed))
    yield fed
    fed.close()


def _delegate(
    fed: Federation, command: type[AppointDelegate | RecallDelegate], person: str
) -> None:
    extra = {"term_from": DAY} if command is AppointDelegate else {}
    fed.execute(
        command(
            command_id=str(uuid.uuid4()),
            actor="council:ukraine",
            at=at_day(DAY),
            organ="union-council",
            member="ukraine",
            person=person,
            **extra,
        )
    )


def _appoint(fed: Federation, person: str) -> None:
    _delegate(fed, AppointDelegate, person)


def _recall(fed: Federation, person: str) -> None:
    _delegate(fed, RecallDelegate, person)


def _as_another_process() -> None:
    """Forget the levels this process wrote or read, as a new process starts knowing none."""
    state_levels._levels.clear()


def _new_process_state(fed: Federation) -> FederationState:
    _as_another_process()
    with fed.db.reading() as conn:
        return StateCache().catch_up(conn)


def _folded(fed: Federation) -> FederationState:
    with fed.db.reading() as conn:
        return fold(event_of(e) for e in ledger_store.read_entries(conn))


def _grow(fed: Federation, people: int, prefix: str = "p") -> None:
    for n in range(people):
        _appoint(fed, f"{prefix}{n}")
        if n % 3 == 0:
            _recall(fed, f"{prefix}{n}")


def test_a_new_process_reads_large_maps_from_levels_and_gets_the_folded_state(
    federation: Federation,
) -> None:
    _grow(federation, 40)
    state = _new_process_state(federation)
    assert isinstance(state.command_ids, LazyMap)
    assert isinstance(state.delegation_log, LazyMap)
    assert state == _folded(federation) == federation.state()
    assert state.sits_for("p1", "ukraine", "union-council", DAY)
    assert not state.sits_for("p3", "ukraine", "union-council", DAY)


def test_a_write_from_a_state_loaded_from_levels_is_the_write_of_a_folded_state(
    federation: Federation, database_url: str, keyring
) -> None:
    _grow(federation, 30)
    _as_another_process()
    other = Federation(database_url, signer=keyring)
    try:
        _appoint(other, "late-comer")  # a new process: its state comes from the levels
        _recall(other, "p1")
        assert other.state() == _folded(other)
        assert _new_process_state(other) == _folded(other)
    finally:
        other.close()


def test_a_snapshot_of_a_map_from_levels_writes_only_its_changes_and_merges_levels(
    federation: Federation,
) -> None:
    _grow(federation, 60)
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(snapshots.state_snapshot.c.levels)).scalars().all()
        stored = set(conn.execute(sa.select(state_levels.state_level.c.level)).scalars())
    assert 1 <= len(rows) <= snapshots.KEEP
    # Only the levels of the kept snapshots are stored.
    assert stored == {level for row in rows for level in row.split()}
    state = _new_process_state(federation)
    stack = state_levels.stack_of(state.command_ids)
    assert stack is not None
    counts = [level.count for level in stack.levels]
    # Merged as they come: each level under an eighth of the one below, so few of them.
    assert all(
        newer * state_levels.MERGE_FACTOR < older for newer, older in itertools.pairwise(counts)
    )
    assert sum(counts) >= len(state.command_ids)


def test_a_process_whose_levels_were_replaced_loads_the_newer_snapshot(
    federation: Federation, database_url: str, keyring
) -> None:
    _grow(federation, 20)
    _as_another_process()
    stale = Federation(database_url, signer=keyring)
    try:
        _appoint(stale, "first")  # loads levels, then sits idle
        _grow(federation, 40, prefix="q")  # other writes: several snapshots, old levels deleted
        with stale.db.reading() as conn:
            assert snapshots.stale(conn, stale._cache.state)
        _appoint(stale, "second")
        assert stale.state() == _folded(stale)
    finally:
        stale.close()


def test_p18_a_snapshot_whose_levels_are_missing_is_not_used(
    federation: Federation,
) -> None:
    _grow(federation, 20)
    with federation.db.writing() as conn:
        conn.execute(sa.delete(state_levels.state_level))
    assert _new_process_state(federation) == _folded(federation)


def test_p18_a_damaged_level_is_not_used_a_write_folds_the_ledger_instead(
    federation: Federation, database_url: str, keyring
) -> None:
    _grow(federation, 20)
    with federation.db.writing() as conn:
        conn.execute(sa.update(state_levels.state_level).values(entries=b"\x80\x05garbage"))
    _as_another_process()
    other = Federation(database_url, signer=keyring)
    try:
        _appoint(other, "after-the-damage")
        assert not other._cache.use_snapshots  # the damage was met, and the ledger folded
        assert other.state() == _folded(other)
    finally:
        other.close()


def test_a_read_that_meets_a_replaced_level_says_so_in_one_line(
    federation: Federation, database_url: str, keyring
) -> None:
    from isonomia.service import unavailable

    _grow(federation, 20)
    _as_another_process()
    reader = Federation(database_url, signer=keyring)
    try:
        state = reader.state()
        with federation.db.writing() as conn:
            conn.execute(sa.delete(state_levels.state_level))
        with pytest.raises(state_levels.StaleSnapshot) as raised:
            list(state.command_ids.items())
        error = unavailable(raised.value)
        assert error is not None and error.exit_code == 1
        assert "run the command again" in error.line()
    finally:
        reader.close()


def _edit_a_stored_delegation(fed: Federation) -> None:
    """What a database administrator could do: rewrite a bucket with a well-formed pickle
    in which someone sits who was never appointed."""
    with fed.db.writing() as conn:
        table = state_levels.state_level
        rows = conn.execute(sa.select(table).where(table.c.bucket >= 0)).all()
        for row in rows:
            live, dead = pickle.loads(row.entries)
            people = [k for k, v in live.items() if isinstance(v, tuple) and isinstance(k, str)]
            if people:
                live[people[0] + "-forged"] = live[people[0]]
                blob = pickle.dumps((live, dead))
                conn.execute(
                    sa.update(state_levels.state_level)
                    .where(
                        state_levels.state_level.c.level == row.level,
                        state_levels.state_level.c.bucket == row.bucket,
                    )
                    .values(entries=blob)
                )
                return
    raise AssertionError("no bucket of persons found")


def test_p18_an_edited_snapshot_is_named_by_ledger_verify_and_dropped_by_a_rebuild(
    federation: Federation, database_url: str
) -> None:
    from typer.testing import CliRunner

    from isonomia.cli.main import app

    _grow(federation, 40)
    assert federation.verify_snapshots() is None
    _edit_a_stored_delegation(federation)
    _as_another_process()
    edited = federation.verify_snapshots()
    assert edited is not None
    result = CliRunner().invoke(app, ["ledger", "verify", "--db", database_url])
    assert result.exit_code == 1
    assert f"the stored snapshot at entry {edited} differs from the ledger" in result.output
    assert "Traceback" not in result.output
    federation.rebuild_projections()
    with federation.db.reading() as conn:
        assert conn.execute(sa.select(snapshots.state_snapshot)).first() is None
    assert federation.verify_snapshots() is None
    assert _new_process_state(federation) == _folded(federation)
