"""Snapshots of the state: a cache used only when it matches the ledger, on both databases."""

from __future__ import annotations

import gc
import pickle
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from builders import example_1922, found, union_1922
from isonomia.domain import FederationState, evolve, fold
from isonomia.service import Federation, at_day
from isonomia.service.unit_of_work import StateCache, event_of
from isonomia.store import ledger_store, projections, snapshots


@pytest.fixture
def federation(database_url: str, keyring):
    fed = Federation(database_url, signer=keyring)
    fed.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    fed.execute(found(union_1922(), signed_in=fed))
    yield fed
    fed.close()


def _fresh_state(fed: Federation, monkeypatch: pytest.MonkeyPatch) -> FederationState:
    """The state a new process would start from (any snapshot is looked for)."""
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 0)
    with fed.db.reading() as conn:
        return StateCache().catch_up(conn)


def _store(fed: Federation, sequence: int, digest: str, state: FederationState) -> None:
    with fed.db.writing() as conn:
        snapshots.save(conn, sequence, digest, state)


def test_p18_a_snapshot_at_an_entry_of_the_ledger_spares_the_replay(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    with federation.db.reading() as conn:
        sequence, digest = ledger_store.head(conn)
    # A marker no fold would produce shows that the snapshot, not the ledger, was used.
    marked = replace(federation.state(), clock="from-the-snapshot")
    _store(federation, sequence, digest, marked)
    assert _fresh_state(federation, monkeypatch).clock == "from-the-snapshot"


def test_p18_a_snapshot_that_does_not_match_the_ledger_is_ignored(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    with federation.db.reading() as conn:
        sequence, _ = ledger_store.head(conn)
    forged = replace(federation.state(), clock="forged")
    _store(federation, sequence, "0" * 64, forged)
    state = _fresh_state(federation, monkeypatch)
    assert state.clock == "simulated"
    assert state == federation.state()


@pytest.mark.parametrize("hostile", [print, evolve], ids=["builtin", "isonomia-function"])
def test_p18_a_snapshot_that_would_call_a_function_is_never_unpickled(
    federation: Federation, monkeypatch: pytest.MonkeyPatch, hostile: object
) -> None:
    with federation.db.reading() as conn:
        sequence, digest = ledger_store.head(conn)
    with federation.db.writing() as conn:
        conn.execute(
            snapshots.state_snapshot.insert().values(
                sequence=sequence,
                hash=digest,
                format=snapshots.FORMAT,
                state=pickle.dumps(hostile),
            )
        )
    assert _fresh_state(federation, monkeypatch) == federation.state()


def test_writes_store_a_snapshot_every_so_many_entries_and_a_new_process_uses_it(
    database_url: str, keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 5)
    fed = Federation(database_url, signer=keyring)
    try:
        fed.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
        fed.execute(found(union_1922(), signed_in=fed))
        with fed.db.reading() as conn:
            top, _ = ledger_store.head(conn)
            stored = snapshots.latest(conn, top)
            assert stored is not None and top - 5 < stored[0] <= top
            entries = ledger_store.read_entries(conn)
            folded = fold(event_of(e) for e in entries if e.sequence <= stored[0])
        assert stored[1] == folded
        with fed.db.reading() as conn:
            assert StateCache().catch_up(conn) == fed.state()
    finally:
        fed.close()


def _raw_snapshot(fed: Federation, blob: bytes, format_: int = snapshots.FORMAT) -> None:
    """A snapshot row at the ledger's head, stored as anyone with the database could."""
    with fed.db.reading() as conn:
        sequence, digest = ledger_store.head(conn)
    with fed.db.writing() as conn:
        conn.execute(snapshots.state_snapshot.delete())
        conn.execute(
            snapshots.state_snapshot.insert().values(
                sequence=sequence, hash=digest, format=format_, state=blob
            )
        )


def test_p18_a_snapshot_of_another_format_is_ignored_and_the_ledger_folded(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = replace(federation.state(), clock="older-format")
    _raw_snapshot(federation, pickle.dumps(marked), format_=snapshots.FORMAT - 1)
    assert _fresh_state(federation, monkeypatch) == federation.state()


@pytest.mark.parametrize(
    "damage",
    [lambda blob: blob[: len(blob) // 2], lambda blob: blob[:40] + b"\xff" * 8 + blob[48:]],
    ids=["truncated", "overwritten"],
)
def test_p18_a_damaged_snapshot_is_ignored_and_the_collector_runs_again(
    federation: Federation, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    _raw_snapshot(federation, damage(pickle.dumps(federation.state())))
    assert _fresh_state(federation, monkeypatch) == federation.state()
    assert gc.isenabled()


def test_snapshots_are_spaced_by_the_size_of_the_last_one(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 3)
    with federation.db.reading() as conn:
        sequence, digest = ledger_store.head(conn)
    _store(federation, sequence, digest, federation.state())
    size = len(pickle.dumps(federation.state(), protocol=pickle.HIGHEST_PROTOCOL))
    with federation.db.reading() as conn:
        assert not snapshots.due(conn, sequence + 2)
        assert snapshots.due(conn, sequence + 3)  # a small state: the floor applies
        monkeypatch.setattr(snapshots, "BYTES_PER_ENTRY", size // 10)
        assert not snapshots.due(conn, sequence + 9)  # a large one: ten entries apart
        assert snapshots.due(conn, sequence + 10)
        assert snapshots.due(conn, sequence - 1)  # a snapshot ahead is of another ledger


def test_p18_read_tables_compare_equal_by_digest_exactly_when_their_rows_do(
    federation: Federation,
) -> None:
    class Undo(Exception):
        pass

    with pytest.raises(Undo), federation.db.writing() as conn:
        before = projections.fingerprint(conn, batch=2)
        assert projections.fingerprint(conn, batch=1000) == before
        table = next(t for t in projections.VIEW_TABLES if conn.execute(sa.select(t)).first())
        keys = list(table.primary_key.columns)
        first = conn.execute(sa.select(*keys)).first()
        assert first is not None
        conn.execute(sa.delete(table).where(*(c == v for c, v in zip(keys, first, strict=True))))
        after = projections.fingerprint(conn)
        assert after[table.name] != before[table.name]
        assert {k for k in before if after[k] != before[k]} == {table.name}
        raise Undo  # rolled back: the union stays as it was
