"""The pins a member gives a verifier (P3, P18), and where a member takes them from.

An export or a proof carries keys and checkpoints that vouch for themselves; what anchors
it is what its reader pinned beforehand (``ledger.anchor``): the log's verifier key
(``--log-key VKEY`` or ``@FILE``), members' witness keys (``--witness-keys FILE``, one a
line) with how many must have co-signed (``--require-cosigners K``, 1 when left out), and
the checkpoint expected (``--expect-head``: its root hash, or a checkpoint file kept from
`isonomia ledger head`). A member takes the keys from its own copy of the record while it
is a member (`isonomia ledger verifier-keys`), or from the keys a keyring holds.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from isonomia.domain import actors
from isonomia.domain.refusal import N_
from isonomia.ledger.anchor import Anchor, read_verifier_keys
from isonomia.ledger.export_tlog import ExportPins
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    NoteError,
    VerifierKey,
    parse_checkpoint,
    parse_note,
)
from isonomia.service.errors import BadRequest
from isonomia.service.transparency import cosigner_keys, log_origin

if TYPE_CHECKING:
    from isonomia.service.federation import Federation
    from isonomia.service.keyring import Signer as KeySource

__all__ = [
    "export_pins",
    "held_log_key",
    "held_witness_keys",
    "witness_verifier_keys",
]


def witness_verifier_keys(federation: Federation) -> list[str]:
    """The members' councils' witness keys in force (vkeys), for `--witness-keys`."""
    return sorted(key.encode() for key in cosigner_keys(federation.state()))


def held_log_key(source: KeySource, federation: Federation) -> str:
    """The log's verifier key, from the log's private key a keyring holds (not the record)."""
    key = source.key_for(actors.LOG)
    if key is None:
        raise BadRequest.of(N_("the keyring holds no log key"))
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return VerifierKey(log_origin(federation.state()), ED25519, raw).encode()


def held_witness_keys(source: KeySource, principals: Iterable[str]) -> list[str]:
    """The witness keys of those ``principals`` (councils) a keyring holds a key of."""
    found = []
    for principal in principals:
        key = source.key_for(principal)
        if key is not None:
            raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            found.append(VerifierKey(principal, COSIGNATURE_V1, raw).encode())
    return found


def _read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise BadRequest.of(N_("cannot read {path}: {error}"), path=path, error=reason) from None


def _log_keys(given: str | None) -> tuple[VerifierKey, ...]:
    if given is None:
        return ()
    text = _read_text(given[1:]) if given.startswith("@") else given
    try:
        keys = read_verifier_keys(text)
        return Anchor(log_keys=tuple(keys)).log_keys if keys else ()
    except NoteError as error:
        raise BadRequest.of(
            N_("--log-key is the log's verifier key (name+hexid+base64) or @FILE: {error}"),
            error=error,
        ) from None


def _witnesses(path: str | Path | None) -> tuple[VerifierKey, ...]:
    if path is None:
        return ()
    try:
        return Anchor(witnesses=tuple(read_verifier_keys(_read_text(path)))).witnesses
    except NoteError as error:
        raise BadRequest.of(
            N_("{file} is not a file of witness verifier keys, one a line: {error}"),
            file=path,
            error=error,
        ) from None


def _expected_head(expect: str | None) -> ExportPins:
    if expect is None:
        return ExportPins()
    text = expect.strip()
    if len(text) == 64 and all(ch in "0123456789abcdef" for ch in text):
        return ExportPins(root=bytes.fromhex(text))
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) == 32:
            return ExportPins(root=raw)
    except (binascii.Error, ValueError):
        pass
    try:
        note = parse_note(Path(expect).read_bytes())
        parse_checkpoint(note.text)
        return ExportPins(kept=note)
    except (OSError, NoteError) as error:
        raise BadRequest.of(
            N_("--expect-head is a root hash (hex or base64) or a checkpoint file: {error}"),
            error=error,
        ) from None


def export_pins(
    expect_head: str | None = None,
    log_key: str | None = None,
    witness_keys: str | Path | None = None,
    require_cosigners: int | None = None,
) -> ExportPins:
    """The pins of `verify-export`'s options; a malformed one is a `BadRequest`."""
    head = _expected_head(expect_head)
    witnesses = _witnesses(witness_keys)
    required = 0
    if witness_keys is None and require_cosigners is not None:
        raise BadRequest.of(
            N_(
                "--require-cosigners counts cosignatures by the witnesses of --witness-keys "
                "FILE: give that file too"
            )
        )
    if witness_keys is not None:
        if not witnesses:
            raise BadRequest.of(N_("{file} holds no witness key"), file=witness_keys)
        required = 1 if require_cosigners is None else require_cosigners
        if not 1 <= required <= len(witnesses):
            raise BadRequest.of(
                N_(
                    "--require-cosigners {required}: give a number from 1 to the {count} "
                    "witness keys in {file}"
                ),
                required=required,
                count=len(witnesses),
                file=witness_keys,
            )
    anchor = Anchor(_log_keys(log_key), witnesses, required)
    return ExportPins(anchor, head.root, head.kept)
