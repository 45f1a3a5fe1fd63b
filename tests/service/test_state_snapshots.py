"""Snapshots of the state: a cache used only when it matches the ledger, on both databases."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

import pytest

from builders import found, union_1922
from isonomia.domain import FederationState, evolve, fold
from isonomia.service import Federation, at_day, example_charter
from isonomia.service.unit_of_work import StateCache, event_of
from isonomia.store import ledger_store, snapshots


@pytest.fixture
def federation(database_url: str, keyring):
    fed = Federation(database_url, signer=keyring)
    fed.initialize(example_charter("union-1922"), clock="simulated", at=at_day(date(1922, 12, 30)))
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
        fed.initialize(
            example_charter("union-1922"), clock="simulated", at=at_day(date(1922, 12, 30))
        )
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
