"""The one pipeline, on both databases: refusals write nothing, projections can be rebuilt."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from builders import (
    admission_commands,
    adopt,
    example_1922,
    found,
    request_accession,
    secede,
    union_1922,
)
from isonomia.domain import Settle
from isonomia.service import Federation, Refused, at_day, new_command_id, queries
from isonomia.store import projections


@pytest.fixture
def federation(database_url: str, keyring):
    fed = Federation(database_url, signer=keyring)
    fed.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    fed.execute(found(union_1922(), signed_in=fed))
    yield fed
    fed.close()


def _tables(fed: Federation) -> dict:
    with fed.db.reading() as conn:
        return projections.snapshot(conn)


def test_p3_a_refused_command_writes_nothing(federation: Federation) -> None:
    federation.execute(secede("georgia", date(1926, 3, 1)))
    before_entries = list(federation.entries())
    before_tables = _tables(federation)
    with pytest.raises(Refused) as caught:
        # Its date is after the secession took effect: the due event must not be kept either.
        federation.execute(secede("armenia", date(1926, 7, 1), actor="organ:union-council"))
    assert str(caught.value).startswith("refused (P3): ")
    assert list(federation.entries()) == before_entries
    assert _tables(federation) == before_tables


def test_due_events_are_recorded_with_the_next_command(federation: Federation) -> None:
    federation.execute(secede("georgia", date(1926, 3, 1)))
    outcome = federation.execute(
        Settle(command_id=new_command_id(), actor="secretariat", at=at_day(date(1926, 6, 1)))
    )
    assert [e.event_type for e in outcome.entries] == ["SecessionTookEffect", "CommandSigned"]
    assert outcome.entries[0].actor == "calendar"
    assert outcome.entries[1].actor == "secretariat"
    statuses = {m.id: m.status for m in queries.members(federation, date(1926, 6, 1))}
    assert statuses["georgia"] == "seceded"


def test_p18_projections_rebuilt_from_a_long_random_history_equal_the_live_tables(
    federation: Federation,
) -> None:
    rng = random.Random(1922)
    day = date(1923, 1, 1)
    fresh = 0
    for _ in range(60):
        state = federation.state()
        day = max(day + timedelta(days=rng.randint(1, 120)), state.recorded_through or day)
        members = [m.id for m in state.members_on(day)]
        staying = [m for m in members if state.members[m].leaves_on is None]
        try:
            if rng.random() < 0.3 and len(staying) > 2:
                federation.execute(secede(rng.choice(staying), day))
            elif rng.random() < 0.5:
                fresh += 1
                member = f"candidate-{fresh}"
                federation.execute(request_accession(member, day))
                votes = {m: "yes" for m in members}
                if rng.random() < 0.2:
                    votes[members[0]] = "no"
                state = federation.state()
                for step in admission_commands(state, member, day, votes, in_order=True):
                    federation.execute(step)
            else:
                federation.execute(secede(rng.choice(members), day, actor="organ:presidium"))
        except Refused:
            pass  # refusals are part of a real history; they write nothing
    live = _tables(federation)
    assert len(live["member_view"]) > 6
    replayed, equal = federation.rebuild_projections()
    assert equal
    assert replayed == len(list(federation.entries()))
    assert _tables(federation) == live
    # The rules' fold and the read tables agree member by member.
    state = federation.state()
    rows = {r.id: r for r in queries.members(federation, day)}
    for member, record in state.members.items():
        assert rows[member].population == record.population
        assert (rows[member].status in ("member", "seceding")) == record.is_member(day)
    assert federation.verify_ledger().ok


def test_p10_init_on_a_database_with_a_charter_is_refused(federation: Federation) -> None:
    with pytest.raises(Refused) as caught:
        federation.execute(adopt(union_1922()))
    assert caught.value.refusal.principle == "P10"
