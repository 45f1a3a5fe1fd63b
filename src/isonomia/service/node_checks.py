"""What a member's node checks before it keeps an entry or accepts a checkpoint (P3, P18),
as findings: each names what is wrong, the entry or size, and the evidence to keep.

- ``chained``: the entry served follows the node's head and hashes to what the union says;
- ``not_derived``: an entry the replay could not re-derive (in this member's name, said so);
- ``note_root``: a checkpoint is the log's, of this log, and its root is the node's own
  tree's at its size (every entry it covers is one the node holds);
- ``not_extending``: a checkpoint is consistent with the last one the node accepted.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from isonomia.domain import FederationState
from isonomia.ledger.chain import GENESIS_HASH, Entry, NewEntry, link
from isonomia.ledger.merkle import MerkleProofError, verify_consistency
from isonomia.ledger.notes import NoteError, NoteVerificationError, parse_note, verify_checkpoint
from isonomia.service.transparency import log_keys, log_origin
from isonomia.store import merkle_nodes, node_records

__all__ = [
    "Finding",
    "chained",
    "not_derived",
    "not_extending",
    "note_root",
    "unproved_extension",
]


@dataclass(frozen=True)
class Finding:
    """An alarm to raise: its kind, the entry or size, one line, and the evidence."""

    kind: str
    sequence: int | None
    line: str
    evidence: Any


def chained(after: tuple[int, str], item: dict[str, Any]) -> Entry | Finding:
    """The entry ``item`` serves, chained after ``after``; or what is wrong with it."""
    sequence = item.get("sequence")
    if sequence != after[0] + 1:
        line = f"alarm (P18): the union's feed skips from entry {after[0]} to {sequence}"
        return Finding("gap", after[0] + 1, line, item)
    if item.get("sealed"):
        line = (
            f"alarm (P17, P18): entry {sequence} is sealed in the feed this node reads, so "
            "it cannot replay it (a member's council reads cases sealed at rest: --token)"
        )
        return Finding("sealed", sequence, line, item)
    try:
        new = NewEntry(
            recorded_at=str(item["recorded_at"]),
            actor=str(item["actor"]),
            command_id=str(item["command_id"]),
            event_type=str(item["event_type"]),
            schema_version=int(item["schema_version"]),
            payload=dict(item["payload"]),
        )
        [entry] = link(after[0], after[1] or GENESIS_HASH, [new])
    except (KeyError, TypeError, ValueError) as error:
        line = f"alarm (P18): entry {sequence} as served cannot be read ({error})"
        return Finding("chain", sequence, line, item)
    if entry.hash != item.get("hash") or entry.prev_hash != item.get("prev_hash"):
        line = f"alarm (P18): entry {sequence} does not hash to what the union says it does"
        return Finding("chain", sequence, line, item)
    return entry


def not_derived(sequence: int, why: str, item: dict[str, Any], member: str | None) -> Finding:
    """An entry the replay did not re-derive: said as one in ``member``'s name when its
    payload names the member (an act its council did not sign, P3)."""
    found = item.get("payload")
    payload: dict[str, Any] = found if isinstance(found, dict) else {}
    what = item.get("event_type")
    if member is not None and member in {v for v in payload.values() if isinstance(v, str)}:
        line = (
            f"alarm (P3, P18): entry {sequence} ({what}) is recorded in {member}'s name and "
            f"council:{member} did not sign it: {why}"
        )
        return Finding("in-our-name", sequence, line, item)
    line = f"alarm (P18): entry {sequence} ({what}) does not replay: {why}"
    return Finding("replay", sequence, line, item)


def note_root(
    conn: Connection, state: FederationState, held: int, text: str, size: int, source: str
) -> str | Finding:
    """The root (hex) of the checkpoint ``text`` of ``size`` entries from ``source``, when
    the log's key signed it and the node's own tree of ``held`` entries has that root."""
    try:
        checkpoint, _ = verify_checkpoint(parse_note(text.encode()), log_keys(state))
    except (NoteError, NoteVerificationError, ValueError) as error:
        line = (
            f"alarm (P18): a checkpoint of {size} entries from {source} does not verify "
            f"with the log's key ({error})"
        )
        return Finding("checkpoint", size, line, {"note": text, "source": source})
    if checkpoint.size != size or checkpoint.origin != log_origin(state):
        line = f"alarm (P18): a checkpoint from {source} is not of this log at {size} entries"
        return Finding("checkpoint", size, line, {"note": text, "source": source})
    own = merkle_nodes.StoredTree(conn, held).root(size)
    if own != checkpoint.root_hash:
        line = (
            f"alarm (P18): split view: the checkpoint of {size} entries from {source} signs "
            f"root {checkpoint.root_hash.hex()}, the entries this node re-derived make "
            f"{own.hex()}"
        )
        ours = node_records.accepted_at(conn, size)
        evidence = {
            "theirs": text,
            "source": source,
            "our_root": own.hex(),
            "ours": None if ours is None else ours.note,
        }
        return Finding("split-view", size, line, evidence)
    return checkpoint.root_hash.hex()


def not_extending(
    conn: Connection,
    held: int,
    last: node_records.AcceptedCheckpoint,
    size: int,
    root: str,
    text: str,
) -> Finding | None:
    """None when the checkpoint of ``size`` entries extends the last accepted one."""
    if size == last.size and root != last.root:
        line = f"alarm (P18): split view: two checkpoints of {size} entries with different roots"
        return Finding("split-view", size, line, {"ours": last.note, "theirs": text})
    if size <= last.size:
        return None
    try:
        proof = merkle_nodes.StoredTree(conn, held).consistency_proof(last.size, size)
        verify_consistency(last.size, size, bytes.fromhex(last.root), bytes.fromhex(root), proof)
    except (LookupError, ValueError, MerkleProofError) as error:
        line = (
            f"alarm (P18): the checkpoint of {size} entries does not extend the one accepted "
            f"at {last.size} ({error})"
        )
        return Finding("not-extending", size, line, {"accepted": last.note, "served": text})
    return None


def unproved_extension(
    state: FederationState,
    ours: node_records.AcceptedCheckpoint,
    theirs: str,
    source: str,
    proof: Any,
) -> Finding | None:
    """None when ``proof`` (the union's consistency proof, parsed JSON, or None when it gave
    none) shows the larger checkpoint ``theirs`` a peer accepted extends ``ours``."""
    try:
        their, _ = verify_checkpoint(parse_note(theirs.encode()), log_keys(state))
    except (NoteError, NoteVerificationError, ValueError):
        return None  # not the log's: a peer's garbage, not the union's doing
    evidence = {"ours": ours.note, "theirs": theirs, "source": source, "proof": proof}
    try:
        if not isinstance(proof, dict) or not isinstance(proof.get("proof"), list):
            raise ValueError("the union gives no consistency proof between them")
        hashes = [base64.b64decode(str(h), validate=True) for h in proof["proof"]]
        old, new = bytes.fromhex(ours.root), their.root_hash
        verify_consistency(ours.size, their.size, old, new, hashes)
    except (ValueError, MerkleProofError) as error:
        line = (
            f"alarm (P18): split view: {source} accepted a checkpoint of {their.size} entries "
            f"that does not extend the one this node accepted at {ours.size} ({error})"
        )
        return Finding("split-view", their.size, line, evidence)
    return None
