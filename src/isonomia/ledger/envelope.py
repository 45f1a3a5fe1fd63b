"""Signed command envelopes: a command, its principal, the key id and an Ed25519 signature.

Format ``isonomia-signed-command``, version 2: one JSON object with exactly these fields::

    {
      "format": "isonomia-signed-command",
      "version": 2,
      "command": {...},              # the command, any JSON object
      "principal": "ka/congress",    # who issues it
      "key_id": "<32 hex digits>",   # which of the principal's keys signed it
      "union": {"origin": "isonomia/<union id>", "charter": "<64 hex digits>" or null},
      "seen": {"size": 41, "hash": "<64 hex digits>"},   # optional
      "signature": "<base64>"        # standard base64 (with padding) of 64 bytes
    }

The signature covers ``SIGNING_CONTEXT_V2`` followed by the RFC 8785 canonical JSON of
``{"command": ..., "key_id": ..., "principal": ..., "union": ...}`` (and ``"seen"`` when
given). ``union`` names the union the command is for: its log's origin and the hash of the
ledger entry that records its charter (null only in the charter's own command, which makes
that entry), so an envelope signed for one union is never valid in another that happens to
register the same key. ``seen`` is the head of the record its signer saw (size and hash of
that entry), so it is refused by a copy of the record that forked before it. The context
string keeps a command signature from being valid as any other kind of signature made with
the same key (a checkpoint, say), and the canonical form makes the bytes independent of key
order and spacing in the file. ``format`` and ``version`` are not signed; they must be
exactly the values above.

Version 1 (context ``SIGNING_CONTEXT``, no ``union`` and no ``seen``) is still verified, for
records made before version 2; whether a record may still accept one is the record's rule,
not this module's.

Verification asks a lookup, given by the caller, what the ledger knows of the key id at the
entry being signed (the key register's ``at(sequence)``, for one). Each refusal is an
``EnvelopeError`` with a ``fault`` and a one-line message. Replay (the same command twice)
is for the caller to refuse against the ledger.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from cryptography.exceptions import InvalidSignature

from isonomia.ledger.canonical import CanonicalizationError, canonical_json, parse_json
from isonomia.ledger.keys import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
    key_id,
    verify_remembered,
)

__all__ = [
    "ENVELOPE_FORMAT",
    "ENVELOPE_VERSION",
    "SIGNING_CONTEXT",
    "SIGNING_CONTEXT_V2",
    "Binding",
    "EnvelopeError",
    "Fault",
    "KeyLookup",
    "KeyStanding",
    "VerifiedCommand",
    "read_envelope",
    "sign_command",
    "signing_message",
    "verify_envelope",
    "write_envelope",
]

ENVELOPE_FORMAT = "isonomia-signed-command"
ENVELOPE_VERSION = 2
SIGNING_CONTEXT = b"isonomia signed command v1\n"
SIGNING_CONTEXT_V2 = b"isonomia signed command v2\n"

_FIELDS = frozenset({"format", "version", "command", "principal", "key_id", "signature"})
_FIELDS_V2 = _FIELDS | {"union"}
_OPTIONAL_V2 = frozenset({"seen"})
_KEY_ID = re.compile(r"[0-9a-f]{32}")
_HASH = re.compile(r"[0-9a-f]{64}")
#: The largest integer canonical JSON (RFC 8785) carries exactly.
_MAX_SIZE = 2**53 - 1
_SIGNATURE_BYTES = 64


class Fault(StrEnum):
    """Why an envelope was refused."""

    FILE = "file"  # the envelope file cannot be read, parsed or written
    MALFORMED = "malformed"
    UNKNOWN_KEY = "unknown key"
    BAD_SIGNATURE = "bad signature"
    WRONG_PRINCIPAL = "wrong principal"
    REVOKED_KEY = "revoked key"


class EnvelopeError(ValueError):
    """An envelope refused, or a file that holds none; ``fault`` says which kind."""

    def __init__(self, fault: Fault, message: str) -> None:
        super().__init__(message)
        self.fault = fault


@dataclass(frozen=True)
class KeyStanding:
    """What the ledger knows of a key at one entry: whose it is, and whether revoked."""

    principal: str
    public_key: Ed25519PublicKey
    revoked: bool


KeyLookup = Callable[[str], KeyStanding | None]
"""Given a key id, its standing at the entry being signed, or None if it is not registered."""


@dataclass(frozen=True)
class Binding:
    """What a version-2 envelope names besides its command: the union it is for (its log's
    origin and the hash of its charter's entry, None for the charter's own command) and,
    optionally, the head of the record its signer saw (size, hash)."""

    origin: str
    charter: str | None
    seen: tuple[int, str] | None = None

    def union(self) -> dict[str, Any]:
        return {"origin": self.origin, "charter": self.charter}

    def seen_json(self) -> dict[str, Any] | None:
        return None if self.seen is None else {"size": self.seen[0], "hash": self.seen[1]}

    def fields(self) -> dict[str, Any]:
        """The envelope's fields for this binding (signed with the command)."""
        seen = self.seen_json()
        return {"union": self.union(), **({"seen": seen} if seen is not None else {})}


@dataclass(frozen=True)
class VerifiedCommand:
    """A command whose signature verified with a key of its principal that was in force.

    ``command`` is a fresh copy, made from the signed canonical bytes; ``binding`` is what a
    version-2 envelope named (None for version 1)."""

    command: dict[str, Any]
    principal: str
    key_id: str
    signature: str
    version: int = 1
    binding: Binding | None = None


class _Fields(NamedTuple):
    command: dict[str, Any]
    #: The command's canonical JSON: what the signature covers of it.
    command_bytes: bytes
    principal: str
    key_id: str
    signature: bytes
    signature_text: str
    version: int
    binding: Binding | None


def signing_message(
    command: Mapping[str, Any], principal: str, key_id: str, binding: Binding | None = None
) -> bytes:
    """The exact bytes a principal signs for a command: version 2 with a binding, else 1."""
    return _message(canonical_json(command), principal, key_id, binding)


def _message(command: bytes, principal: str, key_id: str, binding: Binding | None) -> bytes:
    """`signing_message` from the command's canonical bytes: the canonical JSON of the body
    is spelled member by member in RFC 8785's order of keys ("command" < "key_id" <
    "principal" < "seen" < "union"), so the command, the larger part, is encoded once."""
    parts = [b'{"command":', command, b',"key_id":', canonical_json(key_id)]
    parts += [b',"principal":', canonical_json(principal)]
    if binding is None:
        return SIGNING_CONTEXT + b"".join(parts) + b"}"
    seen = binding.seen_json()
    if seen is not None:
        parts += [b',"seen":', canonical_json(seen)]
    parts += [b',"union":', canonical_json(binding.union()), b"}"]
    return SIGNING_CONTEXT_V2 + b"".join(parts)


def sign_command(
    command: Mapping[str, Any],
    principal: str,
    private_key: Ed25519PrivateKey,
    binding: Binding | None = None,
) -> dict[str, Any]:
    """The envelope of ``command`` issued by ``principal`` and signed with ``private_key``:
    version 2, naming its union, when a ``binding`` is given (version 1 only without one,
    as records made before version 2 hold).

    Raises ``EnvelopeError`` (malformed) if the command is not a JSON object that
    canonical JSON can carry, or the principal is not a non-empty string.
    """
    if not isinstance(principal, str) or not principal:
        raise EnvelopeError(Fault.MALFORMED, "the principal must be a non-empty string")
    copy = _json_object_copy(command)
    signer = key_id(private_key.public_key())
    signature = private_key.sign(signing_message(copy, principal, signer, binding))
    return {
        "format": ENVELOPE_FORMAT,
        "version": 1 if binding is None else ENVELOPE_VERSION,
        "command": copy,
        "principal": principal,
        "key_id": signer,
        **(binding.fields() if binding is not None else {}),
        "signature": base64.b64encode(signature).decode("ascii"),
    }


def verify_envelope(envelope: Any, lookup: KeyLookup) -> VerifiedCommand:
    """Check an envelope against the keys ``lookup`` knows; raise ``EnvelopeError`` if refused.

    The checks run in this order, and the first that fails is reported: the envelope's
    shape, the key id being registered, the signature, the key being the principal's, the
    key not being revoked. A signature that does not verify is reported as such whatever
    the envelope claims, so nothing is said about claims nobody signed.
    """
    fields = _fields(envelope)
    standing = lookup(fields.key_id)
    if standing is None or key_id(standing.public_key) != fields.key_id:
        raise EnvelopeError(Fault.UNKNOWN_KEY, f"key {fields.key_id} is not registered")
    message = _message(fields.command_bytes, fields.principal, fields.key_id, fields.binding)
    try:
        verify_remembered(standing.public_key, fields.signature, message)
    except InvalidSignature:
        raise EnvelopeError(
            Fault.BAD_SIGNATURE, f"the signature does not verify with key {fields.key_id}"
        ) from None
    if standing.principal != fields.principal:
        raise EnvelopeError(
            Fault.WRONG_PRINCIPAL,
            f"key {fields.key_id} is registered to {standing.principal!r}, "
            f"not to {fields.principal!r}",
        )
    if standing.revoked:
        raise EnvelopeError(Fault.REVOKED_KEY, f"key {fields.key_id} has been revoked")
    return VerifiedCommand(
        command=fields.command,
        principal=fields.principal,
        key_id=fields.key_id,
        signature=fields.signature_text,
        version=fields.version,
        binding=fields.binding,
    )


def write_envelope(
    path: str | os.PathLike[str], envelope: Mapping[str, Any], *, overwrite: bool = False
) -> None:
    """Write an envelope as UTF-8 JSON; an existing file is kept unless ``overwrite``.

    The envelope's shape is checked first (not its signature), so no malformed file is
    written."""
    _fields(envelope)
    data = (json.dumps(envelope, ensure_ascii=False, allow_nan=False, indent=1) + "\n").encode()
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise EnvelopeError(Fault.FILE, f"{path}: already exists") from None
    except OSError as error:
        raise EnvelopeError(Fault.FILE, f"{path}: cannot write ({error.strerror})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def read_envelope(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an envelope file; its shape is checked, its signature is not (see
    ``verify_envelope``)."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise EnvelopeError(Fault.FILE, f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise EnvelopeError(Fault.FILE, f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise EnvelopeError(Fault.FILE, f"{path}: cannot read ({error.strerror})") from None
    try:
        envelope = parse_json(text)
    except ValueError:
        raise EnvelopeError(Fault.FILE, f"{path}: not JSON") from None
    try:
        _fields(envelope)
    except EnvelopeError as error:
        raise EnvelopeError(error.fault, f"{path}: {error}") from None
    result: dict[str, Any] = envelope
    return result


def _fields(envelope: Any) -> _Fields:
    if not isinstance(envelope, Mapping):
        raise _malformed("an envelope is a JSON object")
    version = envelope.get("version")
    known = type(version) is int and version in (1, ENVELOPE_VERSION)
    if not known and "version" in envelope:
        raise _malformed(f"unsupported envelope version {version!r}")
    required, optional = (_FIELDS, frozenset()) if version == 1 else (_FIELDS_V2, _OPTIONAL_V2)
    missing = sorted(required - set(envelope))
    if missing:
        raise _malformed(f"the envelope has no {', '.join(missing)}")
    extra = sorted(str(name) for name in set(envelope) - required - optional)
    if extra:
        raise _malformed(f"the envelope has unknown fields: {', '.join(map(repr, extra))}")
    if envelope["format"] != ENVELOPE_FORMAT:
        raise _malformed(f"not an {ENVELOPE_FORMAT} envelope")
    principal = envelope["principal"]
    if not isinstance(principal, str) or not principal:
        raise _malformed("the principal must be a non-empty string")
    signer = envelope["key_id"]
    if not isinstance(signer, str) or not _KEY_ID.fullmatch(signer):
        raise _malformed("the key id must be 32 lowercase hex digits")
    command_bytes = _canonical_command(envelope["command"])
    return _Fields(
        command=parse_json(command_bytes),
        command_bytes=command_bytes,
        principal=principal,
        key_id=signer,
        signature=_signature_bytes(envelope["signature"]),
        signature_text=envelope["signature"],
        version=version if isinstance(version, int) else ENVELOPE_VERSION,
        binding=None if version == 1 else _binding(envelope["union"], envelope.get("seen")),
    )


def _binding(union: Any, seen: Any) -> Binding:
    if not isinstance(union, Mapping) or set(union) != {"origin", "charter"}:
        raise _malformed('the union is an object of exactly "origin" and "charter"')
    origin, charter = union["origin"], union["charter"]
    if not isinstance(origin, str) or not origin:
        raise _malformed("the union's origin must be a non-empty string")
    if charter is not None and not (isinstance(charter, str) and _HASH.fullmatch(charter)):
        raise _malformed("the union's charter must be 64 lowercase hex digits or null")
    if seen is None:
        return Binding(origin, charter)
    if not isinstance(seen, Mapping) or set(seen) != {"size", "hash"}:
        raise _malformed('what was seen is an object of exactly "size" and "hash"')
    size, digest = seen["size"], seen["hash"]
    if type(size) is not int or not 1 <= size <= _MAX_SIZE:
        raise _malformed(f"the size seen must be an integer from 1 to {_MAX_SIZE}")
    if not isinstance(digest, str) or not _HASH.fullmatch(digest):
        raise _malformed("the hash seen must be 64 lowercase hex digits")
    return Binding(origin, charter, (size, digest))


def _json_object_copy(command: Any) -> dict[str, Any]:
    copy: dict[str, Any] = parse_json(_canonical_command(command))
    return copy


def _canonical_command(command: Any) -> bytes:
    if not isinstance(command, Mapping):
        raise _malformed("the command must be a JSON object")
    try:
        return canonical_json(command)
    except (CanonicalizationError, TypeError, ValueError):
        raise _malformed("the command cannot be written as canonical JSON") from None


def _signature_bytes(text: Any) -> bytes:
    if not isinstance(text, str):
        raise _malformed("the signature must be a base64 string")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise _malformed("the signature is not valid base64") from None
    if len(raw) != _SIGNATURE_BYTES:
        raise _malformed(f"an Ed25519 signature is 64 bytes, this one is {len(raw)}")
    # Other padding bits would decode to the same bytes: one spelling per signature.
    if base64.b64encode(raw).decode("ascii") != text:
        raise _malformed("the signature's base64 is not in its canonical form")
    return raw


def _malformed(message: str) -> EnvelopeError:
    return EnvelopeError(Fault.MALFORMED, message)
