"""A charter amendment on both databases (P10, P12, P18): the amendment changing a voting
rule is recorded with the charter it makes, takes effect on its day (the read tables' charter
with it), and the record verifies, replays, rebuilds to the same tables, and a new process
starts from a snapshot with the amended charter."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from builders import command, found
from isonomia.charter import load_charter
from isonomia.charter.model import WeightKind
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    Settle,
    TableMotion,
    actors,
)
from isonomia.service import Federation, Keyring, at_day, example_charter, queries
from isonomia.service.unit_of_work import StateCache
from isonomia.store import ledger_store, snapshots
from isonomia.store.projections.amendments import charter_amendment_view

FOUNDED = date(2024, 1, 4)
SESSION = date(2024, 2, 1)
EFFECTIVE = date(2024, 2, 15)
COUNCIL = "general-council"
SEC = actors.SECRETARIAT


def _do(federation: Federation, cls: type[Any], actor: str, day: date, **fields: Any) -> None:
    federation.execute(command(cls, actor, day, **fields))


def test_p10_an_amendment_is_recorded_takes_effect_and_rebuilds(
    database_url: str, keyring: Keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    charter = load_charter(example_charter("cooperatives"))
    members = [m.id for m in charter.members]
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_charter("cooperatives"), clock="simulated", at=at_day(FOUNDED))
    federation.execute(found(charter, FOUNDED, signed_in=federation))
    for member in members:
        _do(
            federation,
            AppointDelegate,
            actors.council(member),
            SESSION,
            organ=COUNCIL,
            member=member,
            person=f"{member}-gc",
            term_from=SESSION,
        )
    _do(federation, ConveneSession, SEC, SESSION, session="s1", organ=COUNCIL, held_on=SESSION)
    _do(
        federation,
        DraftMotion,
        SEC,
        SESSION,
        motion="equal",
        organ=COUNCIL,
        title="Equal votes",
        text="Ordinary decisions by equal votes.",
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        charter_changes={
            "decision_rules": [{"id": "ordinary", "weights": "equal", "threshold": 0.6}]
        },
        effective_on=EFFECTIVE,
    )
    _do(federation, TableMotion, SEC, SESSION, motion="equal", session="s1")
    for member in members:
        _do(
            federation,
            CastVote,
            actors.person(f"{member}-gc"),
            SESSION,
            motion="equal",
            member=member,
            vote="yes",
        )
    _do(federation, CountVotes, SEC, SESSION, motion="equal")
    assert queries.charter(federation) == charter  # not in effect yet
    _do(federation, Settle, SEC, EFFECTIVE)
    state = federation.state()
    assert state.charter is not None
    assert state.charter.rule("ordinary").weights is WeightKind.EQUAL  # type: ignore[union-attr]
    assert queries.charter(federation) == state.charter
    with federation.db.reading() as conn:
        row = conn.execute(sa.select(charter_amendment_view)).one()
    assert (row.motion, row.adopted_on, row.effective_on, row.took_effect_on) == (
        "equal",
        SESSION.isoformat(),
        EFFECTIVE.isoformat(),
        EFFECTIVE.isoformat(),
    )
    assert json.loads(row.changes)["decision_rules"][0]["threshold"] == 0.6
    assert federation.verify_ledger().ok
    assert federation.verify_replay().ok
    assert federation.rebuild_projections()[1]
    with federation.db.writing() as conn:
        top, digest = ledger_store.head(conn)
        snapshots.save(conn, top, digest, state)
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 0)
    with federation.db.reading() as conn:
        assert StateCache().catch_up(conn) == state
    federation.close()
