"""Persistent maps for the state: one event changes one entry without copying the rest.

The state keeps every growing collection in an `immutables.Map` (a hash array mapped trie):
`put` returns a new map sharing all but O(log n) of the old one, so folding an event costs
the same on a young union and on a century of records. Plain dicts given by callers (tests,
older code) are converted once, on their first change.

A large map loaded from a stored snapshot is a `LazyMap`: its entries stay where they are
stored (a `Shelf`, which the storage layer provides) and are read a part at a time when a
key is asked for; the changes folded since the snapshot are kept in memory beside them. A
process then pays for the keys a command looks up, not for the whole history (issue: the
first write of a new process). To the rules it is a mapping like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

from immutables import Map

__all__ = ["MISSING", "LazyMap", "Map", "Shelf", "as_map", "put", "put_all", "without"]

K = TypeVar("K")
V = TypeVar("V")


class _Missing:
    """What a shelf answers for a key it does not hold."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Shelf(Protocol):
    """Stored entries of a map, read on demand (see the module's docstring)."""

    def lookup(self, key: Any) -> Any:
        """The value stored for `key`, or `MISSING`."""
        ...

    def items(self) -> Iterator[tuple[Any, Any]]:
        """Every stored entry, each key once."""
        ...


class LazyMap(Mapping[K, V]):
    """A persistent map whose older entries stay on a `Shelf` until asked for.

    ``changes`` holds what was set since the shelf was written, ``removed`` what was
    deleted; ``size`` is the number of keys. Like `Map`, it is never changed in place:
    `set` and `delete` return a new one (`rebase` aside, which changes where the entries
    are kept, never which they are).
    """

    __slots__ = ("changes", "removed", "shelf", "size")

    def __init__(
        self,
        shelf: Shelf,
        size: int,
        changes: Map[K, V] | None = None,
        removed: Map[K, None] | None = None,
    ) -> None:
        self.shelf = shelf
        self.size = size
        self.changes: Map[K, V] = changes if changes is not None else Map()
        self.removed: Map[K, None] = removed if removed is not None else Map()

    def _stored(self, key: Any) -> Any:
        if key in self.removed:
            return MISSING
        return self.shelf.lookup(key)

    def __getitem__(self, key: K) -> V:
        if key in self.changes:
            return self.changes[key]
        value = self._stored(key)
        if value is MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return key in self.changes or self._stored(key) is not MISSING

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[K]:
        for key, _ in self.shelf.items():
            if key not in self.changes and key not in self.removed:
                yield key
        yield from self.changes

    def items(self) -> Iterator[tuple[K, V]]:  # type: ignore[override]
        for key, value in self.shelf.items():
            if key not in self.changes and key not in self.removed:
                yield key, value
        yield from self.changes.items()

    def values(self) -> Iterator[V]:  # type: ignore[override]
        return (value for _, value in self.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(self) == len(other) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyMap({self.size} entries, {len(self.changes)} changed since stored)"

    def __reduce__(self) -> Any:
        # Only a snapshot's pickler (which stores the shelf) may write one out.
        raise TypeError("a LazyMap is pickled only by the snapshot store")

    def set(self, key: K, value: V) -> LazyMap[K, V]:
        grows = key not in self
        return LazyMap(
            self.shelf,
            self.size + grows,
            self.changes.set(key, value),
            self.removed.delete(key) if key in self.removed else self.removed,
        )

    def delete(self, key: K) -> LazyMap[K, V]:
        if key not in self:
            return self
        changes = self.changes.delete(key) if key in self.changes else self.changes
        removed = self.removed.set(key, None) if self._stored(key) is not MISSING else self.removed
        return LazyMap(self.shelf, self.size - 1, changes, removed)

    def rebase(self, shelf: Shelf) -> None:
        """Keep the entries on `shelf` from now on: it must hold exactly this map's entries
        (a snapshot of it just stored). The map's content does not change."""
        self.shelf = shelf
        self.changes = Map()
        self.removed = Map()


def as_map(mapping: Mapping[K, V]) -> Map[K, V]:
    """The mapping as a persistent map (itself when it already is one)."""
    return mapping if isinstance(mapping, Map) else Map(mapping)


def put(mapping: Mapping[K, V], key: K, value: V) -> Mapping[K, V]:
    """The mapping with one key set."""
    if isinstance(mapping, LazyMap):
        return mapping.set(key, value)
    return as_map(mapping).set(key, value)


def put_all(mapping: Mapping[K, V], items: Iterable[tuple[K, V]]) -> Mapping[K, V]:
    """The mapping with several keys set, in one pass."""
    if isinstance(mapping, LazyMap):
        result: LazyMap[K, V] = mapping
        for key, value in items:
            result = result.set(key, value)
        return result
    with as_map(mapping).mutate() as changed:
        for key, value in items:
            changed[key] = value
        done: Map[K, V] = changed.finish()
    return done


def without(mapping: Mapping[K, V], key: K) -> Mapping[K, V]:
    """The mapping without a key (the same when the key is absent)."""
    if isinstance(mapping, LazyMap):
        return mapping.delete(key)
    current = as_map(mapping)
    return current.delete(key) if key in current else current
