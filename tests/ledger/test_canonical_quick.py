"""The quick canonical checks agree with RFC 8785 (the pure-Python encoder) everywhere:
``parse_canonical`` says a text is canonical exactly when ``canonical_json`` re-spells it
byte for byte, and ``spell_entry`` over a payload's canonical text is ``canonical_entry``."""

from __future__ import annotations

import enum
import json
from typing import Any

import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.ledger import NewEntry, canonical_json
from isonomia.ledger.canonical import _quick_canonical, parse_canonical, parse_json
from isonomia.ledger.chain import canonical_entry, spell_entry

exhaustive = settings(deadline=None, max_examples=300)

SAFE_INT = 2**53 - 1
# Keys and strings from every plane, with the characters where code point order and UTF-16
# order part (U+E000..U+FFFF against astral ones), and the ones JSON escapes.
tricky = st.sampled_from(["\ue000", "\uffff", "\U0001f600", "\U00010000", '"', "\\", "\x1f"])
texts = st.text(max_size=8) | st.lists(tricky | st.text(max_size=2), max_size=4).map("".join)
numbers = (
    st.integers(-SAFE_INT, SAFE_INT)
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-7, 1e-5, 1e16, 1e21, 1e22, -0.0, 0.5, 2.0**53, 123.0])
)
values = st.recursive(
    st.none() | st.booleans() | numbers | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=10,
)
spellings = st.sampled_from(
    [
        {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False},
        {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": True},
        {"sort_keys": False, "separators": (",", ":"), "ensure_ascii": False},
        {"sort_keys": True, "ensure_ascii": False},
    ]
)


def rfc8785_says(text: str) -> bool:
    try:
        return canonical_json(parse_json(text)) == text.encode("utf-8")
    except ValueError:
        return False


@exhaustive
@given(values, spellings)
def test_parse_canonical_agrees_with_rfc8785_on_any_spelling(value: Any, how: Any) -> None:
    text = json.dumps(value, **how)
    parsed, canonical = parse_canonical(text)
    assert canonical == rfc8785_says(text)
    assert json.dumps(parsed, sort_keys=True) == json.dumps(parse_json(text), sort_keys=True)


@exhaustive
@given(values)
def test_parse_canonical_accepts_every_canonical_text(value: Any) -> None:
    try:
        text = canonical_json(value).decode("utf-8")
    except ValueError:
        return  # a value RFC 8785 cannot carry (an integer beyond 2**53)
    assert parse_canonical(text)[1] is True


def test_parse_canonical_refuses_what_rfc8785_refuses() -> None:
    for text in [
        '{"a":1,"a":1}',  # a duplicate key, read as one
        '{"a":1e-07}',  # spelled as Python spells floats, not as RFC 8785 does
        '{"a":1e-05}',
        '{"a":1.0}',
        '{"\uffff":1,"\U0001f600":2}',  # keys by code point, not by UTF-16 code unit
        '{"a":"\\u0041"}',  # an escape JSON does not need
        '{"a":"\\ud800"}',  # a lone surrogate
        '{"a": 1}',
        "-0",
    ]:
        assert parse_canonical(text)[1] is False, text
    assert parse_canonical('{"\U0001f600":2,"\uffff":1}')[1] is True
    assert parse_canonical('{"a":1e-7}') == ({"a": 1e-7}, True)


names = st.text(min_size=1, max_size=10) | st.lists(tricky, min_size=1, max_size=3).map("".join)
payloads = st.dictionaries(texts, values, max_size=4)


@exhaustive
@given(names, names, names, st.integers(1, 5), st.integers(1, 2**40), payloads)
def test_spell_entry_is_canonical_entry_over_the_payloads_canonical_text(
    actor: str, command: str, kind: str, version: int, sequence: int, payload: dict[str, Any]
) -> None:
    try:
        text = canonical_json(payload).decode("utf-8")
    except ValueError:
        return
    at = "2024-03-01T12:00:00.5Z"
    spelled = spell_entry(sequence, at, actor, command, kind, version, text)
    if spelled is not None:
        new = NewEntry(at, actor, command, kind, version, parse_json(text))
        assert spelled == canonical_entry(sequence, new)
    else:  # only a field that JSON escapes is left to canonical_entry
        assert any(c in '"\\' or c < " " for c in actor + command + kind)


class Kind(enum.StrEnum):
    APPOINT = "appoint"


class Level(enum.IntEnum):
    HIGH = 3


# Values the compiled encoder must leave to RFC 8785: tuples, non-string keys, enums.
odd = st.sampled_from([(1, "a"), (), Kind.APPOINT, Level.HIGH, True, 0, -0.0])
odd_keys = st.sampled_from([1, True, None, 1.5, Kind.APPOINT])
any_values = st.recursive(
    st.none() | st.booleans() | numbers | texts | odd,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(texts, inner, max_size=4)
        | st.dictionaries(texts | odd_keys, inner, max_size=3)
    ),
    max_leaves=10,
)


def rfc8785_spells(value: Any) -> bytes | type[Exception]:
    try:
        return rfc8785.dumps(value)
    except Exception as error:  # the kind of refusal is what is compared
        return type(error)


@settings(deadline=None, max_examples=1000)
@given(any_values)
def test_canonical_json_spells_and_refuses_exactly_as_rfc8785(value: Any) -> None:
    try:
        ours: bytes | type[Exception] = canonical_json(value)
    except Exception as error:
        ours = type(error)
    assert ours == rfc8785_spells(value)


def test_canonical_json_leaves_to_rfc8785_what_the_compiled_encoder_spells_otherwise() -> None:
    for value in [
        {"a": 1.0},
        {"a": 1e-7},
        {1: "a"},
        {"a": 2**60},
        {"\uffff": 1, "\U0001f600": 2},
        {"a": "\ud800"},
        {"a": (1, 2)},
        {"a": float("nan")},
    ]:
        assert _quick_canonical(value) is None, value
    assert _quick_canonical({"b": [1, None, True], "a": "é\x1f"}) == rfc8785.dumps(
        {"b": [1, None, True], "a": "é\x1f"}
    )
