"""Proof files a verifier can check offline, with nothing but the keys it trusts.

**Inclusion: ``c2sp.org/tlog-proof@v1``** (C2SP tlog-proof). Lines separated by newlines::

    c2sp.org/tlog-proof@v1
    extra <base64>            (optional, opaque, not authenticated)
    index <decimal>
    <base64 hash>             (zero or more: the RFC 9162 inclusion path, leaf upwards)
                              (an empty line)
    <the checkpoint, a signed note, verbatim>

Checking follows tlog-proof §Verifying: hash the leaf (here: the entry's canonical bytes,
RFC 9162 §2.1.1), verify the checkpoint's signatures against the known keys (a known log
key must have signed; known cosigners' cosignatures must verify, and at least as many as the
verifier requires: ``anchor``), then the inclusion path against its root (RFC 9162
§2.1.3.2).

**Consistency: ``isonomia/tlog-consistency@v1``**, a format of this project. A JSON object::

    {"format": "isonomia/tlog-consistency@v1",
     "old_checkpoint": "<signed note>", "new_checkpoint": "<signed note>",
     "proof": ["<base64 hash>", ...]}

``proof`` is ``PROOF(old size, D[new size])`` of RFC 9162 §2.1.4; the sizes and roots come
from the two checkpoints, which must both be signed by a known log key and share an
origin. A verifier that kept its own copy of the old checkpoint checks against that one.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from isonomia.ledger.anchor import Anchor
from isonomia.ledger.merkle import (
    SubtreeHashes,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from isonomia.ledger.notes import (
    Checkpoint,
    Note,
    NoteError,
    VerifiedSignature,
    VerifierKey,
    parse_checkpoint,
    parse_note,
)

__all__ = [
    "CONSISTENCY_FORMAT",
    "TLOG_PROOF_HEADER",
    "ConsistencyProof",
    "InclusionProof",
    "VerifiedCheckpoint",
    "check_consistency_proof",
    "check_inclusion_proof",
    "make_consistency_proof",
    "make_inclusion_proof",
    "parse_consistency_proof",
    "parse_inclusion_proof",
]

TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1"
CONSISTENCY_FORMAT = "isonomia/tlog-consistency@v1"
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class VerifiedCheckpoint:
    """A checkpoint whose signatures verified, and by which known keys."""

    checkpoint: Checkpoint
    signatures: tuple[VerifiedSignature, ...]


def _hash_from_b64(text: str, what: str) -> bytes:
    try:
        value = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as error:
        raise NoteError(f"{what} is not base64") from error
    if len(value) != 32 or base64.b64encode(value).decode() != text:
        raise NoteError(f"{what} is not the base64 of 32 bytes")
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _verified(
    note: Note, keys: Sequence[VerifierKey], origin: str | None, cosigners: int = 0
) -> VerifiedCheckpoint:
    checkpoint, signatures = Anchor.of_keys(keys, cosigners).verify(note)
    if origin is not None and checkpoint.origin != origin:
        raise NoteError(f"the checkpoint is from {checkpoint.origin!r}, not {origin!r}")
    return VerifiedCheckpoint(checkpoint, signatures)


@dataclass(frozen=True)
class InclusionProof:
    """A ``c2sp.org/tlog-proof@v1`` proof: index, inclusion path, signed checkpoint."""

    index: int
    hashes: tuple[bytes, ...]
    checkpoint: Note
    extra: bytes | None = None

    def encode(self) -> bytes:
        lines = [TLOG_PROOF_HEADER]
        if self.extra is not None:
            lines.append(f"extra {_b64(self.extra)}")
        lines.append(f"index {self.index}")
        lines.extend(_b64(h) for h in self.hashes)
        return ("\n".join(lines) + "\n\n").encode() + self.checkpoint.encode()


def make_inclusion_proof(
    tree: SubtreeHashes, index: int, checkpoint: Note, extra: bytes | None = None
) -> InclusionProof:
    """The proof that leaf ``index`` of ``tree`` is in the tree ``checkpoint`` signs."""
    head = parse_checkpoint(checkpoint.text)
    if tree.root(head.size) != head.root_hash:
        raise ValueError(f"the checkpoint's root is not this tree's root at size {head.size}")
    return InclusionProof(index, tuple(tree.inclusion_proof(index, head.size)), checkpoint, extra)


def parse_inclusion_proof(data: bytes) -> InclusionProof:
    """Read a ``c2sp.org/tlog-proof@v1`` file. Raises ``NoteError`` if malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NoteError("the proof is not valid UTF-8") from error
    head, separator, note = text.partition("\n\n")
    if not separator:
        raise NoteError("the proof has no empty line before its checkpoint")
    lines = head.split("\n")
    if lines[0] != TLOG_PROOF_HEADER:
        raise NoteError(f"the proof does not start with {TLOG_PROOF_HEADER}")
    position, extra = 1, None
    if len(lines) > 1 and lines[1].startswith("extra "):
        try:
            extra = base64.b64decode(lines[1][6:].encode("ascii"), validate=True)
        except (UnicodeEncodeError, binascii.Error) as error:
            raise NoteError("the extra data is not base64") from error
        position = 2
    if len(lines) <= position or not lines[position].startswith("index "):
        raise NoteError("the proof has no 'index' line")
    index = lines[position][6:]
    if not _DECIMAL.fullmatch(index):
        raise NoteError(f"the index {index!r} is not a decimal without leading zeroes")
    hashes = tuple(
        _hash_from_b64(line, f"proof hash {n}")
        for n, line in enumerate(lines[position + 1 :], start=1)
    )
    return InclusionProof(int(index), hashes, parse_note(note.encode()), extra)


def check_inclusion_proof(
    proof: InclusionProof,
    entry: bytes,
    keys: Sequence[VerifierKey],
    origin: str | None = None,
    cosigners: int = 0,
) -> VerifiedCheckpoint:
    """Check that ``entry`` (its canonical bytes) is leaf ``proof.index`` of the tree that
    the proof's checkpoint signs, the checkpoint carrying at least ``cosigners`` valid
    cosignatures by the witness keys among ``keys``. Raises ``NoteError``,
    ``NoteVerificationError`` or ``MerkleProofError`` (all ``ValueError``) saying why not."""
    verified = _verified(proof.checkpoint, keys, origin, cosigners)
    checkpoint = verified.checkpoint
    verify_inclusion(
        leaf_hash(entry), proof.index, checkpoint.size, proof.hashes, checkpoint.root_hash
    )
    return verified


@dataclass(frozen=True)
class ConsistencyProof:
    """Two signed checkpoints of one log and the proof that the newer extends the older."""

    old_checkpoint: Note
    new_checkpoint: Note
    hashes: tuple[bytes, ...]

    def encode(self) -> bytes:
        document = {
            "format": CONSISTENCY_FORMAT,
            "old_checkpoint": self.old_checkpoint.encode().decode(),
            "new_checkpoint": self.new_checkpoint.encode().decode(),
            "proof": [_b64(h) for h in self.hashes],
        }
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def make_consistency_proof(tree: SubtreeHashes, old: Note, new: Note) -> ConsistencyProof:
    """The proof that the checkpoint ``new`` extends ``old``, both of ``tree``."""
    old_size = parse_checkpoint(old.text).size
    new_size = parse_checkpoint(new.text).size
    return ConsistencyProof(old, new, tuple(tree.consistency_proof(old_size, new_size)))


def parse_consistency_proof(data: bytes) -> ConsistencyProof:
    """Read an ``isonomia/tlog-consistency@v1`` file. Raises ``NoteError`` if malformed."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NoteError("the consistency proof is not JSON") from error
    if not isinstance(document, dict) or document.get("format") != CONSISTENCY_FORMAT:
        raise NoteError(f"the consistency proof is not {CONSISTENCY_FORMAT}")
    notes = [document.get("old_checkpoint"), document.get("new_checkpoint")]
    hashes = document.get("proof")
    if not all(isinstance(note, str) for note in notes) or not isinstance(hashes, list):
        raise NoteError("the consistency proof needs two checkpoints and a list of hashes")
    if not all(isinstance(h, str) for h in hashes):
        raise NoteError("the consistency proof's hashes must be base64 strings")
    old, new = (parse_note(str(note).encode()) for note in notes)
    parsed = tuple(_hash_from_b64(h, f"proof hash {n}") for n, h in enumerate(hashes, start=1))
    return ConsistencyProof(old, new, parsed)


def check_consistency_proof(
    proof: ConsistencyProof,
    keys: Iterable[VerifierKey],
    kept_old_checkpoint: Note | None = None,
    cosigners: int = 0,
) -> tuple[VerifiedCheckpoint, VerifiedCheckpoint]:
    """Check that the new checkpoint extends the old one (or ``kept_old_checkpoint``, the
    verifier's own copy), each carrying at least ``cosigners`` valid cosignatures by the
    witness keys among ``keys``. Raises a ``ValueError`` subclass saying why not."""
    keys = list(keys)
    old_note = kept_old_checkpoint or proof.old_checkpoint
    new = _verified(proof.new_checkpoint, keys, None, cosigners)
    old = _verified(old_note, keys, new.checkpoint.origin, cosigners)
    verify_consistency(
        old.checkpoint.size,
        new.checkpoint.size,
        old.checkpoint.root_hash,
        new.checkpoint.root_hash,
        proof.hashes,
    )
    return old, new
