"""The key register: which key may sign which entry, rotation, and what it refuses."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.ledger.envelope import EnvelopeError, Fault, sign_command, verify_envelope
from isonomia.ledger.key_register import KeyRegister, KeyRegisterError
from isonomia.ledger.keys import Ed25519PublicKey, generate_private_key, key_id

COUNCIL = "ka/council"
DELEGATE = "ka/delegate/1"
COMMAND = {"id": "cmd-51", "type": "vote", "choice": "yes"}


def public() -> Ed25519PublicKey:
    return generate_private_key().public_key()


def test_a_key_registered_at_entry_10_can_sign_entry_11_but_not_10_or_9() -> None:
    register = KeyRegister()
    record = register.register(COUNCIL, public(), 10)
    assert not register.valid_at(record.key_id, 9)
    assert not register.valid_at(record.key_id, 10)
    assert register.valid_at(record.key_id, 11)


def test_a_key_revoked_at_entry_50_signs_up_to_50_and_not_51() -> None:
    register = KeyRegister()
    record = register.register(COUNCIL, public(), 10)
    register.revoke(record.key_id, 50)
    assert register.valid_at(record.key_id, 49)
    assert register.valid_at(record.key_id, 50)  # its own revocation
    assert not register.valid_at(record.key_id, 51)
    assert not register.valid_at(record.key_id, 1000)


def test_an_entry_signed_before_the_revocation_still_verifies_and_one_after_does_not() -> None:
    key = generate_private_key()
    register = KeyRegister()
    register.register(COUNCIL, key.public_key(), 10)
    envelope = sign_command(COMMAND, COUNCIL, key)
    register.revoke(key_id(key.public_key()), 50)

    assert verify_envelope(envelope, register.at(40)).principal == COUNCIL
    with pytest.raises(EnvelopeError) as after:
        verify_envelope(envelope, register.at(51))
    assert after.value.fault is Fault.REVOKED_KEY
    with pytest.raises(EnvelopeError) as before:
        verify_envelope(envelope, register.at(9))
    assert before.value.fault is Fault.UNKNOWN_KEY


def test_a_key_never_registered_is_unknown_and_invalid() -> None:
    register = KeyRegister()
    assert not register.valid_at("0" * 32, 5)
    assert register.standing("0" * 32, 5) is None
    assert register.get("0" * 32) is None
    assert "0" * 32 not in register


def test_standing_says_whose_key_it_is_and_whether_it_was_revoked_before_the_entry() -> None:
    register = KeyRegister()
    key = public()
    record = register.register(DELEGATE, key, 3)
    register.revoke(record.key_id, 7)
    at_7 = register.standing(record.key_id, 7)
    at_8 = register.standing(record.key_id, 8)
    assert at_7 is not None and at_8 is not None
    assert (at_7.principal, at_7.revoked) == (DELEGATE, False)
    assert (at_8.principal, at_8.revoked) == (DELEGATE, True)
    assert key_id(at_8.public_key) == record.key_id


def test_registering_a_key_id_already_registered_is_refused_even_for_another_principal() -> None:
    register = KeyRegister()
    key = public()
    register.register(COUNCIL, key, 1)
    with pytest.raises(KeyRegisterError, match="already registered"):
        register.register(DELEGATE, key, 2)
    with pytest.raises(KeyRegisterError, match="already registered"):
        register.register(COUNCIL, key, 2)
    assert register.keys_of(DELEGATE, 3) == ()
    assert len(register) == 1


def test_a_revoked_key_cannot_be_registered_again() -> None:
    register = KeyRegister()
    key = public()
    record = register.register(COUNCIL, key, 1)
    register.revoke(record.key_id, 2)
    with pytest.raises(KeyRegisterError, match="already registered"):
        register.register(COUNCIL, key, 3)


def test_rotation_registers_the_new_key_and_revokes_the_old_in_one_entry() -> None:
    register = KeyRegister()
    old = register.register(COUNCIL, public(), 1)
    new = register.rotate(old.key_id, public(), 20)
    assert new.principal == COUNCIL
    assert [k.key_id for k in register.keys_of(COUNCIL, 20)] == [old.key_id]
    assert [k.key_id for k in register.keys_of(COUNCIL, 21)] == [new.key_id]
    assert register.get(old.key_id) is not None
    assert register.get(old.key_id).revoked_at == 20  # type: ignore[union-attr]


def test_a_refused_rotation_changes_nothing() -> None:
    register = KeyRegister()
    old = register.register(COUNCIL, public(), 1)
    taken = register.register(DELEGATE, public(), 2)
    with pytest.raises(KeyRegisterError, match="already registered"):
        register.rotate(old.key_id, taken.public_key, 3)
    assert register.valid_at(old.key_id, 100)
    with pytest.raises(KeyRegisterError, match="cannot replace itself"):
        register.rotate(old.key_id, old.public_key, 3)
    assert register.valid_at(old.key_id, 100)
    assert len(register) == 2


def test_keys_of_lists_only_the_principals_keys_valid_at_that_entry_oldest_first() -> None:
    register = KeyRegister()
    first = register.register(COUNCIL, public(), 1)
    register.register(DELEGATE, public(), 2)
    second = register.register(COUNCIL, public(), 5)
    assert register.keys_of(COUNCIL, 1) == ()
    assert register.keys_of(COUNCIL, 2) == (first,)
    assert register.keys_of(COUNCIL, 6) == (first, second)
    assert register.keys_of("ua/council", 6) == ()


def test_revoking_a_key_in_the_entry_that_registers_it_is_refused() -> None:
    register = KeyRegister()
    record = register.register(COUNCIL, public(), 5)
    with pytest.raises(KeyRegisterError, match="registered at entry 5"):
        register.revoke(record.key_id, 5)
    assert register.valid_at(record.key_id, 6)


def test_revoking_twice_or_revoking_an_unknown_key_is_refused() -> None:
    register = KeyRegister()
    record = register.register(COUNCIL, public(), 1)
    register.revoke(record.key_id, 2)
    with pytest.raises(KeyRegisterError, match="already revoked at entry 2"):
        register.revoke(record.key_id, 3)
    with pytest.raises(KeyRegisterError, match="not registered"):
        register.revoke("f" * 32, 3)


def test_changes_from_an_entry_before_one_already_applied_are_refused() -> None:
    register = KeyRegister()
    register.register(COUNCIL, public(), 10)
    register.register(DELEGATE, public(), 10)  # the same entry may carry several changes
    with pytest.raises(KeyRegisterError, match="comes before entry 10"):
        register.register(DELEGATE, public(), 9)


@pytest.mark.parametrize("sequence", [0, -1, True, 1.0, "3"])
def test_a_sequence_must_be_a_positive_integer(sequence: object) -> None:
    with pytest.raises(KeyRegisterError, match="positive integer"):
        KeyRegister().register(COUNCIL, public(), sequence)  # type: ignore[arg-type]


@pytest.mark.parametrize("principal", ["", None])
def test_a_principal_must_be_a_non_empty_string(principal: object) -> None:
    with pytest.raises(KeyRegisterError, match="non-empty string"):
        KeyRegister().register(principal, public(), 1)  # type: ignore[arg-type]


def test_only_ed25519_public_keys_can_be_registered() -> None:
    with pytest.raises(KeyRegisterError, match="Ed25519"):
        KeyRegister().register(COUNCIL, generate_private_key(), 1)  # type: ignore[arg-type]


def test_registration_cost_does_not_grow_with_the_register() -> None:
    # Measured in memory, not in seconds (a timed test fails on a loaded machine): copying
    # the register, or a principal's list, on each registration would allocate the whole of
    # it, some hundreds of kilobytes at 9,000 keys, for every key registered after them.
    keys = [public() for _ in range(9_020)]
    register = KeyRegister()
    for sequence, key in enumerate(keys[:9_000], start=1):
        register.register(COUNCIL, key, sequence)
    peaks = []
    for sequence, key in enumerate(keys[9_000:], start=9_001):
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        register.register(COUNCIL, key, sequence)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks.append(peak - before)
    # The smallest of twenty: a one-off growth of a dict or list is not a copy on each.
    assert min(peaks) < 16_384, peaks


lifetimes = st.lists(
    st.tuples(st.integers(1, 40), st.one_of(st.none(), st.integers(1, 40))), max_size=8
)


@settings(deadline=None, max_examples=100)
@given(lifetimes, st.integers(0, 45))
def test_a_key_is_valid_exactly_after_its_registration_and_up_to_its_revocation(
    spans: list[tuple[int, int | None]], probe: int
) -> None:
    # Apply every registration and revocation in ledger order, as a fold would.
    changes: list[tuple[int, int, str]] = []
    for index, (registered, gap) in enumerate(spans):
        changes.append((registered, 0, f"r{index}"))
        if gap is not None:
            changes.append((registered + gap, 1, f"r{index}"))
    register = KeyRegister()
    ids: dict[str, str] = {}
    for sequence, kind, name in sorted(changes):
        if kind == 0:
            ids[name] = register.register(name, public(), sequence).key_id
        else:
            register.revoke(ids[name], sequence)
    for index, (registered, gap) in enumerate(spans):
        revoked = None if gap is None else registered + gap
        expected = registered < probe and (revoked is None or probe <= revoked)
        assert register.valid_at(ids[f"r{index}"], probe) is expected
        assert (register.keys_of(f"r{index}", probe) != ()) is expected
