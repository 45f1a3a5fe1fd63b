"""The Merkle tree over ledger entries: RFC 9162 (Certificate Transparency 2.0), §2.1.

- Hashes (§2.1.1): a leaf is ``SHA-256(0x00 || entry bytes)``, an interior node is
  ``SHA-256(0x01 || left || right)``, the empty tree is ``SHA-256()``. The entry bytes are
  the canonical form of a ledger entry (``canonical_entry`` in ``chain``).
- Inclusion proofs (§2.1.3): generated as ``PATH(m, D[n])`` and checked with the
  algorithm of §2.1.3.2.
- Consistency proofs (§2.1.4): generated as ``PROOF(m, D[n])`` and checked with the
  algorithm of §2.1.4.2.

Two incremental structures: ``Frontier`` (the compact range ``[0, n)``: O(log n) memory,
appends in O(log n), gives the current root and the subtrees each append completes) for
anyone who only follows or stores the log, and ``SubtreeHashes``, roots at any size and
proofs from the hashes of aligned perfect subtrees in O(log n) lookups (plus O(log² n)
hashes at worst along the right edge): ``MerkleTree`` keeps them in memory, the store keeps
them in a table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Frontier",
    "MerkleProofError",
    "MerkleTree",
    "SubtreeHashes",
    "frontier_keys",
    "leaf_hash",
    "node_hash",
    "perfect_parts",
    "root_from_inclusion_proof",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

_sha256 = hashlib.sha256


class MerkleProofError(ValueError):
    """A proof does not prove what it claims; the message says why."""


def leaf_hash(entry: bytes) -> bytes:
    """``SHA-256(0x00 || entry)``: the hash of one leaf (RFC 9162 §2.1.1)."""
    return _sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``: the hash of an interior node (RFC 9162 §2.1.1)."""
    return _sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (``n >= 2``): where §2.1.1 splits."""
    return 1 << ((n - 1).bit_length() - 1)


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise MerkleProofError(f"{what} is {len(value)} bytes, not {HASH_SIZE}")


def root_from_inclusion_proof(leaf: bytes, index: int, size: int, proof: Sequence[bytes]) -> bytes:
    """The root that ``proof`` leads to from the leaf hash ``leaf`` at ``index`` in a tree of
    ``size`` leaves: steps 1-4 of RFC 9162 §2.1.3.2. Raises ``MerkleProofError`` if the
    proof cannot fit that index and size."""
    if index < 0 or index >= size:
        raise MerkleProofError(f"index {index} is outside a tree of {size} leaves")
    _check_hash(leaf, "the leaf hash")
    fn, sn, r = index, size - 1, leaf
    for position, p in enumerate(proof):
        _check_hash(p, f"proof hash {position}")
        if sn == 0:
            raise MerkleProofError(
                f"the proof has {len(proof)} hashes, more than index {index} "
                f"in a tree of {size} leaves needs"
            )
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise MerkleProofError(
            f"the proof has {len(proof)} hashes, fewer than index {index} "
            f"in a tree of {size} leaves needs"
        )
    return r


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that the leaf hash ``leaf`` sits at ``index`` in the tree of ``size`` leaves
    whose root is ``root`` (RFC 9162 §2.1.3.2). Raises ``MerkleProofError`` if not."""
    _check_hash(root, "the root hash")
    if root_from_inclusion_proof(leaf, index, size, proof) != root:
        raise MerkleProofError(
            f"the inclusion proof for index {index} does not lead to the root of size {size}"
        )


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Check that the tree of ``new_size`` leaves with root ``new_root`` extends the tree of
    ``old_size`` leaves with root ``old_root`` (RFC 9162 §2.1.4.2). Raises
    ``MerkleProofError`` if not.

    §2.1.4.2 covers ``0 < old_size < new_size``. Equal sizes are consistent exactly when the
    roots are equal, and every tree extends the empty one; both take an empty proof.
    """
    _check_hash(old_root, "the old root hash")
    _check_hash(new_root, "the new root hash")
    if old_size < 0 or old_size > new_size:
        raise MerkleProofError(f"a tree of {new_size} leaves cannot extend one of {old_size}")
    if old_size == 0 or old_size == new_size:
        if proof:
            raise MerkleProofError(f"the proof from size {old_size} to {new_size} must be empty")
        if old_size == 0 and old_root != EMPTY_ROOT:
            raise MerkleProofError("the old root is not the root of the empty tree")
        if old_size == new_size and old_root != new_root:
            raise MerkleProofError(f"two different roots for the same size {old_size}")
        return
    for position, c in enumerate(proof):
        _check_hash(c, f"proof hash {position}")
    if not proof:
        raise MerkleProofError(f"the proof from size {old_size} to {new_size} is empty")
    fr, sr = _consistency_roots(old_size, new_size, old_root, proof)
    if fr != old_root:
        raise MerkleProofError(f"the consistency proof does not lead to the old root ({old_size})")
    if sr != new_root:
        raise MerkleProofError(f"the consistency proof does not lead to the new root ({new_size})")


def _consistency_roots(
    old_size: int, new_size: int, old_root: bytes, proof: Sequence[bytes]
) -> tuple[bytes, bytes]:
    """Steps 2-6 of RFC 9162 §2.1.4.2: the old and new roots that ``proof`` leads to."""
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise MerkleProofError(
                f"the proof has more hashes than size {old_size} to {new_size} needs"
            )
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise MerkleProofError(
            f"the proof has fewer hashes than size {old_size} to {new_size} needs"
        )
    return fr, sr


def perfect_parts(start: int, end: int) -> list[tuple[int, int]]:
    """The aligned perfect subtrees, as ``(height, position)``, whose hashes make up
    ``MTH(D[start:end])`` for a range RFC 9162's recursion produces, left to right."""
    parts: list[tuple[int, int]] = []
    while end > start:
        n = end - start
        if n & (n - 1) == 0:
            height = n.bit_length() - 1
            parts.append((height, start >> height))
            break
        k = _split(n)
        height = k.bit_length() - 1
        parts.append((height, start >> height))
        start += k
    return parts


def frontier_keys(size: int) -> list[tuple[int, int]]:
    """The perfect subtrees ``(height, position)`` that make up the tree of ``size`` leaves,
    largest first: one per set bit of ``size`` (the compact range ``[0, size)``)."""
    return perfect_parts(0, size)


class Frontier:
    """The compact range ``[0, n)``: the roots of the perfect subtrees that make up the tree,
    largest first (one per set bit of ``n``). Appending is O(log n); so is the root."""

    def __init__(self) -> None:
        self._size = 0
        self._nodes: list[bytes] = []

    @classmethod
    def from_nodes(cls, size: int, nodes: Sequence[bytes]) -> Frontier:
        """The frontier of ``size`` leaves from its subtree hashes (``frontier_keys`` order)."""
        if len(nodes) != len(frontier_keys(size)):
            raise ValueError(f"a tree of {size} leaves has {size.bit_count()} frontier nodes")
        for position, h in enumerate(nodes):
            _check_hash(h, f"frontier hash {position}")
        frontier = cls()
        frontier._size = size
        frontier._nodes = list(nodes)
        return frontier

    @property
    def size(self) -> int:
        return self._size

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add the leaf hash ``leaf`` (see ``leaf_hash``) at index ``size``; returns every
        subtree it completes, as ``(height, position, hash)``, the leaf first."""
        _check_hash(leaf, "a leaf hash")
        node = leaf
        index = self._size
        made = [(0, index, leaf)]
        height = 0
        while index & 1:  # each trailing 1 bit is a complete subtree to merge with
            node = node_hash(self._nodes.pop(), node)
            index >>= 1
            height += 1
            made.append((height, index, node))
        self._nodes.append(node)
        self._size += 1
        return made

    def root(self) -> bytes:
        """The root of the tree of ``size`` leaves (RFC 9162 §2.1.1 MTH)."""
        if not self._nodes:
            return EMPTY_ROOT
        acc = self._nodes[-1]
        for node in reversed(self._nodes[:-1]):
            acc = node_hash(node, acc)
        return acc


class SubtreeHashes:
    """Roots and proofs of a log from the hashes of its aligned perfect subtrees.

    ``subtree(h, i)`` is the hash of leaves ``[i·2^h, (i+1)·2^h)``. Every range that RFC
    9162's recursion takes the left side of is such a subtree, so a root at any size and
    every proof take O(log n) of them (the right edge is hashed on demand). Before a proof
    is computed, ``prefetch`` hears every subtree it needs, so a store can read them in one
    query.
    """

    @property
    def size(self) -> int:
        raise NotImplementedError

    def subtree(self, height: int, position: int) -> bytes:
        raise NotImplementedError

    def prefetch(self, keys: Sequence[tuple[int, int]]) -> None:
        """Hear the subtrees about to be read (nothing to do for a tree in memory)."""

    def root(self, size: int | None = None) -> bytes:
        """The root of the first ``size`` leaves (default: all of them)."""
        size = self._size_or_all(size)
        return EMPTY_ROOT if size == 0 else self.range_hashes([(0, size)])[0]

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """``PATH(index, D[size])`` of RFC 9162 §2.1.3.1: sibling hashes, leaf upwards."""
        size = self._size_or_all(size)
        self._check_index(index, size)
        ranges: list[tuple[int, int]] = []
        start, end = 0, size
        while end - start > 1:
            k = _split(end - start)
            if index < start + k:
                ranges.append((start + k, end))
                end = start + k
            else:
                ranges.append((start, start + k))
                start += k
        ranges.reverse()
        return self.range_hashes(ranges)

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> list[bytes]:
        """``PROOF(old_size, D[new_size])`` of RFC 9162 §2.1.4.1 (empty when either tree is
        empty or the sizes are equal)."""
        new_size = self._size_or_all(new_size)
        if old_size < 0 or old_size > new_size:
            raise ValueError(f"no consistency proof from size {old_size} to {new_size}")
        if old_size in (0, new_size):
            return []
        ranges: list[tuple[int, int]] = []
        start, end, whole = 0, new_size, True
        m = old_size
        while m != end - start:
            k = _split(end - start)
            if m <= k:
                ranges.append((start + k, end))
                end = start + k
            else:
                ranges.append((start, start + k))
                m -= k
                start += k
                whole = False
        if not whole:
            ranges.append((start, end))
        ranges.reverse()
        return self.range_hashes(ranges)

    def range_hashes(self, ranges: Sequence[tuple[int, int]]) -> list[bytes]:
        """MTH of each range ``[start, end)`` of RFC 9162's recursion (prefetched at once)."""
        self.prefetch([key for start, end in ranges for key in perfect_parts(start, end)])
        result = []
        for start, end in ranges:
            parts = [self.subtree(h, i) for h, i in perfect_parts(start, end)]
            acc = parts[-1]
            for part in reversed(parts[:-1]):
                acc = node_hash(part, acc)
            result.append(acc)
        return result

    def _size_or_all(self, size: int | None) -> int:
        if size is None:
            return self.size
        if size < 0 or size > self.size:
            raise ValueError(f"size {size} is outside 0..{self.size}")
        return size

    @staticmethod
    def _check_index(index: int, size: int) -> None:
        if index < 0 or index >= size:
            raise IndexError(f"index {index} is outside a tree of {size} leaves")


class MerkleTree(SubtreeHashes):
    """Every complete subtree hash of the log, level by level, in memory.

    ``levels[h][i]`` is ``subtree(h, i)``. For n leaves it holds about 2n hashes.
    """

    def __init__(self, leaf_hashes: Iterable[bytes] = ()) -> None:
        self._levels: list[list[bytes]] = [[]]
        level = list(leaf_hashes)
        for position, h in enumerate(level):
            _check_hash(h, f"leaf hash {position}")
        self._levels[0] = level
        while len(level) > 1:
            level = [
                _sha256(b"\x01" + left + right).digest()
                for left, right in zip(level[0::2], level[1::2], strict=False)
            ]
            self._levels.append(level)

    @classmethod
    def from_entries(cls, entries: Iterable[bytes]) -> MerkleTree:
        """The tree whose leaves are ``entries`` (their canonical bytes), in order."""
        return cls(_sha256(b"\x00" + entry).digest() for entry in entries)

    @property
    def size(self) -> int:
        return len(self._levels[0])

    def subtree(self, height: int, position: int) -> bytes:
        return self._levels[height][position]

    def append(self, leaf: bytes) -> int:
        """Add the leaf hash ``leaf`` and return its index. O(log n)."""
        _check_hash(leaf, "a leaf hash")
        levels = self._levels
        index = len(levels[0])
        levels[0].append(leaf)
        height = 0
        while index & 1:
            level = levels[height]
            node = node_hash(level[index - 1], level[index])
            height += 1
            index >>= 1
            if height == len(levels):
                levels.append([])
            levels[height].append(node)
        return len(levels[0]) - 1

    def append_entry(self, entry: bytes) -> int:
        """Add the leaf for ``entry`` (its canonical bytes) and return its index."""
        return self.append(leaf_hash(entry))
