"""Signed notes, checkpoints and cosignatures, as specified by C2SP.

- ``c2sp.org/signed-note`` (v1.0.0): a note is UTF-8 text ending in a newline, a blank
  line, then signature lines ``— <key name> base64(key ID || signature)``. Key IDs are
  ``SHA-256(name || 0x0A || type || public key)[:4]``. Verifier keys ("vkeys") are written
  ``<name>+<hex key ID>+base64(type || public key)``. Only Ed25519 (type ``0x01``) and
  timestamped Ed25519 cosignatures (type ``0x04``) are supported, as the spec advises
  implementations to support only the types they need.
- ``c2sp.org/tlog-checkpoint`` (v1.0.0): the note text is the origin line, the tree size in
  decimal, the base64 root hash (RFC 9162 MTH), then optional non-empty extension lines.
- ``c2sp.org/tlog-cosignature`` (cosignature/v1, Ed25519): the cosigner signs
  ``"cosignature/v1\\ntime <seconds>\\n" || checkpoint text``; the signature bytes after
  the key ID are the 8-byte big-endian timestamp followed by the 64-byte Ed25519 signature.

Verification follows signed-note §Signatures: signatures from unknown keys are ignored; a
signature from a known key must verify or the whole note is rejected; a note with no
verified known signature is rejected. Signer keys use the ``PRIVATE+KEY+<name>+<hex key
ID>+base64(type || 32-byte seed)`` form of the Go reference implementation
(golang.org/x/mod/sumdb/note). Nothing here reads a clock: a cosignature's time is given.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

__all__ = [
    "COSIGNATURE_V1",
    "ED25519",
    "Checkpoint",
    "Note",
    "NoteError",
    "NoteSignature",
    "NoteVerificationError",
    "Signer",
    "VerifiedSignature",
    "VerifierKey",
    "cosign_note",
    "key_id",
    "parse_checkpoint",
    "parse_note",
    "sign_note",
    "verify_checkpoint",
    "verify_note",
]

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
_TYPES = (ED25519, COSIGNATURE_V1)
# The spec asks verifiers to accept at least 16 signatures; the Go reference takes 100.
_MAX_SIGNATURES = 100
_MAX_TIMESTAMP = 2**63 - 1
_SIGNATURE_LINE = re.compile(r"— (\S+) (\S+)")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


class NoteError(ValueError):
    """A note, key or checkpoint is malformed."""


class NoteVerificationError(ValueError):
    """A note is well formed but its signatures do not establish it."""


def key_id(name: str, sig_type: int, public_key: bytes) -> bytes:
    """``SHA-256(name || 0x0A || type || public key)[:4]`` (signed-note §Signatures)."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([sig_type]) + public_key).digest()[:4]


def _check_name(name: str) -> None:
    if not name or "+" in name or any(ch.isspace() for ch in name):
        raise NoteError(f"key name {name!r} must be non-empty, without spaces or '+'")


def _b64decode(text: str, what: str) -> bytes:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as error:
        raise NoteError(f"{what} is not base64") from error
    if base64.b64encode(data).decode() != text:
        raise NoteError(f"{what} is not canonical base64")
    return data


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass(frozen=True)
class VerifierKey:
    """A public key with its name and type, as trusted by a verifier."""

    name: str
    sig_type: int
    public_key: bytes

    def __post_init__(self) -> None:
        _check_name(self.name)
        if self.sig_type not in _TYPES:
            raise NoteError(f"signature type 0x{self.sig_type:02x} is not supported")
        if len(self.public_key) != 32:
            raise NoteError("an Ed25519 public key is 32 bytes")

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.sig_type, self.public_key)

    def encode(self) -> str:
        """The vkey string ``<name>+<hex key ID>+base64(type || public key)``."""
        return f"{self.name}+{self.key_id.hex()}+{_b64(bytes([self.sig_type]) + self.public_key)}"

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        """Read a vkey string; its key ID must be the one its name and key derive."""
        parts = text.strip().split("+", 2)  # base64 may itself contain "+"
        if len(parts) != 3 or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
            raise NoteError("a verifier key is <name>+<8 hex digits>+<base64 key>")
        material = _b64decode(parts[2], "the verifier key material")
        if not material:
            raise NoteError("the verifier key material is empty")
        key = cls(parts[0], material[0], material[1:])
        if key.key_id.hex() != parts[1]:
            raise NoteError(f"the key ID {parts[1]} does not match the key of {parts[0]}")
        return key


@dataclass(frozen=True)
class Signer:
    """A private key that signs notes (type ``ED25519``) or cosigns checkpoints
    (type ``COSIGNATURE_V1``) under a key name."""

    name: str
    sig_type: int
    private_key: Ed25519PrivateKey = field(compare=False, repr=False)

    def __post_init__(self) -> None:
        _check_name(self.name)
        if self.sig_type not in _TYPES:
            raise NoteError(f"signature type 0x{self.sig_type:02x} is not supported")

    @property
    def verifier_key(self) -> VerifierKey:
        public = self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return VerifierKey(self.name, self.sig_type, public)

    def encode(self) -> str:
        """``PRIVATE+KEY+<name>+<hex key ID>+base64(type || seed)``: keep it secret."""
        seed = self.private_key.private_bytes_raw()
        kid = self.verifier_key.key_id.hex()
        return f"PRIVATE+KEY+{self.name}+{kid}+{_b64(bytes([self.sig_type]) + seed)}"

    @classmethod
    def parse(cls, text: str) -> Signer:
        parts = text.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("a signer key is PRIVATE+KEY+<name>+<hex key ID>+<base64 key>")
        material = _b64decode(parts[4], "the signer key material")
        if len(material) != 33:
            raise NoteError("the signer key material is a type byte and a 32-byte seed")
        signer = cls(parts[2], material[0], Ed25519PrivateKey.from_private_bytes(material[1:]))
        if signer.verifier_key.key_id.hex() != parts[3]:
            raise NoteError(f"the key ID {parts[3]} does not match the key of {parts[2]}")
        return signer


@dataclass(frozen=True)
class NoteSignature:
    """One signature line: the key name, the key ID and the signature bytes after it."""

    name: str
    key_id: bytes
    signature: bytes

    def line(self) -> str:
        return f"— {self.name} {_b64(self.key_id + self.signature)}\n"


@dataclass(frozen=True)
class Note:
    """A note's text (ending in a newline) and its signatures."""

    text: str
    signatures: tuple[NoteSignature, ...] = ()

    def __post_init__(self) -> None:
        _check_text(self.text)

    def encode(self) -> bytes:
        """The note as sent: text, a blank line, one line per signature."""
        lines = "".join(signature.line() for signature in self.signatures)
        return (self.text + "\n" + lines).encode()


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("the note text must end with a newline")
    if any(ord(ch) < 0x20 and ch != "\n" for ch in text):
        raise NoteError("the note contains a control character other than newline")


def parse_note(data: bytes) -> Note:
    """Read a signed note (signed-note §Format). Raises ``NoteError`` if malformed."""
    try:
        message = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NoteError("the note is not valid UTF-8") from error
    _check_text(message)
    split = message.rfind("\n\n")
    if split < 0:
        raise NoteError("the note has no blank line before its signatures")
    text, block = message[: split + 1], message[split + 2 :]
    if not block:
        raise NoteError("the note has no signatures")
    lines = block[:-1].split("\n")
    if len(lines) > _MAX_SIGNATURES:
        raise NoteError(f"the note has more than {_MAX_SIGNATURES} signatures")
    signatures = []
    for number, line in enumerate(lines, start=1):
        match = _SIGNATURE_LINE.fullmatch(line)
        if match is None:
            raise NoteError(f"signature line {number} is not '— <name> <base64>'")
        name, blob = match.group(1), _b64decode(match.group(2), f"signature {number}")
        _check_name(name)
        if len(blob) < 5:
            raise NoteError(f"signature {number} is too short")
        signatures.append(NoteSignature(name, blob[:4], blob[4:]))
    return Note(text, tuple(signatures))


def _cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


def sign_note(note: Note | str, signer: Signer) -> Note:
    """Add ``signer``'s Ed25519 signature over the note text."""
    if isinstance(note, str):
        note = Note(note)
    if signer.sig_type != ED25519:
        raise NoteError("a cosigner key signs with cosign_note, which takes the time")
    signature = signer.private_key.sign(note.text.encode())
    line = NoteSignature(signer.name, signer.verifier_key.key_id, signature)
    return Note(note.text, (*note.signatures, line))


def cosign_note(note: Note, signer: Signer, timestamp: int) -> Note:
    """Add a cosignature/v1 by ``signer`` (type ``COSIGNATURE_V1``) made at ``timestamp``
    (POSIX seconds, given by the caller) over the checkpoint ``note``."""
    if signer.sig_type != COSIGNATURE_V1:
        raise NoteError("cosignatures need a key of type 0x04 (cosignature/v1)")
    if not 0 <= timestamp <= _MAX_TIMESTAMP:
        raise NoteError("a cosignature timestamp is between 0 and 2**63 - 1")
    parse_checkpoint(note.text)
    signature = signer.private_key.sign(_cosigned_message(note.text, timestamp))
    body = timestamp.to_bytes(8, "big") + signature
    line = NoteSignature(signer.name, signer.verifier_key.key_id, body)
    return Note(note.text, (*note.signatures, line))


@dataclass(frozen=True)
class VerifiedSignature:
    """A known key whose signature verified; ``timestamp`` is a cosignature's time."""

    key: VerifierKey
    timestamp: int | None = None


def verify_note(note: Note, keys: Iterable[VerifierKey]) -> tuple[VerifiedSignature, ...]:
    """The known keys whose signatures on ``note`` verify.

    Signatures by unknown keys (name and key ID not both matching a known key) are ignored.
    Raises ``NoteVerificationError`` if a known key's signature fails, or if none verifies.
    """
    known: dict[tuple[str, bytes], VerifierKey] = {}
    for candidate in keys:
        slot = (candidate.name, candidate.key_id)
        if known.setdefault(slot, candidate) != candidate:
            raise NoteVerificationError(
                f"two known keys share the name and key ID of {candidate.name}"
            )
    verified: dict[VerifierKey, VerifiedSignature] = {}
    for signature in note.signatures:
        key = known.get((signature.name, signature.key_id))
        if key is None:
            continue
        timestamp = _verify_one(note.text, key, signature.signature)
        verified.setdefault(key, VerifiedSignature(key, timestamp))
    if not verified:
        raise NoteVerificationError("no signature by a known key")
    return tuple(verified.values())


def _verify_one(text: str, key: VerifierKey, signature: bytes) -> int | None:
    public = Ed25519PublicKey.from_public_bytes(key.public_key)
    timestamp: int | None = None
    message = text.encode()
    if key.sig_type == COSIGNATURE_V1:
        if len(signature) != 8 + 64:
            raise NoteVerificationError(f"the cosignature by {key.name} is not 72 bytes")
        timestamp = int.from_bytes(signature[:8], "big")
        if timestamp > _MAX_TIMESTAMP:
            raise NoteVerificationError(f"the cosignature by {key.name} has a bad timestamp")
        message, signature = _cosigned_message(text, timestamp), signature[8:]
    try:
        public.verify(signature, message)
    except InvalidSignature:
        kind = "cosignature" if key.sig_type == COSIGNATURE_V1 else "signature"
        raise NoteVerificationError(f"the {kind} by {key.name} does not verify") from None
    return timestamp


@dataclass(frozen=True)
class Checkpoint:
    """A log's tree head (tlog-checkpoint §Note text)."""

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin or "\n" in self.origin:
            raise NoteError("the origin must be one non-empty line")
        if self.size < 0:
            raise NoteError("the tree size cannot be negative")
        if len(self.root_hash) != 32:
            raise NoteError("the root hash is 32 bytes")
        if any(not line or "\n" in line for line in self.extensions):
            raise NoteError("extension lines must be non-empty single lines")

    def body(self) -> str:
        """The note text: origin, size, base64 root hash, extension lines."""
        lines = [self.origin, str(self.size), _b64(self.root_hash), *self.extensions]
        return "".join(line + "\n" for line in lines)


def parse_checkpoint(text: str) -> Checkpoint:
    """Read a checkpoint's note text. Raises ``NoteError`` if malformed."""
    if not text.endswith("\n"):
        raise NoteError("the checkpoint must end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise NoteError("a checkpoint has an origin, a size and a root hash line")
    origin, size, root = lines[:3]
    if not _DECIMAL.fullmatch(size):
        raise NoteError(f"the tree size {size!r} is not a decimal without leading zeroes")
    root_hash = _b64decode(root, "the root hash")
    return Checkpoint(origin, int(size), root_hash, tuple(lines[3:]))


def verify_checkpoint(
    note: Note, keys: Iterable[VerifierKey]
) -> tuple[Checkpoint, tuple[VerifiedSignature, ...]]:
    """Parse ``note`` as a checkpoint and verify it: at least one known Ed25519 key (the
    log's) must have signed it; known cosigners' cosignatures are checked and returned."""
    checkpoint = parse_checkpoint(note.text)
    verified = verify_note(note, keys)
    if not any(v.key.sig_type == ED25519 for v in verified):
        raise NoteVerificationError("the checkpoint is not signed by a known log key")
    return checkpoint, verified
