"""Known answers for canonical JSON (RFC 8785) and the entry hash."""

from __future__ import annotations

import hashlib

import pytest

from isonomia.ledger import (
    GENESIS_HASH,
    CanonicalizationError,
    NewEntry,
    canonical_entry,
    canonical_json,
    entry_hash,
)

GEORGIA = "საქართველო"

# Hex sha256 of 32 zero bytes followed by the canonical entry below, computed outside
# Python with `(head -c 32 /dev/zero; printf '<canonical entry>') | sha256sum`.
FIRST_ENTRY_HASH = "22b4f835d8291fe3aa975118d97029bb9e3bcda3ad7c39ced397314fe9bcb2ef"
FIRST_ENTRY_CANONICAL = (
    '{"actor":"ka","command_id":"cmd-1","event_type":"MemberAdmitted",'
    f'"payload":{{"name":"{GEORGIA}"}},"recorded_at":"2024-03-01T12:00:00Z",'
    '"schema_version":1,"sequence":1}'
).encode()


def first_entry() -> NewEntry:
    return NewEntry(
        recorded_at="2024-03-01T12:00:00Z",
        actor="ka",
        command_id="cmd-1",
        event_type="MemberAdmitted",
        schema_version=1,
        payload={"name": GEORGIA},
    )


def test_canonical_json_sorts_keys_and_drops_whitespace() -> None:
    assert canonical_json({"b": 1, "a": [1, 2], "c": {"z": None, "y": True}}) == (
        b'{"a":[1,2],"b":1,"c":{"y":true,"z":null}}'
    )


def test_canonical_json_keeps_non_ascii_text_as_utf8_unescaped() -> None:
    assert canonical_json({"name": GEORGIA}) == '{"name":"საქართველო"}'.encode()
    assert canonical_json(GEORGIA) == b'"' + GEORGIA.encode("utf-8") + b'"'


def test_canonical_json_sorts_keys_by_utf16_code_units() -> None:
    # RFC 8785 §3.2.3: "\r" < "1" < "a" < "€"; U+1F600 (surrogates D83D..) sorts before U+FB33.
    value = {"€": 1, "a": 2, "1": 3, "\r": 4, "\ufb33": 5, "\U0001f600": 6}
    assert canonical_json(value) == (
        '{"\\r":4,"1":3,"a":2,"€":1,"\U0001f600":6,"\ufb33":5}'.encode()
    )


def test_canonical_json_writes_numbers_in_shortest_ecmascript_form() -> None:
    assert canonical_json([1.0, 1e21, -0.0, 0.1, 1e-7, 100]) == b"[1,1e+21,0,0.1,1e-7,100]"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**53])
def test_canonical_json_refuses_values_json_cannot_carry_exactly(value: object) -> None:
    with pytest.raises(CanonicalizationError):
        canonical_json({"x": value})


def test_canonical_entry_covers_sequence_and_all_fields_in_canonical_order() -> None:
    assert canonical_entry(1, first_entry()) == FIRST_ENTRY_CANONICAL


def test_entry_hash_is_sha256_of_raw_prev_hash_bytes_then_canonical_entry() -> None:
    assert entry_hash(GENESIS_HASH, FIRST_ENTRY_CANONICAL) == FIRST_ENTRY_HASH
    assert hashlib.sha256(bytes(32) + FIRST_ENTRY_CANONICAL).hexdigest() == FIRST_ENTRY_HASH


def test_entry_hash_refuses_a_prev_hash_that_is_not_64_hex_digits() -> None:
    with pytest.raises(ValueError, match="64 lowercase hex"):
        entry_hash("abc", b"{}")


def test_genesis_hash_is_64_zeros() -> None:
    assert GENESIS_HASH == "0" * 64
