"""A `LazyMap` is the mapping its shelf and its changes make: checked against a dict."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from isonomia.domain.persistent import MISSING, LazyMap, Map, put, put_all, without


class DictShelf:
    """A shelf over a plain dict that counts its lookups."""

    def __init__(self, stored: dict[Any, Any]) -> None:
        self.stored = stored
        self.lookups = 0

    def lookup(self, key: Any) -> Any:
        self.lookups += 1
        return self.stored.get(key, MISSING)

    def items(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.stored.items())


keys = st.integers(0, 30)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("set"), keys, st.integers()),
        st.tuples(st.just("delete"), keys, st.none()),
    ),
    max_size=60,
)


@given(st.dictionaries(keys, st.integers()), operations)
def test_a_lazy_map_after_any_changes_equals_the_same_changes_to_a_dict(
    stored: dict[int, int], changes: list[tuple[str, int, int | None]]
) -> None:
    lazy: Any = LazyMap(DictShelf(dict(stored)), len(stored))
    model = dict(stored)
    for op, key, value in changes:
        if op == "set":
            lazy = put(lazy, key, value)
            model[key] = value
        else:
            lazy = without(lazy, key)
            model.pop(key, None)
    assert len(lazy) == len(model)
    assert dict(lazy.items()) == model
    assert sorted(lazy) == sorted(model)
    assert sorted(lazy.values()) == sorted(model.values())
    assert lazy == model and lazy == Map(model)
    for key in range(31):
        assert (key in lazy) == (key in model)
        assert lazy.get(key) == model.get(key)


def test_a_lazy_map_reads_its_shelf_only_for_the_keys_asked() -> None:
    shelf = DictShelf({n: n * n for n in range(1000)})
    lazy: Any = LazyMap(shelf, 1000)
    lazy = put_all(lazy, [(5000, 1), (7, 0)])
    assert lazy[12] == 144 and lazy[7] == 0 and 999 in lazy and 1001 not in lazy
    assert len(lazy) == 1001
    assert shelf.lookups <= 5


def test_a_lazy_map_is_never_changed_by_what_is_made_from_it() -> None:
    before: Any = LazyMap(DictShelf({1: "a"}), 1)
    after = without(put(before, 2, "b"), 1)
    assert dict(before.items()) == {1: "a"} and dict(after.items()) == {2: "b"}
