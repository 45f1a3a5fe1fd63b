"""Persistent maps for the state: one event changes one entry without copying the rest.

The state keeps every growing collection in an `immutables.Map` (a hash array mapped trie):
`put` returns a new map sharing all but O(log n) of the old one, so folding an event costs
the same on a young union and on a century of records. Plain dicts given by callers (tests,
older code) are converted once, on their first change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from immutables import Map

__all__ = ["Map", "as_map", "put", "put_all", "without"]

K = TypeVar("K")
V = TypeVar("V")


def as_map(mapping: Mapping[K, V]) -> Map[K, V]:
    """The mapping as a persistent map (itself when it already is one)."""
    return mapping if isinstance(mapping, Map) else Map(mapping)


def put(mapping: Mapping[K, V], key: K, value: V) -> Map[K, V]:
    """The mapping with one key set."""
    return as_map(mapping).set(key, value)


def put_all(mapping: Mapping[K, V], items: Iterable[tuple[K, V]]) -> Map[K, V]:
    """The mapping with several keys set, in one pass."""
    with as_map(mapping).mutate() as changed:
        for key, value in items:
            changed[key] = value
        result = changed.finish()
    return result


def without(mapping: Mapping[K, V], key: K) -> Map[K, V]:
    """The mapping without a key (the same when the key is absent)."""
    current = as_map(mapping)
    return current.delete(key) if key in current else current
