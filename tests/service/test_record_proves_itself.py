"""The record proves itself (P1–P4, P18), on both databases: every entry is what the rules
make of a signed command, so an insider who writes the database, an organ's officer or a
council acting for another member is refused, or named by `ledger verify` with the entry.
Each attack here was reproduced on the code before verification by re-execution."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from builders import at, command, example_1922, secede, union_1922
from case_world import CASE, DEFENDER, open_sealed_case
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    DecideAccession,
    DecideSecession,
    RegisterKey,
    RevokeKey,
    Settle,
    actors,
)
from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.chain import NewEntry, link
from isonomia.ledger.keys import generate_private_key, public_key_text, save_private_key
from isonomia.service import (
    Accounts,
    BadRequest,
    Federation,
    Forbidden,
    Keyring,
    Refused,
    at_day,
    example_charter,
    new_command_id,
    provide_key,
    verify_record,
    viewer_of_key,
)
from isonomia.service.clock import FixedClock
from isonomia.service.keyring import envelope_of
from isonomia.service.tlog_tree import catch_up
from tlog_world import _COLUMNS, _VALUES, _values, forge, founded


@pytest.fixture
def union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(database_url, keyring)
    yield federation
    federation.close()


def _named(federation: Federation) -> str:
    """What `ledger verify` names: the first problem's line (it must find one)."""
    report = verify_record(Federation(federation.db.url))
    problem = report.problem()
    assert not report.ok and problem is not None
    return problem


def _append_unsigned(url: str, event_type: str, actor: str, payload: dict) -> int:
    """INSERT one correctly chained entry that no signed command made, with the ledger's
    guards left in place, and extend the stored Merkle tree over it; its sequence."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        last = conn.exec_driver_sql(
            "SELECT sequence, hash, recorded_at FROM ledger ORDER BY sequence DESC LIMIT 1"
        ).one()
        new = NewEntry(last[2], actor, new_command_id(), event_type, 1, payload)
        [entry] = link(int(last[0]), last[1], [new])
        conn.execute(sa.text(f"INSERT INTO ledger ({_COLUMNS}) VALUES ({_VALUES})"), _values(entry))
        conn.exec_driver_sql(
            f"UPDATE verified_head SET sequence = {entry.sequence}, hash = '{entry.hash}'"
        )
        catch_up(conn)
    engine.dispose()
    return entry.sequence


def test_p18_an_unsigned_insert_of_a_secession_is_named_by_ledger_verify(
    union: Federation,
) -> None:
    assert verify_record(union).ok
    forged = _append_unsigned(
        union.db.url,
        "SecessionDecided",
        actors.congress("georgia"),
        {
            "member": "georgia",
            "congress": "Congress of Soviets of Georgia",
            "decided_on": "1923-01-02",
            "effective_on": "1923-04-02",
        },
    )
    fresh = Federation(union.db.url)
    assert fresh.verify_ledger().ok  # the chain alone holds: the INSERT was well linked
    assert _named(union) == f"entry {forged}: no signed command derives this entry"


def test_p18_a_rehashed_edit_of_a_derived_event_is_named(
    union: Federation, keyring: Keyring
) -> None:
    day = date(1923, 1, 8)
    union.execute(
        command(
            AppointDelegate,
            actors.council("georgia"),
            day,
            organ="union-council",
            member="georgia",
            person="g1",
            term_from=day,
        )
    )
    edited = next(e for e in union.entries() if e.event_type == "DelegateAppointed")

    def change(entries: list[NewEntry]) -> list[NewEntry]:
        at_edit = entries[edited.sequence - 1]
        payload = {**at_edit.payload, "person": "someone-else"}
        entries[edited.sequence - 1] = replace(at_edit, payload=payload)
        return entries

    forge(union.db.url, change)
    fresh = Federation(union.db.url)
    assert fresh.verify_ledger().ok  # re-hashed: the chain holds
    assert _named(union) == (
        f"entry {edited.sequence}: differs from what its signed command derives (payload)"
    )


def test_p18_a_stored_checkpoint_that_no_longer_matches_the_tree_is_named(
    union: Federation,
) -> None:
    from isonomia.service import Transparency

    Transparency(union).make_checkpoint(union.signer)  # type: ignore[arg-type]
    engine = sa.create_engine(union.db.url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE checkpoint SET root = '" + "0" * 64 + "'")
    engine.dispose()
    assert "does not sign the record's tree" in _named(union)


def _tabled_motion(union: Federation, day: date) -> None:
    """Motion m1 drafted and tabled at a union council session on `day` (a Monday)."""
    from isonomia.domain import ConveneSession, DraftMotion, TableMotion

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
            title="m1",
            text="text of m1",
            field="railways",
            kind="decision",
            force="advisory",
        )
    )
    union.execute(command(TableMotion, actors.SECRETARIAT, day, motion="m1", session="s1"))


def _vote(person: str, member: str) -> CastVote:
    return command(
        CastVote, actors.person(person), date(1923, 1, 8), motion="m1", member=member, vote="yes"
    )


def test_p4_a_key_another_council_registers_for_a_delegate_never_casts_its_vote(
    union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
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
    stolen = generate_private_key()
    register = command(
        RegisterKey,
        actors.council("armenia"),
        day,
        principal=actors.person("mdivani"),
        public_key=public_key_text(stolen.public_key()),
        for_member="armenia",
    )
    with pytest.raises(Refused) as caught:
        union.execute(register)
    assert caught.value.refusal.principle == "P4"
    assert "answers to georgia's council" in caught.value.line()


def test_p4_a_council_that_appoints_another_members_person_signs_only_for_itself(
    union: Federation, keyring: Keyring
) -> None:
    day = date(1923, 1, 8)
    for member, organ in (("georgia", "union-council"), ("armenia", "joint-conference")):
        union.execute(
            command(
                AppointDelegate,
                actors.council(member),
                day,
                organ=organ,
                member=member,
                person="mdivani",
                term_from=day,
            )
        )
    _tabled_motion(union, day)
    provide_key(union, keyring, actors.person("mdivani"), "armenia", at(day))
    key = keyring.key_for(actors.person("mdivani"))
    assert key is not None
    envelope = envelope_of(_vote("mdivani", "georgia"), key, union.binding())
    with pytest.raises(Refused) as caught:
        union.submit(envelope)
    assert caught.value.refusal.principle == "P4"
    assert "registered by armenia's council: it cannot act for georgia" in caught.value.line()


def test_p17_a_key_another_council_registers_reads_no_sealed_case(
    union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    open_sealed_case(union, keyring)
    state = union.state()
    assert actors.person(DEFENDER) in state.inspection.cases[CASE].viewers()
    # Armenia appoints the defender to one of its seats, and so may register a key for
    # that seat: it signs for Armenia, and proves no reader of Georgia's case.
    day = date(1923, 2, 2)
    union.execute(
        command(
            AppointDelegate,
            actors.council("armenia"),
            day,
            organ="joint-conference",
            member="armenia",
            person=DEFENDER,
            term_from=day,
        )
    )
    stolen = generate_private_key()
    union.execute(
        command(
            RegisterKey,
            actors.council("armenia"),
            day,
            principal=actors.person(DEFENDER),
            public_key=public_key_text(stolen.public_key()),
            for_member="armenia",
        )
    )
    path = tmp_path / "stolen.key"
    save_private_key(path, stolen)
    with pytest.raises(BadRequest, match="proves no reader"):
        viewer_of_key(union, path)
    accounts = Accounts(union)
    accounts.add("taken", "public", "a password long enough")
    with pytest.raises(Forbidden, match="proves no reader"):
        accounts.bind_with_key("taken", stolen)
    account = accounts.get("taken")
    assert account is not None and account.principal is None


def _leave(union: Federation, member: str) -> date:
    union.execute(secede(member, date(1923, 1, 2)))
    leaves_on = union.state().members[member].leaves_on
    assert leaves_on is not None
    union.execute(command(Settle, actors.SECRETARIAT, leaves_on))
    assert union.state().members[member].departure_recorded
    return leaves_on


def _rejoin(day: date, key_text: str) -> DecideAccession:
    from builders import candidate

    return command(
        DecideAccession,
        actors.congress("georgia"),
        day,
        candidate=candidate("georgia"),
        decided_on=day,
        accepts_fields=[],
        congress_key=key_text,
    )


def test_p2_a_departed_members_congress_cannot_be_claimed_with_a_new_key(
    union: Federation, keyring: Keyring
) -> None:
    left = _leave(union, "georgia")
    impostor = generate_private_key()
    claim = _rejoin(left + timedelta(days=10), public_key_text(impostor.public_key()))
    envelope = envelope_of(claim, impostor, union.binding())
    before = union.ledger_length()
    with pytest.raises(Refused) as caught:
        union.submit(envelope)
    assert caught.value.refusal.principle == "P18"
    assert "not registered" in caught.value.line()
    assert union.ledger_length() == before


def test_p3_a_new_membership_never_revokes_the_keys_of_the_old_one(
    union: Federation, keyring: Keyring
) -> None:
    provide_key(union, keyring, actors.council("georgia"), "georgia", at(date(1923, 1, 2)))
    left = _leave(union, "georgia")
    old_congress = keyring.key_for(actors.congress("georgia"))
    assert old_congress is not None
    state = union.state()
    council_key = next(
        k for k in state.keys_by_principal[actors.council("georgia")] if state.keys[k].valid()
    )
    # The congress revokes its own key (lost, say): a new key comes with the rejoining.
    revoke_own = command(
        RevokeKey,
        actors.congress("georgia"),
        left + timedelta(days=1),
        key_id=state.keys_by_principal[actors.congress("georgia")][0],
        reason="lost",
    )
    union.submit(envelope_of(revoke_own, old_congress, union.binding()))
    new_congress = generate_private_key()
    union.submit(
        envelope_of(
            _rejoin(left + timedelta(days=10), public_key_text(new_congress.public_key())),
            new_congress,
            union.binding(),
        )
    )
    revoke = command(
        RevokeKey,
        actors.congress("georgia"),
        left + timedelta(days=11),
        key_id=council_key,
        reason="taking over",
    )
    with pytest.raises(Refused) as caught:
        union.submit(envelope_of(revoke, new_congress, union.binding()))
    assert caught.value.refusal.principle == "P3"
    assert "earlier membership" in caught.value.line()


def test_p18_an_envelope_signed_for_another_union_is_refused(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    first = founded(database_url, keyring)
    other_keys = Keyring(tmp_path / "other-keys", provision=True)
    other = Federation(f"sqlite:///{tmp_path / 'other.db'}", signer=other_keys)
    other.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    try:
        # The same person's key, registered in both unions by Georgia's council.
        person = generate_private_key()
        text = public_key_text(person.public_key())
        for union in (first, other):
            if union is other:
                from builders import found

                union.execute(found(union_1922(), signed_in=union))
            union.execute(
                command(
                    RegisterKey,
                    actors.council("georgia"),
                    date(1923, 1, 2),
                    principal=actors.person("mdivani"),
                    public_key=text,
                    for_member="georgia",
                )
            )
        declared = command(
            Settle, actors.person("mdivani"), date(1923, 1, 3)
        )  # any registered principal may settle
        for_first = envelope_of(declared, person, first.binding())
        with pytest.raises(Refused) as caught:
            other.submit(for_first)
        assert "signed for another union" in caught.value.line()
        first.submit(for_first)  # where it was signed for, it is recorded
    finally:
        first.close()
        other.close()


def test_p18_an_envelope_that_saw_another_head_is_refused_by_a_fork(
    keyring: Keyring, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    union = founded(url, keyring)
    union.close()
    shutil.copy(tmp_path / "union.db", tmp_path / "fork.db")
    union = Federation(url, signer=keyring)
    fork = Federation(f"sqlite:///{tmp_path / 'fork.db'}", signer=keyring)
    try:
        union.execute(command(Settle, actors.SECRETARIAT, date(1923, 1, 4)))
        fork.execute(command(Settle, actors.SECRETARIAT, date(1923, 1, 4)))
        signed = union.sign(command(Settle, actors.SECRETARIAT, date(1923, 1, 5)), keyring)
        with pytest.raises(Refused) as caught:
            fork.submit(signed)
        assert "a fork" in caught.value.line()
        union.submit(signed)
    finally:
        union.close()
        fork.close()


def test_p18_an_envelope_that_leaves_out_defaults_is_kept_as_signed_and_verifies(
    union: Federation, keyring: Keyring
) -> None:
    from isonomia.ledger.envelope import sign_command

    day = date(1923, 1, 9)
    key = provide_key(union, keyring, actors.council("georgia"), "georgia", at(day))
    appoint = command(
        AppointDelegate,
        actors.council("georgia"),
        day,
        organ="union-council",
        member="georgia",
        person="g2",
        term_from=day,
    )
    full = envelope_of(appoint, key, union.binding())
    lean_body = {k: v for k, v in full["command"].items() if k != "term_until"}
    assert "term_until" in full["command"]  # sent with its default by the CLI
    lean = sign_command(lean_body, full["principal"], key, union.binding())
    recorded = union.submit(lean)
    signed = next(e for e in recorded.entries if e.event_type == "CommandSigned")
    assert canonical_json(signed.payload["command"]) == canonical_json(lean_body)
    report = verify_record(union)
    assert report.ok, report.problem()


def test_p18_a_live_unions_decision_cannot_be_backdated_and_its_notice_runs_from_recording(
    database_url: str, keyring: Keyring, test_clock: FixedClock
) -> None:
    from builders import found as found_act

    union = Federation(database_url, signer=keyring)
    try:
        union.initialize(example_charter("cooperatives"))
        charter = union.charter()
        founding = found_act(charter, day=test_clock().date(), signed_in=union)
        union.execute(founding.model_copy(update={"at": test_clock()}))
        test_clock.advance(timedelta(days=30))
        now = test_clock()
        backdated = DecideSecession(
            command_id=new_command_id(),
            actor=actors.congress("colli"),
            at=now,
            member="colli",
            decided_on=(now - timedelta(days=395)).date(),
        )
        with pytest.raises(Refused) as caught:
            union.execute(backdated)
        assert caught.value.refusal.principle == "P18"
        assert "within 7 days of its date" in caught.value.line()
        two_days = backdated.model_copy(
            update={"command_id": new_command_id(), "decided_on": (now - timedelta(days=2)).date()}
        )
        union.execute(two_days)
        leaves_on = union.state().members["colli"].leaves_on
        assert leaves_on == now.date() + timedelta(days=charter.secession.notice_days)
    finally:
        union.close()
