"""The service's behaviour over `FakeUnitOfWork` with a fixed clock: no database at all
(Cosmic Python's way). The same `bootstrap` wires it as the CLI's and the web's service;
what a database adds (its schema, its locks, its triggers) is the storage suite's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from fakes import FakeUnitOfWork

from builders import found, secede, union_1922
from isonomia.domain import DecideSecession, actors
from isonomia.ledger.chain import NewEntry, link
from isonomia.rules.replay import replay
from isonomia.service import Keyring, Refused, Service, at_day, bootstrap, new_command_id
from isonomia.service.building import charter_command
from isonomia.service.clock import FixedClock
from isonomia.service.keyring import envelope_of

FOUNDED = date(1922, 12, 30)


def _union(tmp_path: Path, clock: str = "simulated", at: datetime | None = None) -> Service:
    keyring = Keyring(tmp_path / "keys", provision=True)
    service = bootstrap(uow=FakeUnitOfWork(), keyring=keyring)
    moment = at or at_day(FOUNDED)
    service.adopt(charter_command(union_1922(), moment, clock), keyring)
    founding = found(union_1922(), day=moment.date(), signed_in=service)  # type: ignore[arg-type]
    service.execute(founding.model_copy(update={"at": moment}))
    return service


@pytest.fixture
def union(tmp_path: Path) -> Iterator[Service]:
    yield _union(tmp_path)


def _fake(service: Service) -> FakeUnitOfWork:
    assert isinstance(service.uow, FakeUnitOfWork)
    return service.uow


def test_p18_the_service_records_on_lists_what_replay_re_derives(union: Service) -> None:
    union.execute(secede("georgia", date(1926, 3, 1)))
    entries = _fake(union).entries
    assert [e.event_type for e in entries][-2:] == ["CommandSigned", "SecessionDecided"]
    report = replay(entries)
    assert report.ok, report.describe()


def test_p3_a_secession_signed_with_another_members_key_writes_nothing(
    union: Service, tmp_path: Path
) -> None:
    fake = _fake(union)
    before = (len(fake.entries), fake.commits)
    armenia = Keyring(tmp_path / "keys").key_for(actors.congress("armenia"))
    assert armenia is not None
    command = secede("georgia", date(1926, 3, 1))
    with pytest.raises(Refused) as caught:
        union.submit(envelope_of(command, armenia, union.binding(command)))
    assert caught.value.refusal.principle == "P18"
    assert (len(fake.entries), fake.commits) == before


def test_p18_the_same_envelope_twice_is_refused_as_a_replay(union: Service) -> None:
    assert union.signer is not None
    envelope = union.sign(secede("georgia", date(1926, 3, 1)), union.signer)
    union.submit(envelope)
    with pytest.raises(Refused, match="no replay"):
        union.submit(envelope)


def test_p18_an_envelope_for_another_union_is_refused(union: Service, tmp_path: Path) -> None:
    other = _union(tmp_path / "other")
    assert other.signer is not None
    envelope = other.sign(secede("georgia", date(1926, 3, 1)), other.signer)
    with pytest.raises(Refused):
        union.submit(envelope)


def test_p18_in_a_live_union_entries_are_recorded_at_the_services_clock(
    tmp_path: Path, test_clock: FixedClock
) -> None:
    service = _union(tmp_path, clock="live", at=test_clock())
    test_clock.advance(timedelta(days=3))
    recorded = service.execute(
        secede("georgia", test_clock().date()).model_copy(update={"at": test_clock()})
    )
    assert recorded.entries[-1].recorded_at == test_clock().strftime("%Y-%m-%dT%H:%M:%SZ")
    stale = DecideSecession(
        command_id=new_command_id(),
        actor=actors.congress("ukraine"),
        at=test_clock() - timedelta(days=8),
        member="ukraine",
        decided_on=test_clock().date(),
    )
    with pytest.raises(Refused, match="more than 7 days ago"):
        service.execute(stale)


def test_p18_an_entry_appended_to_the_lists_by_hand_is_named_by_replay(union: Service) -> None:
    fake = _fake(union)
    last = fake.entries[-1]
    forged = NewEntry(
        last.recorded_at,
        "congress:georgia",
        "forged",
        "SecessionDecided",
        1,
        {
            "member": "georgia",
            "congress": "Congress of Soviets of Georgia",
            "decided_on": "1923-01-02",
            "effective_on": "1923-04-02",
        },
    )
    fake.entries.extend(link(last.sequence, last.hash, [forged]))
    report = replay(fake.entries)
    assert not report.ok and report.broken_at == last.sequence + 1
