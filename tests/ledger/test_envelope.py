"""Signed command envelopes: what is signed, what verifies, and every refusal by its fault."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.envelope import (
    ENVELOPE_FORMAT,
    SIGNING_CONTEXT,
    SIGNING_CONTEXT_V2,
    Binding,
    EnvelopeError,
    Fault,
    KeyLookup,
    KeyStanding,
    read_envelope,
    sign_command,
    signing_message,
    verify_envelope,
    write_envelope,
)
from isonomia.ledger.keys import Ed25519PrivateKey, generate_private_key, key_id

GEORGIA = "ka/congress"
UKRAINE = "uk/congress"
COMMAND = {"id": "cmd-1", "type": "secede"}
FIELDS = ["format", "version", "command", "principal", "key_id", "signature"]

# RFC 8032 §7.1 test 1's key. The signature was made outside Python, by the OpenSSL command
# line over the exact message bytes: `openssl pkeyutl -sign -inkey k.pem -rawin -in msg`.
RFC8032_KEY = Ed25519PrivateKey.from_private_bytes(
    bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
)
RFC8032_KEY_ID = "21fe31dfa154a261626bf854046fd227"
KNOWN_MESSAGE = (
    b"isonomia signed command v1\n"
    b'{"command":{"id":"cmd-1","type":"secede"},'
    b'"key_id":"21fe31dfa154a261626bf854046fd227","principal":"ka/congress"}'
)
KNOWN_SIGNATURE = (
    "2xBUPQ9Jr+MAZUGROo2aTJOw+3nBuGRV6s3Bov/qG8MsvV6NeLItX9Vcnz/9gol6KVpLbb3LZSwQScCeP7dYBA=="
)

GEORGIA_KEY = generate_private_key()
UKRAINE_KEY = generate_private_key()
STRANGER_KEY = generate_private_key()


def lookup(*holders: tuple[str, Ed25519PrivateKey, bool]) -> KeyLookup:
    table = {
        key_id(key.public_key()): KeyStanding(principal, key.public_key(), revoked)
        for principal, key, revoked in holders
    }
    return table.get


REGISTERED = lookup((GEORGIA, GEORGIA_KEY, False), (UKRAINE, UKRAINE_KEY, False))


def signed(command: dict[str, Any] | None = None) -> dict[str, Any]:
    return sign_command(COMMAND if command is None else command, GEORGIA, GEORGIA_KEY)


def refusal(envelope: Any, keys: KeyLookup = REGISTERED) -> EnvelopeError:
    with pytest.raises(EnvelopeError) as error:
        verify_envelope(envelope, keys)
    assert str(error.value)
    assert "\n" not in str(error.value)
    return error.value


def test_signing_message_is_the_context_line_then_canonical_json() -> None:
    assert signing_message(COMMAND, GEORGIA, RFC8032_KEY_ID) == KNOWN_MESSAGE
    assert KNOWN_MESSAGE.startswith(SIGNING_CONTEXT)


def test_signature_matches_one_made_by_openssl_over_the_same_message() -> None:
    envelope = sign_command(COMMAND, GEORGIA, RFC8032_KEY)
    assert envelope == {
        "format": "isonomia-signed-command",
        "version": 1,
        "command": COMMAND,
        "principal": GEORGIA,
        "key_id": RFC8032_KEY_ID,
        "signature": KNOWN_SIGNATURE,
    }


def test_a_signed_command_verifies_and_gives_back_what_was_signed() -> None:
    envelope = signed({"id": "cmd-7", "terms": {"fields": ["defence", "foreign"]}})
    verified = verify_envelope(envelope, REGISTERED)
    assert verified.command == {"id": "cmd-7", "terms": {"fields": ["defence", "foreign"]}}
    assert verified.principal == GEORGIA
    assert verified.key_id == key_id(GEORGIA_KEY.public_key())
    assert verified.signature == envelope["signature"]


def test_key_order_in_the_command_does_not_change_the_signature() -> None:
    envelope = signed({"b": 1, "a": {"y": 2, "x": 3}})
    envelope["command"] = {"a": {"x": 3, "y": 2}, "b": 1}
    assert verify_envelope(envelope, REGISTERED).command == {"a": {"x": 3, "y": 2}, "b": 1}


def test_the_envelope_holds_a_copy_of_the_command_not_the_callers_object() -> None:
    command: dict[str, Any] = {"id": "cmd-2", "fields": ["defence"]}
    envelope = signed(command)
    command["fields"].append("culture")
    assert verify_envelope(envelope, REGISTERED).command == {"id": "cmd-2", "fields": ["defence"]}


def test_a_key_the_lookup_does_not_know_is_refused_as_unknown() -> None:
    envelope = sign_command(COMMAND, GEORGIA, STRANGER_KEY)
    assert refusal(envelope).fault is Fault.UNKNOWN_KEY


def test_a_signature_by_another_key_than_the_key_id_named_is_refused() -> None:
    envelope = sign_command(COMMAND, GEORGIA, STRANGER_KEY)
    envelope["key_id"] = key_id(GEORGIA_KEY.public_key())
    assert refusal(envelope).fault is Fault.BAD_SIGNATURE


def test_a_revoked_key_is_refused() -> None:
    keys = lookup((GEORGIA, GEORGIA_KEY, True))
    error = refusal(signed(), keys)
    assert error.fault is Fault.REVOKED_KEY
    assert "revoked" in str(error)


def test_an_envelope_signed_for_another_principal_is_refused() -> None:
    # Georgia's congress signs with its own key but claims to be Ukraine's congress.
    envelope = sign_command(COMMAND, UKRAINE, GEORGIA_KEY)
    error = refusal(envelope)
    assert error.fault is Fault.WRONG_PRINCIPAL
    assert repr(GEORGIA) in str(error) and repr(UKRAINE) in str(error)


def test_a_lookup_that_answers_with_a_key_of_another_id_is_not_trusted() -> None:
    def confused(_: str) -> KeyStanding:
        return KeyStanding(GEORGIA, STRANGER_KEY.public_key(), False)

    assert refusal(signed(), confused).fault is Fault.UNKNOWN_KEY


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("command", {"id": "cmd-1", "type": "accede"}),
        ("command", {"id": "cmd-1", "type": "secede", "extra": None}),
        ("command", {"id": "cmd-1"}),
        ("principal", UKRAINE),
        ("key_id", key_id(UKRAINE_KEY.public_key())),
    ],
    ids=["command-type", "command-extra-field", "command-field-dropped", "principal", "key_id"],
)
def test_a_tampered_signed_field_fails_the_signature(field: str, value: Any) -> None:
    envelope = signed()
    envelope[field] = value
    assert refusal(envelope).fault is Fault.BAD_SIGNATURE


def test_a_tampered_signature_is_refused() -> None:
    envelope = signed()
    raw = bytearray(base64.b64decode(envelope["signature"]))
    raw[10] ^= 0x01
    envelope["signature"] = base64.b64encode(bytes(raw)).decode()
    assert refusal(envelope).fault is Fault.BAD_SIGNATURE


def other_padding_bits(signature: str) -> str:
    # 64 bytes are 86 base64 digits and "=="; the last digit carries 4 unused bits.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(signature[85])
    return signature[:85] + alphabet[last ^ 0b0001] + "=="


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda s: s[:-2], "not valid base64"),
        (lambda s: s.replace("=", ""), "not valid base64"),
        (lambda s: "!" + s[1:], "not valid base64"),
        (lambda s: s + "\n", "not valid base64"),
        (lambda s: "é" + s[1:], "not valid base64"),
        (lambda s: base64.b64encode(b"\x00" * 63).decode(), "64 bytes"),
        (lambda s: "", "64 bytes"),
        (other_padding_bits, "canonical form"),
        (lambda s: list(s), "base64 string"),
        (lambda s: None, "base64 string"),
    ],
)
def test_a_malformed_signature_is_refused_as_malformed(mangle: Any, reason: str) -> None:
    envelope = signed()
    envelope["signature"] = mangle(envelope["signature"])
    error = refusal(envelope)
    assert error.fault is Fault.MALFORMED
    assert reason in str(error)


@pytest.mark.parametrize("field", FIELDS)
def test_an_envelope_missing_a_field_is_malformed_and_names_it(field: str) -> None:
    envelope = signed()
    del envelope[field]
    error = refusal(envelope)
    assert error.fault is Fault.MALFORMED
    assert field in str(error)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("format", "isonomia-member-export"),
        ("format", None),
        ("version", 2),
        ("version", "1"),
        ("version", True),
        ("version", 1.5),
        ("command", ["id", "cmd-1"]),
        ("command", "secede"),
        ("command", None),
        ("principal", ""),
        ("principal", 7),
        ("key_id", "21FE31DFA154A261626BF854046FD227"),
        ("key_id", "21fe31dfa154a261626bf854046fd2"),
        ("key_id", None),
    ],
)
def test_a_field_of_the_wrong_shape_is_malformed(field: str, value: Any) -> None:
    envelope = signed()
    envelope[field] = value
    assert refusal(envelope).fault is Fault.MALFORMED


def test_an_unknown_extra_field_is_malformed() -> None:
    envelope = signed()
    envelope["note"] = "also signed, honestly"
    error = refusal(envelope)
    assert error.fault is Fault.MALFORMED
    assert "'note'" in str(error)


@pytest.mark.parametrize("envelope", [None, [], "envelope", 1])
def test_anything_but_an_object_is_malformed(envelope: Any) -> None:
    assert refusal(envelope).fault is Fault.MALFORMED


@pytest.mark.parametrize(
    ("command", "principal"),
    [
        (["not", "an", "object"], GEORGIA),
        ({"weight": float("nan")}, GEORGIA),
        ({"big": 2**60}, GEORGIA),
        ({1: "non-string key"}, GEORGIA),
        (COMMAND, ""),
    ],
)
def test_signing_refuses_what_no_envelope_could_carry(command: Any, principal: str) -> None:
    with pytest.raises(EnvelopeError) as error:
        sign_command(command, principal, GEORGIA_KEY)
    assert error.value.fault is Fault.MALFORMED


def test_an_envelope_file_round_trips_and_still_verifies(tmp_path: Path) -> None:
    envelope = sign_command({"id": "cmd-3", "name": "საქართველო"}, GEORGIA, GEORGIA_KEY)
    path = tmp_path / "cmd.json"
    write_envelope(path, envelope)
    assert "საქართველო" in path.read_text(encoding="utf-8")
    assert read_envelope(path) == envelope
    assert verify_envelope(read_envelope(path), REGISTERED).command["name"] == "საქართველო"


def test_writing_an_envelope_keeps_an_existing_file_unless_told(tmp_path: Path) -> None:
    path = tmp_path / "cmd.json"
    path.write_text("kept", encoding="utf-8")
    with pytest.raises(EnvelopeError, match="already exists"):
        write_envelope(path, signed())
    assert path.read_text(encoding="utf-8") == "kept"
    write_envelope(path, signed(), overwrite=True)
    assert read_envelope(path) == signed()


def test_a_malformed_envelope_is_never_written(tmp_path: Path) -> None:
    envelope = signed()
    del envelope["signature"]
    path = tmp_path / "cmd.json"
    with pytest.raises(EnvelopeError) as error:
        write_envelope(path, envelope)
    assert error.value.fault is Fault.MALFORMED
    assert not path.exists()


@pytest.mark.parametrize(
    "content", [b"", b"garbage", b"\xff\xfe\x00", b'{"format": NaN}', b"[1, 2"]
)
def test_an_envelope_file_that_is_not_json_is_a_file_fault(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "cmd.json"
    path.write_bytes(content)
    with pytest.raises(EnvelopeError) as error:
        read_envelope(path)
    assert error.value.fault is Fault.FILE
    assert str(error.value).startswith(str(path))
    assert "\n" not in str(error.value)


def test_an_envelope_file_holding_other_json_is_malformed_and_named(tmp_path: Path) -> None:
    path = tmp_path / "cmd.json"
    path.write_text(json.dumps({"format": ENVELOPE_FORMAT}), encoding="utf-8")
    with pytest.raises(EnvelopeError) as error:
        read_envelope(path)
    assert error.value.fault is Fault.MALFORMED
    assert str(error.value).startswith(str(path))


def test_a_missing_envelope_file_is_a_file_fault(tmp_path: Path) -> None:
    with pytest.raises(EnvelopeError, match="no such file") as error:
        read_envelope(tmp_path / "absent.json")
    assert error.value.fault is Fault.FILE


SAFE_INT = 2**53 - 1
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-SAFE_INT, SAFE_INT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
commands = st.dictionaries(st.text(max_size=6), json_values, max_size=4)


def flipped_signature(draw: st.DrawFn, signature: str) -> str:
    raw = bytearray(base64.b64decode(signature))
    index = draw(st.integers(0, len(raw) - 1))
    raw[index] ^= 1 << draw(st.integers(0, 7))
    return base64.b64encode(bytes(raw)).decode()


@st.composite
def replacements(draw: st.DrawFn, envelope: dict[str, Any], field: str) -> Any:
    """A new value for one field: a nearby one (one bit, one key) or anything at all."""
    old = envelope[field]
    nearby: list[Any] = []
    if field == "signature":
        nearby.append(flipped_signature(draw, old))
    elif field == "key_id":
        nearby.append(key_id(UKRAINE_KEY.public_key()))
        nearby.append(draw(st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)))
    elif field == "command":
        nearby.append({**old, draw(st.text(max_size=6)): draw(json_values)})
    elif field == "principal":
        nearby.append(old + draw(st.text(min_size=1, max_size=3)))
    nearby.append(draw(json_values))
    return draw(st.sampled_from(nearby))


@settings(deadline=None, max_examples=300)
@given(command=commands, principal=st.text(min_size=1, max_size=10), data=st.data())
def test_any_change_to_any_field_of_a_signed_envelope_makes_it_fail(
    command: dict[str, Any], principal: str, data: st.DataObject
) -> None:
    keys = lookup((principal, GEORGIA_KEY, False), (UKRAINE, UKRAINE_KEY, False))
    envelope = sign_command(command, principal, GEORGIA_KEY)
    assert verify_envelope(envelope, keys).principal == principal

    field = data.draw(st.sampled_from([*FIELDS, "(removed)", "(added)"]))
    tampered = dict(envelope)
    if field == "(removed)":
        del tampered[data.draw(st.sampled_from(FIELDS))]
    elif field == "(added)":
        tampered[data.draw(st.text().filter(lambda name: name not in FIELDS))] = None
    else:
        new = data.draw(replacements(envelope, field))
        # A change that leaves the JSON the same is no change (1 and 1.0 are one number).
        assume(type(new) is not type(envelope[field]) or new != envelope[field])
        assume(field != "command" or _canonical_or_none(new) != canonical_json(command))
        tampered[field] = new
    with pytest.raises(EnvelopeError):
        verify_envelope(tampered, keys)


def _canonical_or_none(value: Any) -> bytes | None:
    try:
        return canonical_json(value)
    except ValueError:
        return None


@settings(max_examples=200, deadline=None)
@given(
    command=st.dictionaries(
        st.text(max_size=8),
        st.one_of(
            st.integers(-(2**53) + 1, 2**53 - 1), st.text(max_size=12), st.booleans(), st.none()
        ),
        max_size=6,
    ),
    principal=st.text(min_size=1, max_size=20),
    origin=st.text(min_size=1, max_size=20),
    charter=st.one_of(st.none(), st.just("ab" * 32)),
    seen=st.one_of(st.none(), st.tuples(st.integers(1, 2**53 - 1), st.just("cd" * 32))),
)
def test_the_signed_bytes_are_the_canonical_json_of_the_whole_body(
    command: dict[str, Any],
    principal: str,
    origin: str,
    charter: str | None,
    seen: tuple[int, str] | None,
) -> None:
    binding = Binding(origin, charter, seen)
    body = {"command": command, "key_id": RFC8032_KEY_ID, "principal": principal}
    expected = SIGNING_CONTEXT_V2 + canonical_json({**body, **binding.fields()})
    assert signing_message(command, principal, RFC8032_KEY_ID, binding) == expected
    assert signing_message(command, principal, RFC8032_KEY_ID) == SIGNING_CONTEXT + canonical_json(
        body
    )
