"""The Bloom filter of a state level never forgets a key it holds, and rarely says "maybe"
for one it does not: checked on keys of every shape a state's maps use."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from isonomia.store.bloom import make_filter, may_hold

state_keys = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.tuples(st.text(max_size=10), st.text(max_size=10), st.text(max_size=10)),
)


@given(st.lists(state_keys, max_size=300, unique=True))
def test_a_level_filter_holds_every_key_put_in_it(keys: list[object]) -> None:
    bloom = make_filter(keys)
    assert all(may_hold(bloom, key) for key in keys)


def test_a_level_filter_says_maybe_for_few_keys_it_does_not_hold() -> None:
    held = [f"command-{n}" for n in range(20_000)]
    bloom = make_filter(held)
    others = [f"other-{n}" for n in range(20_000)]
    false_maybes = sum(may_hold(bloom, key) for key in others)
    assert false_maybes / len(others) < 0.02  # about 1 % at 10 bits and 7 hashes a key


def test_an_empty_level_holds_nothing() -> None:
    assert not may_hold(make_filter([]), "anything")
