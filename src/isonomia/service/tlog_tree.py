"""The transparency log's stored tree (P18): kept up with the ledger, never trusted blindly.

The tree's nodes are stored beside the ledger (``store.merkle_nodes``) so a checkpoint and
a proof read O(log n) of them. They are derived data, so:

- ``catch_up`` stores the nodes of entries appended while they were not kept;
- ``extending_root`` signs nothing the last checkpoint does not extend;
- ``verify_nodes`` recomputes every node from the entries (``isonomia ledger verify``);
- ``audit`` names the exact first entry a kept checkpoint no longer matches: it hashes
  every entry once, then walks down from the signed root, trusting a pair of stored nodes
  only when they hash to a root already trusted, and goes to the side where the entries'
  hash differs (O(log n) comparisons). Where the stored nodes do not authenticate, the
  signed checkpoints stored beside the ledger bound the entry instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from isonomia.domain import actors
from isonomia.ledger.chain import Entry
from isonomia.ledger.keys import parse_public_key
from isonomia.ledger.merkle import (
    MerkleProofError,
    MerkleTree,
    node_hash,
    verify_consistency,
)
from isonomia.ledger.notes import (
    ED25519,
    Checkpoint,
    NoteError,
    NoteVerificationError,
    VerifierKey,
    parse_note,
    verify_checkpoint,
)
from isonomia.rules.record import log_origin
from isonomia.service.errors import BadRequest
from isonomia.store import checkpoints, ledger_store, merkle_nodes

if TYPE_CHECKING:
    from isonomia.service.federation import Federation

__all__ = [
    "audit",
    "catch_up",
    "extending_root",
    "verify_checkpoints",
    "verify_nodes",
]


def catch_up(conn: Any) -> int:
    """Store the tree's nodes for entries appended while they were not kept (a record from
    before the table, or written by another program); the ledger's size."""
    size = merkle_nodes.stored_size(conn)
    top = ledger_store.head(conn)[0]
    if size > top:
        raise BadRequest(
            f"the stored Merkle tree covers {size} entries but the ledger holds {top}: "
            "run `isonomia ledger verify`"
        )
    grown = merkle_nodes.frontier(conn, size)
    if grown is None:
        raise BadRequest("the stored Merkle tree lacks nodes: run `isonomia ledger verify`")
    batch: list[Entry] = []
    for entry in ledger_store.read_entries(conn, after=size):
        batch.append(entry)
        if len(batch) == 1000:
            merkle_nodes.add(conn, grown, batch)
            batch = []
    merkle_nodes.add(conn, grown, batch)
    return top


def extending_root(conn: Any, size: int) -> bytes:
    """The stored tree's root at ``size``, once it is shown to extend the last checkpoint
    (so a changed node table is not signed over)."""
    tree = merkle_nodes.StoredTree(conn, size)
    try:
        root = tree.root()
        last = checkpoints.latest_checkpoint(conn)
        if last is not None and last.size < size:
            proof = tree.consistency_proof(last.size, size)
            verify_consistency(last.size, size, bytes.fromhex(last.root), root, proof)
    except (LookupError, MerkleProofError) as error:
        raise BadRequest(
            f"refused (P18): the stored Merkle tree does not extend the last checkpoint "
            f"({error}): run `isonomia ledger verify`"
        ) from None
    return root


def verify_nodes(federation: Federation, progress: Callable[[int], None] | None) -> str | None:
    """Recompute every stored node from the entries it covers: None, or the first wrong."""
    with federation.db.plain_reading() as conn:
        return merkle_nodes.check(conn, merkle_nodes.stored_size(conn), progress)


def verify_checkpoints(federation: Federation) -> str | None:
    """Check every stored checkpoint against the tree (run after `verify_nodes`): its root
    is the stored tree's at its size, and its note is signed by a key the record registered
    for the log. None, or one line naming the first that is not."""
    state = federation.state()
    origin = log_origin(state.charter.union.id if state.charter else "")
    keys = [
        VerifierKey(origin, ED25519, _raw(state.keys[k].public_key))
        for k in state.keys_by_principal.get(actors.LOG, ())
    ]
    with federation.db.plain_reading() as conn:
        size = merkle_nodes.stored_size(conn)
        tree = merkle_nodes.StoredTree(conn, size)
        for stored in checkpoints.checkpoints_between(conn, 1, size):
            if tree.root(stored.size).hex() != stored.root:
                return f"the checkpoint of {stored.size} entries does not sign the record's tree"
            try:
                signed, _ = verify_checkpoint(parse_note(stored.note.encode()), keys)
            except (NoteError, NoteVerificationError) as error:
                return f"the checkpoint of {stored.size} entries: {error}"
            if signed.size != stored.size or signed.root_hash.hex() != stored.root:
                return f"the checkpoint of {stored.size} entries signs another tree"
        beyond = checkpoints.checkpoints_between(conn, size + 1, ledger_store.MAX_SEQUENCE)
        if beyond:
            return f"a checkpoint of {beyond[0].size} entries is stored; the record holds {size}"
    return None


def _raw(public_key: str) -> bytes:
    return parse_public_key(public_key).public_bytes(Encoding.Raw, PublicFormat.Raw)


def audit(federation: Federation, signed: Checkpoint, keys: list[VerifierKey]) -> str | None:
    """None when the entries still make the tree ``signed`` signs; else one line naming the
    first entry that differs (see the module's docstring)."""
    with federation.db.plain_reading() as conn:
        computed = MerkleTree(
            merkle_nodes.leaf_hash(entry) for entry in ledger_store.read_entries(conn)
        )
        if computed.size >= signed.size and computed.root(signed.size) == signed.root_hash:
            return None
        stored = merkle_nodes.StoredTree(conn, merkle_nodes.stored_size(conn))
        found = _descend(computed, stored, signed.size, signed.root_hash)
        low, high = (
            (found, found + 1) if found is not None else _bracket(conn, computed, signed, keys)
        )
    if high == low + 1 and high > computed.size:
        return (
            f"the record holds {computed.size} entries but the checkpoint signed "
            f"{signed.size}: entry {high} and after are gone"
        )
    where = f"entry {high}" if high == low + 1 else f"an entry from {low + 1} to {high}"
    return (
        f"the record no longer holds the tree checkpoint {signed.size} signed: "
        f"the first entry that differs is {where}"
    )


def _range(tree: MerkleTree, start: int, end: int) -> bytes | None:
    return tree.range_hashes([(start, end)])[0] if end <= tree.size else None


def _descend(
    computed: MerkleTree, stored: merkle_nodes.StoredTree, size: int, root: bytes
) -> int | None:
    """The index of the first leaf where ``computed`` leaves the tree of ``size`` leaves
    whose root is ``root``, walking down through stored nodes that hash to a trusted
    parent; None when the stored nodes do not authenticate."""
    start, end, trusted = 0, size, root
    while end - start > 1:
        k = 1 << ((end - start - 1).bit_length() - 1)
        try:
            left, right = stored.range_hashes([(start, start + k), (start + k, end)])
        except LookupError:
            return None
        if node_hash(left, right) != trusted:
            return None
        if _range(computed, start, start + k) != left:
            end, trusted = start + k, left
        else:
            start, trusted = start + k, right
    return start


def _bracket(
    conn: Any, computed: MerkleTree, signed: Checkpoint, keys: list[VerifierKey]
) -> tuple[int, int]:
    """Bounds on the first differing entry from the signed checkpoints stored beside the
    ledger: those the entries still match bound it from below, the others from above."""
    low, high = 0, min(signed.size, computed.size + 1)
    for stored in checkpoints.checkpoints_between(conn, 1, signed.size):
        try:
            checkpoint = verify_checkpoint(parse_note(stored.note.encode()), keys)[0]
        except (NoteError, NoteVerificationError):
            continue
        if _range(computed, 0, checkpoint.size) == checkpoint.root_hash:
            low = max(low, checkpoint.size)
        else:
            high = min(high, checkpoint.size)
    return low, high
