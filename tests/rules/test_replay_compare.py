"""Replay compares a stored payload with a derived one as their canonical JSON would
(RFC 8785): the fast comparison agrees with the encoder on every JSON value."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.ledger.canonical import canonical_json
from isonomia.rules.replay import same_json

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53) + 1, 2**53 - 1),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=6),
    st.sampled_from([0, 1, 0.0, 1.0, -0.0, True, False, 2.5]),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(a=JSON, b=JSON)
def test_p18_replay_compares_payloads_exactly_as_their_canonical_json(a: Any, b: Any) -> None:
    assert same_json(a, b) == (canonical_json(a) == canonical_json(b))


@settings(max_examples=300, deadline=None)
@given(a=JSON)
def test_p18_a_value_is_the_same_as_itself_and_true_is_never_one(a: Any) -> None:
    assert same_json(a, a)
    assert not same_json({"x": True}, {"x": 1})
    assert same_json({"x": 1.0}, {"x": 1})
