"""Offline proof files: c2sp.org/tlog-proof@v1 for inclusion, isonomia/tlog-consistency@v1
for consistency; round trips over real ledger entries, and every tampering rejected."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from isonomia.ledger.chain import NewEntry, canonical_entry
from isonomia.ledger.merkle import MerkleProofError, MerkleTree
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    Checkpoint,
    Note,
    NoteError,
    NoteVerificationError,
    Signer,
    cosign_note,
    parse_note,
    sign_note,
)
from isonomia.ledger.tlog_proof import (
    InclusionProof,
    check_consistency_proof,
    check_inclusion_proof,
    make_consistency_proof,
    make_inclusion_proof,
    parse_consistency_proof,
    parse_inclusion_proof,
)

ORIGIN = "isonomia.example/union-log"


def _signer(name: str, sig_type: int, seed: int) -> Signer:
    return Signer(name, sig_type, Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32))


LOG = _signer(ORIGIN, ED25519, 1)
WITNESS = _signer("isonomia.example/council/am", COSIGNATURE_V1, 2)
STRANGER = _signer(ORIGIN, ED25519, 3)
KEYS = [LOG.verifier_key, WITNESS.verifier_key]


def ledger_entries(n: int) -> list[bytes]:
    return [
        canonical_entry(
            i,
            NewEntry(
                recorded_at="2024-03-01T12:00:00Z",
                actor=f"member/{i % 6}",
                command_id=f"cmd-{i}",
                event_type="VoteCast",
                schema_version=1,
                payload={"motion": i // 10, "vote": "yes" if i % 3 else "no"},
            ),
        )
        for i in range(1, n + 1)
    ]


ENTRIES = ledger_entries(45)
TREE = MerkleTree.from_entries(ENTRIES)


def checkpoint(size: int, tree: MerkleTree = TREE, signer: Signer = LOG) -> Note:
    note = sign_note(Checkpoint(ORIGIN, size, tree.root(size)).body(), signer)
    return cosign_note(note, WITNESS, 1_700_000_000 + size)


def proof_bytes(index: int = 17, size: int = 45) -> bytes:
    return make_inclusion_proof(TREE, index, checkpoint(size)).encode()


# --- inclusion ------------------------------------------------------------------------


def test_an_inclusion_proof_round_trips_and_checks_with_its_signers() -> None:
    data = make_inclusion_proof(TREE, 17, checkpoint(45), extra=b"context").encode()
    assert data.startswith(b"c2sp.org/tlog-proof@v1\nextra Y29udGV4dA==\nindex 17\n")
    proof = parse_inclusion_proof(data)
    assert proof.encode() == data
    verified = check_inclusion_proof(proof, ENTRIES[17], KEYS, origin=ORIGIN)
    assert verified.checkpoint.size == 45
    assert [(s.key.name, s.timestamp) for s in verified.signatures] == [
        (ORIGIN, None),
        (WITNESS.name, 1_700_000_045),
    ]


def test_every_entry_checks_against_an_older_checkpoint() -> None:
    note = checkpoint(30)
    for index in range(30):
        proof = parse_inclusion_proof(make_inclusion_proof(TREE, index, note).encode())
        check_inclusion_proof(proof, ENTRIES[index], KEYS)


def test_a_proof_for_a_one_leaf_tree_has_no_hashes() -> None:
    proof = parse_inclusion_proof(make_inclusion_proof(TREE, 0, checkpoint(1)).encode())
    assert proof.hashes == ()
    check_inclusion_proof(proof, ENTRIES[0], KEYS)


def test_inclusion_fails_when_the_entry_changes() -> None:
    proof = parse_inclusion_proof(proof_bytes())
    changed = ENTRIES[17].replace(b'"yes"', b'"no"').replace(b'"no"', b'"yes"', 1)
    assert changed != ENTRIES[17]
    with pytest.raises(MerkleProofError, match="does not lead to the root"):
        check_inclusion_proof(proof, changed, KEYS)


def test_inclusion_fails_at_a_wrong_index() -> None:
    data = proof_bytes().replace(b"index 17\n", b"index 18\n")
    with pytest.raises(MerkleProofError):
        check_inclusion_proof(parse_inclusion_proof(data), ENTRIES[17], KEYS)


def test_inclusion_fails_when_the_proof_is_truncated() -> None:
    head, _, note = proof_bytes().partition(b"\n\n")
    truncated = b"\n".join(head.split(b"\n")[:-1]) + b"\n\n" + note
    with pytest.raises(MerkleProofError, match="fewer"):
        check_inclusion_proof(parse_inclusion_proof(truncated), ENTRIES[17], KEYS)


def test_inclusion_fails_against_a_checkpoint_of_another_size() -> None:
    good = parse_inclusion_proof(proof_bytes(17, 45))
    other = InclusionProof(17, good.hashes, checkpoint(20))
    with pytest.raises(MerkleProofError):
        check_inclusion_proof(other, ENTRIES[17], KEYS)


def test_inclusion_fails_when_the_checkpoint_is_signed_by_an_unknown_key() -> None:
    note = sign_note(Checkpoint(ORIGIN, 45, TREE.root()).body(), STRANGER)
    proof = make_inclusion_proof(TREE, 17, note)
    with pytest.raises(NoteVerificationError, match="no signature by a known key"):
        check_inclusion_proof(proof, ENTRIES[17], KEYS)


def test_inclusion_fails_when_a_cosignature_belongs_to_another_checkpoint() -> None:
    mine, other = checkpoint(45), checkpoint(44)
    mixed = Note(mine.text, (mine.signatures[0], other.signatures[1]))
    with pytest.raises(NoteVerificationError, match=r"cosignature by .* does not verify"):
        check_inclusion_proof(make_inclusion_proof(TREE, 17, mixed), ENTRIES[17], KEYS)


def test_inclusion_fails_when_the_log_signature_is_modified() -> None:
    data = proof_bytes()
    line_start = data.index("— ".encode() + ORIGIN.encode())
    position = data.index(b"\n", line_start) - 10
    tampered = data[:position] + (b"A" if data[position : position + 1] != b"A" else b"B")
    tampered += data[position + 1 :]
    with pytest.raises(NoteVerificationError, match=r"signature by .* does not verify"):
        check_inclusion_proof(parse_inclusion_proof(tampered), ENTRIES[17], KEYS)


def test_inclusion_fails_for_a_checkpoint_of_another_origin() -> None:
    with pytest.raises(NoteError, match=r"not 'isonomia\.example/other'"):
        check_inclusion_proof(
            parse_inclusion_proof(proof_bytes()), ENTRIES[17], KEYS, "isonomia.example/other"
        )


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda d: d.replace(b"c2sp.org/tlog-proof@v1", b"c2sp.org/tlog-proof@v2"), "start"),
        (lambda d: d.replace(b"index 17", b"index 017"), "leading zeroes"),
        (lambda d: d.replace(b"index 17", b"idx 17"), "no 'index' line"),
        (lambda d: d.replace(b"\n\n", b"\n", 1), "proof hash 7 is not base64"),
        (lambda d: d.split(b"\n\n")[0], "no empty line"),
        (lambda d: d[:-1], "newline"),
    ],
)
def test_malformed_proof_files_are_refused_with_a_reason(
    mangle: Callable[[bytes], bytes], reason: str
) -> None:
    with pytest.raises(NoteError, match=reason):
        parse_inclusion_proof(mangle(proof_bytes()))


# --- consistency ----------------------------------------------------------------------


def test_a_consistency_proof_round_trips_and_checks() -> None:
    data = make_consistency_proof(TREE, checkpoint(13), checkpoint(45)).encode()
    assert json.loads(data)["format"] == "isonomia/tlog-consistency@v1"
    proof = parse_consistency_proof(data)
    assert proof.encode() == data
    old, new = check_consistency_proof(proof, KEYS)
    assert (old.checkpoint.size, new.checkpoint.size) == (13, 45)


def test_consistency_checks_against_the_verifiers_kept_checkpoint() -> None:
    kept = checkpoint(13)
    proof = parse_consistency_proof(make_consistency_proof(TREE, kept, checkpoint(45)).encode())
    check_consistency_proof(proof, KEYS, kept_old_checkpoint=kept)
    forked = MerkleTree.from_entries([*ENTRIES[:3], b"rewritten", *ENTRIES[4:13]])
    with pytest.raises(MerkleProofError, match="old root"):
        check_consistency_proof(proof, KEYS, kept_old_checkpoint=checkpoint(13, forked))


def test_consistency_fails_for_a_rewritten_history() -> None:
    forked = MerkleTree.from_entries([*ENTRIES[:3], b"rewritten", *ENTRIES[4:]])
    proof = make_consistency_proof(forked, checkpoint(13), checkpoint(45, forked))
    with pytest.raises(MerkleProofError, match="old root"):
        check_consistency_proof(proof, KEYS)


def test_consistency_fails_when_a_checkpoint_is_signed_by_an_unknown_key() -> None:
    proof = make_consistency_proof(TREE, checkpoint(13), checkpoint(45, signer=STRANGER))
    with pytest.raises(NoteVerificationError, match="not signed by a known log key"):
        check_consistency_proof(proof, KEYS)


def test_consistency_fails_when_the_proof_is_truncated() -> None:
    good = make_consistency_proof(TREE, checkpoint(13), checkpoint(45))
    truncated = type(good)(good.old_checkpoint, good.new_checkpoint, good.hashes[:-1])
    with pytest.raises(MerkleProofError, match="fewer"):
        check_consistency_proof(parse_consistency_proof(truncated.encode()), KEYS)


def test_consistency_fails_between_checkpoints_of_different_origins() -> None:
    other = sign_note(Checkpoint("isonomia.example/other", 13, TREE.root(13)).body(), LOG)
    proof = make_consistency_proof(TREE, other, checkpoint(45))
    with pytest.raises(NoteError, match=r"is from 'isonomia\.example/other'"):
        check_consistency_proof(proof, KEYS)


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b'{"format": "something else"}',
        b'{"format": "isonomia/tlog-consistency@v1", "old_checkpoint": 1}',
        b'{"format": "isonomia/tlog-consistency@v1", "old_checkpoint": "a\\n\\n", '
        b'"new_checkpoint": "b", "proof": []}',
    ],
)
def test_malformed_consistency_files_are_refused(data: bytes) -> None:
    with pytest.raises(NoteError):
        parse_consistency_proof(data)


def test_a_parsed_checkpoint_note_keeps_its_bytes() -> None:
    note = checkpoint(45)
    assert parse_note(note.encode()) == note
