"""A Bloom filter of keys: a set that answers "not here" for certain and "maybe" for the
rest, in `FILTER_BITS` bits a key with `FILTER_HASHES` hashes a key (about one false
"maybe" in a hundred), by double hashing over BLAKE2b of the key's ``repr``, which is the
same in every process.

It knows nothing of snapshots or SQL, and is tested on its own
(`tests/store/test_bloom.py`). Its one user is `isonomia.store.state_levels`, which keeps
a filter of each level's keys: most keys a write asks about are new (its own command id, a
person appointed for the first time), and the filter answers "not here" for them without a
read of the level.
"""

from __future__ import annotations

import hashlib
from typing import Any

__all__ = ["FILTER_BITS", "FILTER_HASHES", "make_filter", "may_hold"]

FILTER_BITS = 10
FILTER_HASHES = 7
_MASK = (1 << 64) - 1


def _hashes(key: Any) -> tuple[int, int]:
    digest = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).digest()
    return int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little") | 1


def make_filter(keys: list[Any]) -> bytes:
    """A Bloom filter of the keys (double hashing, as `may_hold` reads it)."""
    bits = max(64, len(keys) * FILTER_BITS + 7) // 8 * 8
    if not keys:
        return bytes(bits // 8)
    import numpy as np  # only a write builds a filter; a read never loads numpy

    raw = np.frombuffer(
        b"".join(hashlib.blake2b(repr(k).encode("utf-8"), digest_size=16).digest() for k in keys),
        dtype="<u8",
    ).reshape(-1, 2)
    first, step = raw[:, 0], raw[:, 1] | np.uint64(1)
    rounds = np.arange(FILTER_HASHES, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64, as in `may_hold`
        positions = (first[:, None] + rounds[None, :] * step[:, None]) % np.uint64(bits)
    marked = np.zeros(bits, dtype=bool)
    marked[positions.ravel()] = True
    return np.packbits(marked, bitorder="little").tobytes()


def may_hold(bloom: bytes, key: Any) -> bool:
    """False when the filter shows the key was never put in it."""
    bits = len(bloom) * 8
    first, step = _hashes(key)
    for round_ in range(FILTER_HASHES):
        position = ((first + round_ * step) & _MASK) % bits
        if not bloom[position >> 3] >> (position & 7) & 1:
            return False
    return True
