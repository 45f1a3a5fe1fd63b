"""RFC 9162 §2.1 Merkle trees: the implementation against the RFC's own recursive
definitions (written out naively here), against pymerkle, and under tampering."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymerkle import InmemoryTree

from isonomia.ledger.merkle import (
    EMPTY_ROOT,
    Frontier,
    MerkleProofError,
    MerkleTree,
    frontier_keys,
    leaf_hash,
    node_hash,
    verify_consistency,
    verify_inclusion,
)

# --- RFC 9162 §2.1, transcribed as directly as possible -------------------------------


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def rfc_mth(d: list[bytes]) -> bytes:
    if not d:
        return hashlib.sha256(b"").digest()
    if len(d) == 1:
        return hashlib.sha256(b"\x00" + d[0]).digest()
    k = _k(len(d))
    return hashlib.sha256(b"\x01" + rfc_mth(d[:k]) + rfc_mth(d[k:])).digest()


def rfc_path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _k(len(d))
    if m < k:
        return [*rfc_path(m, d[:k]), rfc_mth(d[k:])]
    return [*rfc_path(m - k, d[k:]), rfc_mth(d[:k])]


def rfc_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [rfc_mth(d)]
    k = _k(len(d))
    if m <= k:
        return [*rfc_subproof(m, d[:k], b), rfc_mth(d[k:])]
    return [*rfc_subproof(m - k, d[k:], False), rfc_mth(d[:k])]


def entries(n: int) -> list[bytes]:
    return [f'{{"sequence":{i},"payload":"{"x" * (i % 7)}"}}'.encode() for i in range(n)]


# --- agreement with the definitions ---------------------------------------------------


def test_hashes_follow_the_rfc_prefixes() -> None:
    assert leaf_hash(b"abc") == hashlib.sha256(b"\x00abc").digest()
    assert (
        node_hash(b"a" * 32, b"b" * 32) == hashlib.sha256(b"\x01" + b"a" * 32 + b"b" * 32).digest()
    )
    assert MerkleTree().root() == EMPTY_ROOT == hashlib.sha256().digest()


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=300))
def test_roots_at_every_size_equal_the_rfc_mth(n: int) -> None:
    d = entries(n)
    tree = MerkleTree.from_entries(d)
    for size in range(n + 1):
        assert tree.root(size) == rfc_mth(d[:size])


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=300))
def test_inclusion_proofs_equal_the_rfc_path_and_verify(n: int) -> None:
    d = entries(n)
    tree = MerkleTree.from_entries(d)
    root = tree.root()
    for m in range(n):
        proof = tree.inclusion_proof(m)
        assert proof == rfc_path(m, d)
        verify_inclusion(leaf_hash(d[m]), m, n, proof, root)


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.data())
def test_inclusion_proofs_at_older_sizes_verify_against_older_roots(
    n: int, data: st.DataObject
) -> None:
    d = entries(n)
    tree = MerkleTree.from_entries(d)
    size = data.draw(st.integers(min_value=1, max_value=n))
    for m in range(size):
        proof = tree.inclusion_proof(m, size)
        assert proof == rfc_path(m, d[:size])
        verify_inclusion(leaf_hash(d[m]), m, size, proof, rfc_mth(d[:size]))


def test_consistency_proofs_equal_the_rfc_proof_for_all_pairs_up_to_64() -> None:
    d = entries(64)
    tree = MerkleTree.from_entries(d)
    for n in range(1, 65):
        for m in range(1, n + 1):
            proof = tree.consistency_proof(m, n)
            assert proof == rfc_subproof(m, d[:n], True)
            verify_consistency(m, n, tree.root(m), tree.root(n), proof)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=300))
def test_consistency_proofs_from_every_older_size_equal_the_rfc_proof_and_verify(n: int) -> None:
    d = entries(n)
    tree = MerkleTree.from_entries(d)
    new_root = rfc_mth(d)
    for m in range(1, n + 1):
        proof = tree.consistency_proof(m, n)
        assert proof == rfc_subproof(m, d, True)
        verify_consistency(m, n, rfc_mth(d[:m]), new_root, proof)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=300))
def test_roots_agree_with_pymerkle_an_independent_implementation(n: int) -> None:
    d = entries(n)
    other = InmemoryTree(algorithm="sha256")
    for entry in d:
        other.append_entry(entry)
    tree = MerkleTree.from_entries(d)
    for size in {1, n // 3 + 1, n // 2 + 1, n}:
        assert tree.root(size) == other.get_root(size)


def test_appending_one_leaf_at_a_time_gives_the_bulk_tree_and_the_frontier_root() -> None:
    d = entries(300)
    bulk = MerkleTree.from_entries(d)
    grown = MerkleTree()
    frontier = Frontier()
    for i, entry in enumerate(d):
        assert grown.append_entry(entry) == i
        frontier.append(leaf_hash(entry))
        assert grown.root() == frontier.root() == bulk.root(i + 1)
    assert frontier.size == grown.size == bulk.size == 300
    assert grown.inclusion_proof(77) == bulk.inclusion_proof(77)


# --- tampering ------------------------------------------------------------------------


def _tree_and_proof(n: int = 37, m: int = 12) -> tuple[list[bytes], MerkleTree, list[bytes]]:
    d = entries(n)
    tree = MerkleTree.from_entries(d)
    return d, tree, tree.inclusion_proof(m)


def test_inclusion_proof_fails_when_a_leaf_changes() -> None:
    _, tree, proof = _tree_and_proof()
    with pytest.raises(MerkleProofError, match="does not lead to the root"):
        verify_inclusion(leaf_hash(b"forged"), 12, 37, proof, tree.root())


def test_inclusion_proof_fails_at_a_wrong_index() -> None:
    d, tree, proof = _tree_and_proof()
    with pytest.raises(MerkleProofError):
        verify_inclusion(leaf_hash(d[12]), 13, 37, proof, tree.root())


def test_inclusion_proof_fails_for_a_wrong_size() -> None:
    # The size is bound by the signed checkpoint: sizes whose paths have the same shape
    # lead to the same root, so only sizes with another shape can be caught here.
    d, tree, proof = _tree_and_proof()
    for wrong_size in (13, 16, 20, 32, 65, 100):
        with pytest.raises(MerkleProofError):
            verify_inclusion(leaf_hash(d[12]), 12, wrong_size, proof, tree.root())
    with pytest.raises(MerkleProofError, match="outside"):
        verify_inclusion(leaf_hash(d[12]), 12, 12, proof, tree.root())


def test_inclusion_proof_fails_when_truncated_or_extended() -> None:
    d, tree, proof = _tree_and_proof()
    with pytest.raises(MerkleProofError, match="fewer"):
        verify_inclusion(leaf_hash(d[12]), 12, 37, proof[:-1], tree.root())
    with pytest.raises(MerkleProofError, match="more"):
        verify_inclusion(leaf_hash(d[12]), 12, 37, [*proof, proof[0]], tree.root())


def test_inclusion_proof_fails_when_a_proof_hash_changes() -> None:
    d, tree, proof = _tree_and_proof()
    for position in range(len(proof)):
        bad = list(proof)
        bad[position] = bytes(32)
        with pytest.raises(MerkleProofError):
            verify_inclusion(leaf_hash(d[12]), 12, 37, bad, tree.root())


def test_consistency_proof_fails_for_a_rewritten_history() -> None:
    d = entries(40)
    tree = MerkleTree.from_entries(d)
    rewritten = MerkleTree.from_entries([*d[:5], b"rewritten", *d[6:]])
    proof = rewritten.consistency_proof(10, 40)
    with pytest.raises(MerkleProofError, match="old root"):
        verify_consistency(10, 40, tree.root(10), rewritten.root(), proof)


def test_consistency_proof_fails_when_truncated_or_sizes_are_wrong() -> None:
    tree = MerkleTree.from_entries(entries(40))
    proof = tree.consistency_proof(10, 40)
    old, new = tree.root(10), tree.root(40)
    with pytest.raises(MerkleProofError, match="fewer"):
        verify_consistency(10, 40, old, new, proof[:-1])
    with pytest.raises(MerkleProofError):
        verify_consistency(11, 40, old, new, proof)
    with pytest.raises(MerkleProofError, match="cannot extend"):
        verify_consistency(41, 40, old, new, proof)
    with pytest.raises(MerkleProofError, match="is empty"):
        verify_consistency(10, 40, old, new, [])


def test_consistency_between_equal_sizes_and_from_empty_needs_an_empty_proof() -> None:
    tree = MerkleTree.from_entries(entries(9))
    verify_consistency(9, 9, tree.root(), tree.root(), [])
    verify_consistency(0, 9, EMPTY_ROOT, tree.root(), [])
    with pytest.raises(MerkleProofError, match="two different roots"):
        verify_consistency(9, 9, tree.root(8), tree.root(), [])
    with pytest.raises(MerkleProofError, match="must be empty"):
        verify_consistency(9, 9, tree.root(), tree.root(), [tree.root()])


def test_proofs_refuse_hashes_of_the_wrong_length() -> None:
    d, tree, proof = _tree_and_proof()
    with pytest.raises(MerkleProofError, match="not 32"):
        verify_inclusion(leaf_hash(d[12]), 12, 37, [*proof[:-1], b"short"], tree.root())
    with pytest.raises(MerkleProofError, match="not 32"):
        MerkleTree([b"short"])


def test_tree_refuses_sizes_and_indexes_outside_it() -> None:
    tree = MerkleTree.from_entries(entries(5))
    with pytest.raises(ValueError):
        tree.root(6)
    with pytest.raises(IndexError):
        tree.inclusion_proof(5)
    with pytest.raises(ValueError):
        tree.consistency_proof(6, 5)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=60))
def test_a_frontier_rebuilt_from_stored_nodes_completes_the_same_subtrees(
    size: int, more: int
) -> None:
    d = entries(size + more)
    tree = MerkleTree.from_entries(d)
    keys = frontier_keys(size)
    frontier = Frontier.from_nodes(size, [tree.subtree(h, i) for h, i in keys])
    assert frontier.root() == tree.root(size)
    for n in range(size, size + more):
        for height, position, digest in frontier.append(leaf_hash(d[n])):
            assert tree.subtree(height, position) == digest
            assert (position + 1) << height == n + 1
    assert frontier.root() == tree.root()
