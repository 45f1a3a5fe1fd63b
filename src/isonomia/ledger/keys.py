"""Principals' Ed25519 keys: generation, key ids, file and text forms.

A principal (a member's congress or council, a delegate, the secretariat, an organ's
presiding officer, the inspection) signs its commands with an Ed25519 key.

- **Key id**: the first 32 hex digits (128 bits) of SHA-256 over the 32 raw bytes of the
  public key. It is derived, never chosen, so the same key has the same id everywhere.
  Finding a second key with a given id costs about 2**128 hashes; two keys of one's own
  sharing an id about 2**64, and the key register refuses a second registration of an id
  anyway.
- **Public key text**: ``ed25519:<standard base64 of the 32 raw bytes>``, one line.
- **Private key file**: PEM, PKCS #8 (``BEGIN PRIVATE KEY``), or encrypted PKCS #8
  (``BEGIN ENCRYPTED PRIVATE KEY``) when a passphrase is given. Written with mode 0o600;
  an existing file is never overwritten.

Every failure to read a key raises ``KeyFileError`` with a one-line message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "KEY_ID_LENGTH",
    "PUBLIC_KEY_PREFIX",
    "Ed25519PrivateKey",
    "Ed25519PublicKey",
    "KeyFileError",
    "generate_private_key",
    "key_id",
    "load_private_key",
    "load_public_key",
    "parse_private_key",
    "parse_public_key",
    "private_key_pem",
    "public_key_text",
    "save_private_key",
    "save_public_key",
    "verify_remembered",
]

KEY_ID_LENGTH = 32
PUBLIC_KEY_PREFIX = "ed25519:"

_RAW_PUBLIC_KEY_BYTES = 32


class KeyFileError(ValueError):
    """A key that cannot be read, parsed or written; the message is one line."""


def generate_private_key() -> Ed25519PrivateKey:
    """A new Ed25519 private key from the operating system's random source."""
    return Ed25519PrivateKey.generate()


def key_id(public_key: Ed25519PublicKey) -> str:
    """The key id: SHA-256 of the raw public key, hex, first 32 digits."""
    return hashlib.sha256(_raw(public_key)).hexdigest()[:KEY_ID_LENGTH]


#: Signatures this process has found valid: (raw public key, signature, signed bytes). The
#: service checks a command's signature before it takes the append lock and again inside
#: it, where the second check finds it here instead of doing the arithmetic again (the
#: answer is the same: Ed25519 verification is deterministic). Only valid ones are kept.
_VALID: dict[tuple[bytes, bytes, bytes], None] = {}
_VALID_KEPT = 4096


def verify_remembered(public_key: Ed25519PublicKey, signature: bytes, message: bytes) -> None:
    """`public_key.verify(signature, message)`, remembered when valid (`_VALID`); raises
    `InvalidSignature` when not."""
    known = (_raw(public_key), signature, message)
    if known in _VALID:
        return
    public_key.verify(signature, message)
    if len(_VALID) >= _VALID_KEPT:
        _VALID.clear()
    _VALID[known] = None


def public_key_text(public_key: Ed25519PublicKey) -> str:
    """The public key as one line of text: ``ed25519:<base64 of the raw 32 bytes>``."""
    return PUBLIC_KEY_PREFIX + base64.b64encode(_raw(public_key)).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Read ``public_key_text`` back; anything but that exact spelling is refused."""
    if not isinstance(text, str) or not text.startswith(PUBLIC_KEY_PREFIX):
        raise KeyFileError(f"a public key is written {PUBLIC_KEY_PREFIX}<base64>")
    encoded = text[len(PUBLIC_KEY_PREFIX) :]
    try:
        raw = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise KeyFileError("the public key is not valid base64") from None
    if len(raw) != _RAW_PUBLIC_KEY_BYTES:
        raise KeyFileError(f"an Ed25519 public key is 32 bytes, this one is {len(raw)}")
    # One spelling per key: base64 that decodes to the same bytes with other padding bits
    # would give two texts for one key.
    if base64.b64encode(raw).decode("ascii") != encoded:
        raise KeyFileError("the public key's base64 is not in its canonical form")
    return Ed25519PublicKey.from_public_bytes(raw)


def private_key_pem(private_key: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    """The private key as PKCS #8 PEM, encrypted with ``passphrase`` when one is given."""
    encryption: serialization.KeySerializationEncryption
    if passphrase is None:
        encryption = serialization.NoEncryption()
    elif not passphrase:
        raise KeyFileError("a passphrase cannot be empty")
    else:
        encryption = serialization.BestAvailableEncryption(passphrase)
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def parse_private_key(data: bytes, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """Read a PEM private key; it must be Ed25519, and encrypted exactly when a passphrase
    is given."""
    try:
        key = serialization.load_pem_private_key(data, passphrase)
    except TypeError:
        # cryptography says which of the two it is in a TypeError.
        if passphrase is None:
            raise KeyFileError("the private key is encrypted: a passphrase is needed") from None
        raise KeyFileError("the private key is not encrypted: give no passphrase") from None
    except ValueError as error:
        if "password" in str(error).lower():
            raise KeyFileError("wrong passphrase for the private key") from None
        raise KeyFileError("not a PEM private key (garbled or not a key)") from None
    except UnsupportedAlgorithm:
        raise KeyFileError("the private key uses an unsupported algorithm") from None
    if not isinstance(key, Ed25519PrivateKey):
        kind = type(key).__name__.removesuffix("PrivateKey")
        raise KeyFileError(f"the private key is not Ed25519 (it is {kind})")
    return key


def save_private_key(
    path: str | os.PathLike[str],
    private_key: Ed25519PrivateKey,
    passphrase: bytes | None = None,
) -> None:
    """Write a private key file readable by its owner only (0o600); never overwrite."""
    _write_new(Path(path), private_key_pem(private_key, passphrase), mode=0o600)


def load_private_key(
    path: str | os.PathLike[str], passphrase: bytes | None = None
) -> Ed25519PrivateKey:
    """Read a private key file written by ``save_private_key``."""
    return parse_private_key(_read(Path(path), "private key"), passphrase)


def save_public_key(path: str | os.PathLike[str], public_key: Ed25519PublicKey) -> None:
    """Write the public key text and a newline to a new file; never overwrite."""
    data = (public_key_text(public_key) + "\n").encode("ascii")
    _write_new(Path(path), data, mode=0o644)


def load_public_key(path: str | os.PathLike[str]) -> Ed25519PublicKey:
    """Read a public key file: its text form, surrounding whitespace ignored."""
    data = _read(Path(path), "public key")
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise KeyFileError(f"{path}: not a public key (not ASCII text)") from None
    try:
        return parse_public_key(text.strip())
    except KeyFileError as error:
        raise KeyFileError(f"{path}: {error}") from None


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise KeyFileError(f"{path}: is a directory, not a {what} file") from None
    except OSError as error:
        raise KeyFileError(f"{path}: cannot read the {what} file ({error.strerror})") from None


def _write_new(path: Path, data: bytes, mode: int) -> None:
    # O_EXCL makes "does it exist?" and "create it" one step; the mode applies at creation,
    # so the private key is never readable by others, not even for an instant.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise KeyFileError(f"{path}: already exists; a key file is never overwritten") from None
    except OSError as error:
        raise KeyFileError(f"{path}: cannot create the key file ({error.strerror})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
