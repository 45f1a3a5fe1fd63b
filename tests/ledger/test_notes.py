"""C2SP signed notes, checkpoints and cosignatures: published vectors, round trips and
every tampering rejected with its reason."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    Checkpoint,
    Note,
    NoteError,
    NoteVerificationError,
    Signer,
    VerifierKey,
    cosign_note,
    key_id,
    parse_checkpoint,
    parse_note,
    sign_note,
    verify_checkpoint,
    verify_note,
)

# signed-note.md, §Verifier keys, Example.
C2SP_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
C2SP_NOTE = (
    "This is an example message.\n\n— example.com/foo "
    "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
)
# golang.org/x/mod/sumdb/note, note_test.go: a key pair, a text and its signature.
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_SIG = (
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNX"
    "gKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
# tlog-cosignature.md: the example checkpoint with a log signature and a cosignature.
C2SP_COSIGNED = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
    "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
    "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dl"
    "rDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n"
)


def _signer(name: str, sig_type: int = ED25519, seed: int = 1) -> Signer:
    return Signer(name, sig_type, Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32))


LOG = _signer("isonomia.example/union-log", seed=1)
WITNESS = _signer("isonomia.example/council/ge", COSIGNATURE_V1, seed=2)
STRANGER = _signer("isonomia.example/union-log", seed=3)  # same name, another key


def _checkpoint(size: int = 5, root: bytes = b"\x07" * 32) -> Note:
    return sign_note(Checkpoint("isonomia.example/union-log", size, root).body(), LOG)


# --- published vectors ---------------------------------------------------------------


def test_the_c2sp_example_note_verifies_with_its_vkey() -> None:
    key = VerifierKey.parse(C2SP_VKEY)
    assert key.encode() == C2SP_VKEY
    note = parse_note(C2SP_NOTE.encode())
    assert note.text == "This is an example message.\n"
    assert [v.key for v in verify_note(note, [key])] == [key]
    assert note.encode() == C2SP_NOTE.encode()


def test_signing_the_go_reference_text_reproduces_its_signature_byte_for_byte() -> None:
    signer = Signer.parse(GO_SKEY)
    assert signer.encode() == GO_SKEY
    assert signer.verifier_key.encode() == GO_VKEY
    assert sign_note(GO_TEXT, signer).encode() == (GO_TEXT + "\n" + GO_SIG).encode()


def test_the_c2sp_cosignature_example_parses_to_its_key_id_and_time() -> None:
    note = parse_note(C2SP_COSIGNED.encode())
    checkpoint = parse_checkpoint(note.text)
    assert (checkpoint.origin, checkpoint.size) == ("example.com/behind-the-sofa", 20852163)
    cosignature = note.signatures[1]
    assert cosignature.name == "witness.example.com/w1"
    # The spec's example signed message says "time 1679315147".
    assert int.from_bytes(cosignature.signature[:8], "big") == 1679315147
    assert len(cosignature.signature) == 8 + 64


def test_key_ids_are_the_spec_hash_with_the_type_byte() -> None:
    public = WITNESS.verifier_key.public_key
    expected = hashlib.sha256(WITNESS.name.encode() + b"\n\x04" + public).digest()[:4]
    assert key_id(WITNESS.name, COSIGNATURE_V1, public) == WITNESS.verifier_key.key_id == expected
    assert key_id(WITNESS.name, ED25519, public) != expected


# --- checkpoints and cosignatures ----------------------------------------------------


def test_checkpoint_body_round_trips_with_extension_lines() -> None:
    checkpoint = Checkpoint("isonomia.example/log", 0, hashlib.sha256().digest(), ("ext 1",))
    body = checkpoint.body()
    assert (
        body
        == f"isonomia.example/log\n0\n{base64.b64encode(checkpoint.root_hash).decode()}\next 1\n"
    )
    assert parse_checkpoint(body) == checkpoint


def test_a_signed_and_cosigned_checkpoint_verifies_and_names_its_signers() -> None:
    note = cosign_note(_checkpoint(), WITNESS, 1_700_000_000)
    note = parse_note(note.encode())
    checkpoint, verified = verify_checkpoint(note, [LOG.verifier_key, WITNESS.verifier_key])
    assert checkpoint.size == 5
    assert [(v.key.name, v.timestamp) for v in verified] == [
        (LOG.name, None),
        (WITNESS.name, 1_700_000_000),
    ]


def test_signatures_by_unknown_keys_are_ignored() -> None:
    note = sign_note(cosign_note(_checkpoint(), WITNESS, 5), STRANGER)
    verified = verify_note(note, [LOG.verifier_key])
    assert [v.key for v in verified] == [LOG.verifier_key]


def test_a_checkpoint_signed_only_by_an_unknown_key_is_rejected() -> None:
    note = sign_note(Checkpoint("isonomia.example/union-log", 5, b"\x07" * 32).body(), STRANGER)
    with pytest.raises(NoteVerificationError, match="no signature by a known key"):
        verify_checkpoint(note, [LOG.verifier_key, WITNESS.verifier_key])


def test_a_checkpoint_with_only_cosignatures_is_not_signed_by_the_log() -> None:
    note = cosign_note(Note(_checkpoint().text), WITNESS, 5)
    with pytest.raises(NoteVerificationError, match="not signed by a known log key"):
        verify_checkpoint(note, [LOG.verifier_key, WITNESS.verifier_key])


def test_a_cosignature_moved_from_another_checkpoint_is_rejected() -> None:
    other = cosign_note(_checkpoint(size=6), WITNESS, 5)
    moved = Note(_checkpoint().text, (*_checkpoint().signatures, other.signatures[-1]))
    with pytest.raises(NoteVerificationError, match=r"cosignature by .* does not verify"):
        verify_note(moved, [LOG.verifier_key, WITNESS.verifier_key])


def test_a_cosignature_with_a_changed_timestamp_is_rejected() -> None:
    note = cosign_note(_checkpoint(), WITNESS, 5)
    last = note.signatures[-1]
    forged = type(last)(last.name, last.key_id, (6).to_bytes(8, "big") + last.signature[8:])
    with pytest.raises(NoteVerificationError, match="does not verify"):
        verify_note(Note(note.text, (*note.signatures[:-1], forged)), [WITNESS.verifier_key])


def test_a_modified_signature_is_rejected() -> None:
    raw = bytearray(_checkpoint().encode())
    raw[-5] = ord("A") if raw[-5] != ord("A") else ord("B")
    with pytest.raises(NoteVerificationError, match=r"signature by .* does not verify"):
        verify_note(parse_note(bytes(raw)), [LOG.verifier_key])


def test_a_modified_text_is_rejected() -> None:
    tampered = _checkpoint().encode().replace(b"\n5\n", b"\n6\n")
    with pytest.raises(NoteVerificationError, match="does not verify"):
        verify_note(parse_note(tampered), [LOG.verifier_key])


def test_a_known_key_listed_twice_counts_once() -> None:
    verified = verify_note(_checkpoint(), [LOG.verifier_key, LOG.verifier_key])
    assert [v.key for v in verified] == [LOG.verifier_key]


# --- malformed input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"no blank line\n\xe2\x80\x94 a AAAAAAA=\n", "no blank line"),
        (b"text\n\n", "no signatures"),
        (b"text\n\n- a AAAAAAA=\n", "is not '"),
        (b"text\n\n\xe2\x80\x94 a AAAA\n", "too short"),
        (b"text\n\n\xe2\x80\x94 a not*base64\n", "not base64"),
        (b"te\txt\n\n\xe2\x80\x94 a AAAAAAA=\n", "control character"),
        (b"\xff\n\n\xe2\x80\x94 a AAAAAAA=\n", "UTF-8"),
        (b"text\n\n\xe2\x80\x94 a AAAAAAA=", "end with a newline"),
        (b"text\n\n\xe2\x80\x94 a+b AAAAAAA=\n", "key name"),
    ],
)
def test_malformed_notes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(NoteError, match=reason):
        parse_note(data)


@pytest.mark.parametrize(
    ("vkey", "reason"),
    [
        ("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", "does not match"),
        ("example.com/foo+530d903a", "<name>"),
        ("example.com/foo+530d903a+AukyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", "not supported"),
        ("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv", "32 bytes"),
    ],
)
def test_malformed_verifier_keys_are_refused(vkey: str, reason: str) -> None:
    with pytest.raises(NoteError, match=reason):
        VerifierKey.parse(vkey)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("origin\n5\n", "origin, a size and a root"),
        ("origin\n05\n" + "A" * 43 + "=\n", "leading zeroes"),
        ("origin\n5\nAAAA\n", "32 bytes"),
        ("\n5\n" + "A" * 43 + "=\n", "origin"),
        ("origin\n5\n" + "A" * 43 + "=\n\n", "extension lines"),
    ],
)
def test_malformed_checkpoints_are_refused(text: str, reason: str) -> None:
    with pytest.raises(NoteError, match=reason):
        parse_checkpoint(text)


def test_cosigning_needs_a_cosigner_key_and_signing_needs_a_log_key() -> None:
    with pytest.raises(NoteError, match="0x04"):
        cosign_note(_checkpoint(), LOG, 5)
    with pytest.raises(NoteError, match="cosign_note"):
        sign_note(_checkpoint(), WITNESS)
