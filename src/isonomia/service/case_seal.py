"""Sealing a case's confidential texts at rest (P17, P18): public-key encryption with HPKE
(RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305) from `cryptography`.

- Each sealed case has a **content key**: 32 random bytes, made by whoever files it.
- It is **wrapped** to each reader entitled to the case (the inspection, the parties, the
  commission, the defenders) with HPKE single-shot encryption to the reader's registered
  X25519 sealing key; the HPKE `info` binds the case and the reader, so a wrapped key cannot
  be moved to another case or reader.
- Each text is encrypted with ChaCha20-Poly1305 under the content key, with a random nonce
  and the case id and the field's name as associated data: a ciphertext moved to another
  case or field fails to decrypt, as does any altered byte.
- A principal's **sealing key** is derived from its Ed25519 signing key's private bytes by
  HKDF-SHA256 with its own label (as age derives X25519 keys from ssh-ed25519 ones, by a
  different map): whoever holds the signing key file holds the sealing key, and the keyring
  folders and key files the signers already keep are all a reader needs.

The text forms are in `domain.sealing` (what the rules check without decrypting).
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from isonomia.domain.sealing import (
    SEALED_PREFIX,
    SEALED_TEXT,
    SEALING_KEY_PREFIX,
    sealing_key_id,
    sealing_key_raw,
)

__all__ = [
    "SealError",
    "X25519PrivateKey",
    "new_content_key",
    "open_bytes",
    "open_text",
    "seal_bytes",
    "seal_text",
    "sealing_key_of",
    "sealing_public_text",
    "unwrap_key",
    "wrap_key",
]

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_DERIVE_LABEL = b"isonomia/sealing-key/v1"
_NONCE_BYTES = 12


class SealError(ValueError):
    """A sealed text, file or wrapped key that does not open with this key: altered, moved
    to another case or field, or sealed to someone else. The message is one line."""


def sealing_key_of(signing_key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The X25519 sealing key derived from a principal's Ed25519 signing key."""
    seed = signing_key.private_bytes_raw()
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_DERIVE_LABEL)
    return X25519PrivateKey.from_private_bytes(derived.derive(seed))


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sealing_public_text(key: X25519PrivateKey) -> str:
    """The public half as the record keeps it: ``x25519:<base64>``."""
    return SEALING_KEY_PREFIX + base64.b64encode(_raw_public(key.public_key())).decode()


def own_key_id(key: X25519PrivateKey) -> str:
    return sealing_key_id(_raw_public(key.public_key()))


def new_content_key() -> bytes:
    return ChaCha20Poly1305.generate_key()


def _info(case: str, reader: str) -> bytes:
    return f"isonomia/case-key/v1|{case}|{reader}".encode()


def wrap_key(content_key: bytes, public_text: str, case: str, reader: str) -> str:
    """The content key wrapped to `reader`'s sealing key (base64)."""
    raw = sealing_key_raw(public_text)
    if raw is None:
        raise SealError(f"not a sealing key: {public_text[:40]}")
    public = X25519PublicKey.from_public_bytes(raw)
    return base64.b64encode(_SUITE.encrypt(content_key, public, info=_info(case, reader))).decode()


def unwrap_key(wrapped: str, key: X25519PrivateKey, case: str, reader: str) -> bytes:
    """The content key from its wrapping to `reader`; SealError when it does not open."""
    try:
        return _SUITE.decrypt(base64.b64decode(wrapped), key, info=_info(case, reader))
    except (InvalidTag, ValueError) as error:
        raise SealError(f"the key of case {case} does not open with {reader}'s key") from error


def _aad(case: str, field: str) -> bytes:
    return f"isonomia/sealed/v1|{case}|{field}".encode()


def seal_bytes(data: bytes, content_key: bytes, case: str, field: str) -> bytes:
    """`data` encrypted under the content key: nonce || ciphertext || tag."""
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + ChaCha20Poly1305(content_key).encrypt(nonce, data, _aad(case, field))


def open_bytes(sealed: bytes, content_key: bytes, case: str, field: str) -> bytes:
    nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    try:
        return ChaCha20Poly1305(content_key).decrypt(nonce, body, _aad(case, field))
    except (InvalidTag, ValueError) as error:
        raise SealError(
            f"a sealed {field} of case {case} does not open: altered, or not of this case"
        ) from error


def seal_text(text: str, content_key: bytes, case: str, field: str) -> str:
    """``sealed:v1:<field>:<base64>`` for a text of `case`'s `field`."""
    body = base64.b64encode(seal_bytes(text.encode(), content_key, case, field)).decode()
    return f"{SEALED_PREFIX}{field}:{body}"


def open_text(sealed: str, content_key: bytes, case: str) -> str:
    """The clear text of a sealed text of `case`; SealError when it does not open."""
    match = SEALED_TEXT.fullmatch(sealed)
    if match is None:
        raise SealError(f"not a sealed text of case {case}")
    field, body = match.groups()
    return open_bytes(base64.b64decode(body), content_key, case, field).decode()
