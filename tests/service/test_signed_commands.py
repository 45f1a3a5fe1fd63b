"""Signed commands through the service, over the fake unit of work (P3, P4, P18).

Every command is an envelope signed by its principal; the service authenticates it against
the key register, then authorizes it. Forged, replayed, revoked and tampered envelopes are
refused with one line, and nothing is written. These are the service's rules, not the
store's, so they run on lists; the one test that reads the signatures back from a database
runs on both.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fakes import FakeUnitOfWork
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import example_1922, found, secede, union_1922
from isonomia.charter import load_charter
from isonomia.domain import CastVote, Command, DecideSecession, RevokeKey, actors
from isonomia.ledger.keys import Ed25519PrivateKey, generate_private_key
from isonomia.rules.replay import replay
from isonomia.service import (
    Federation,
    Keyring,
    Refused,
    Service,
    at_day,
    bootstrap,
    example_charter,
    new_command_id,
)
from isonomia.service.building import charter_command
from isonomia.service.keyring import envelope_of

FOUNDED = date(1922, 12, 30)


@pytest.fixture
def union(keyring: Keyring) -> Service:
    service = bootstrap(uow=FakeUnitOfWork(), keyring=keyring)
    service.adopt(charter_command(union_1922(), at_day(FOUNDED), "simulated"), keyring)
    service.execute(found(union_1922(), signed_in=service))  # type: ignore[arg-type]
    return service


def _signed(federation: Service, command: Command, key: Ed25519PrivateKey) -> dict[str, Any]:
    """The envelope of `command` signed with `key`, for this union."""
    return envelope_of(command, key, federation.binding(command))


def _entries(federation: Service) -> int:
    assert isinstance(federation.uow, FakeUnitOfWork)
    return len(federation.uow.entries)


def _re_derived(federation: Service) -> bool:
    """Every entry is what the rules make of a signed command (the replay `ledger verify` runs)."""
    assert isinstance(federation.uow, FakeUnitOfWork)
    report = replay(federation.uow.entries)
    return report.ok


def _refused(federation: Service, envelope: dict, principle: str) -> str:
    before = _entries(federation)
    with pytest.raises(Refused) as caught:
        federation.submit(envelope)
    assert caught.value.refusal.principle == principle, caught.value.line()
    assert _entries(federation) == before
    return caught.value.line()


def test_p3_a_secession_signed_with_another_members_key_is_refused(
    union: Service, keyring: Keyring
) -> None:
    command = secede("georgia", date(1926, 3, 1))
    armenia = keyring.key_for(actors.congress("armenia"))
    assert armenia is not None
    line = _refused(union, _signed(union, command, armenia), "P18")
    assert "registered to 'congress:armenia', not to 'congress:georgia'" in line
    honest = command.model_copy(update={"actor": actors.congress("armenia")})
    line = _refused(union, _signed(union, honest, armenia), "P3")
    assert "decided by georgia's own congress" in line


def test_p18_an_unknown_key_a_tampered_envelope_and_a_replay_are_refused(
    union: Service, keyring: Keyring
) -> None:
    command = secede("georgia", date(1926, 3, 1))
    assert "not registered" in _refused(
        union, _signed(union, command, generate_private_key()), "P18"
    )
    georgia = keyring.key_for(actors.congress("georgia"))
    assert georgia is not None
    envelope = _signed(union, command, georgia)
    tampered = copy.deepcopy(envelope)
    tampered["command"]["decided_on"] = "1926-01-01"
    assert "does not verify" in _refused(union, tampered, "P18")
    union.submit(envelope)
    assert "no replay" in _refused(union, envelope, "P18")


def test_p18_a_revoked_key_signs_nothing_after_its_revocation(
    union: Service, keyring: Keyring
) -> None:
    georgia = keyring.key_for(actors.congress("georgia"))
    assert georgia is not None
    from isonomia.ledger.keys import key_id

    revoke = RevokeKey(
        command_id=new_command_id(),
        actor=actors.congress("georgia"),
        at=at_day(date(1923, 1, 2)),
        key_id=key_id(georgia.public_key()),
        reason="lost",
    )
    union.execute(revoke)
    later = secede("georgia", date(1923, 1, 3))
    assert "revoked" in _refused(union, _signed(union, later, georgia), "P18")
    assert _re_derived(union)


def test_p4_a_delegate_cannot_vote_for_a_member_it_does_not_sit_for(
    union: Service, keyring: Keyring
) -> None:
    from builders import command, pass_motion  # noqa: F401  (documents the pure twin)
    from isonomia.domain import AppointDelegate, ConveneSession, DraftMotion, TableMotion

    day = date(1923, 1, 8)
    union.execute(
        command(
            AppointDelegate,
            actors.council("georgia"),
            day,
            organ="union-council",
            member="georgia",
            person="mdivani",
            term_from=day,
        )
    )
    union.execute(
        command(
            ConveneSession,
            actors.SECRETARIAT,
            day,
            session="s1",
            organ="union-council",
            held_on=day,
        )
    )
    union.execute(
        command(
            DraftMotion,
            actors.SECRETARIAT,
            day,
            motion="m1",
            organ="union-council",
            title="t",
            text="t",
            field="railways",
            kind="decision",
            force="mandatory",
        )
    )
    union.execute(command(TableMotion, actors.SECRETARIAT, day, motion="m1", session="s1"))
    vote = command(
        CastVote, actors.person("mdivani"), day, motion="m1", member="armenia", vote="no"
    )
    with pytest.raises(Refused) as caught:
        union.execute(vote)
    assert caught.value.refusal.principle == "P4"


def test_p18_a_decision_signed_at_home_is_submitted_by_the_secretariat(
    union: Service, keyring: Keyring
) -> None:
    georgia = keyring.key_for(actors.congress("georgia"))
    assert georgia is not None
    envelope = _signed(union, secede("georgia", date(1926, 3, 1)), georgia)
    recorded = union.submit(envelope)  # anyone may carry the file; the signature decides
    signed = [e for e in recorded.entries if e.event_type == "CommandSigned"]
    assert signed and signed[0].payload["principal"] == "congress:georgia"
    assert signed[0].actor == "congress:georgia"
    assert _re_derived(union)


def test_p18_signed_entries_round_trip_and_verify(database_url: str, keyring: Keyring) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        federation.initialize(example_1922(), clock="simulated", at=at_day(FOUNDED))
        federation.execute(found(union_1922(), signed_in=federation))
        report = federation.verify_ledger()
        signatures = federation.verify_signatures()
        assert report.ok and signatures.ok
        assert signatures.checked >= 2  # the charter and the founding, at least
    finally:
        federation.close()


def test_p18_in_a_live_union_the_record_clock_is_the_services(keyring: Keyring) -> None:
    clock = [datetime(2026, 11, 30, 9, 0, tzinfo=UTC)]
    fake = FakeUnitOfWork()
    federation = bootstrap(uow=fake, keyring=keyring, clock=lambda: clock[0])
    federation.adopt(
        charter_command(load_charter(example_charter("cooperatives")), clock[0], "live"), keyring
    )
    [first, *_] = fake.entries
    assert first.recorded_at == "2026-11-30T09:00:00Z"
    backdated = DecideSecession(
        command_id=new_command_id(),
        actor=actors.congress("colli"),
        at=clock[0] - timedelta(days=30),
        member="colli",
        decided_on=date(2026, 10, 31),
    )
    key = keyring.key_for(actors.SECRETARIAT)
    assert key is not None
    with pytest.raises(Refused) as caught:
        federation.submit(
            _signed(federation, backdated.model_copy(update={"actor": "secretariat"}), key)
        )
    assert "more than 7 days ago" in caught.value.line()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    signer=st.sampled_from(["armenia", "azerbaijan", "outsider"]),
    member=st.sampled_from(["georgia", "ukraine"]),
    vote=st.sampled_from(["yes", "no"]),
)
def test_p3_p4_no_wrong_key_changes_a_members_status_or_casts_its_vote(
    union: Service, keyring: Keyring, signer: str, member: str, vote: str
) -> None:
    key = keyring.key_for(actors.congress(signer)) or generate_private_key()
    before = (_entries(union), union.state().members[member].leaves_on)
    attempts = [
        secede(member, date(1926, 3, 1)),
        secede(member, date(1926, 3, 1), actor=actors.congress(signer)),
        CastVote(
            command_id=new_command_id(),
            actor=actors.congress(signer),
            at=at_day(date(1926, 3, 1)),
            motion="m1",
            member=member,
            vote=vote,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(Refused):
            union.submit(_signed(union, attempt, key))
    assert (_entries(union), union.state().members[member].leaves_on) == before
