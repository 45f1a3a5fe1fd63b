"""Private keys on the signer's side: one key file, or a keyring folder of them.

A principal signs its own commands with its own key; the service never needs it. `KeyFile`
is one person's key (`--key FILE`); `Keyring` is a folder with one file per principal
(`congress-georgia.key`), which `init --keys-dir` fills for a new union and which worked
examples and tests use to play every part. In a keyring that may provision keys, a missing
key is made on the spot and registered by the body that answers for it, through a signed
command of its own, so the record shows the whole chain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from isonomia.domain import Command
from isonomia.domain.refusal import N_
from isonomia.ledger.envelope import Binding, sign_command
from isonomia.ledger.keys import (
    Ed25519PrivateKey,
    KeyFileError,
    generate_private_key,
    key_id,
    load_private_key,
    public_key_text,
    save_private_key,
)
from isonomia.service.errors import BadRequest

__all__ = ["KeyFile", "Keyring", "Signer", "command_body", "envelope_of", "new_key_file"]


#: Mode of a new keyring folder: private keys, listed and read by their owner only.
PRIVATE_FOLDER = 0o700

#: A principal's name: a kind, and for most kinds the member, organ or person it is.
_PRINCIPAL = re.compile(r"[a-z]+(:[A-Za-z0-9][A-Za-z0-9._-]{0,62})?")


def command_body(command: Command) -> dict[str, Any]:
    """A command as the JSON object a principal signs: its fields and its type."""
    return {"type": type(command).__name__, **command.model_dump(mode="json")}


def envelope_of(command: Command, key: Ed25519PrivateKey, binding: Binding) -> dict[str, Any]:
    """The signed envelope of `command`, issued by its actor with `key`, for the union (and
    the head of its record) `binding` names."""
    return sign_command(command_body(command), command.actor, key, binding)


class Signer(Protocol):
    def key_for(self, principal: str) -> Ed25519PrivateKey | None:
        """The private key of `principal`, if this signer holds it."""
        ...


class KeyFile:
    """One principal's key, from a file (PEM)."""

    def __init__(self, path: str | Path) -> None:
        try:
            self.key = load_private_key(Path(path))
        except KeyFileError as error:
            raise BadRequest(str(error)) from error
        self.key_id = key_id(self.key.public_key())

    def key_for(self, principal: str) -> Ed25519PrivateKey | None:
        return self.key


class Keyring:
    """A folder of private keys, one per principal; it may make missing ones."""

    def __init__(self, folder: str | Path, provision: bool = False) -> None:
        self.folder = Path(folder)
        self.provision = provision

    @staticmethod
    def file_name(principal: str) -> str:
        """`congress:georgia` → `congress-georgia.key`; anything that is not a principal's
        name (control characters, separators) is refused before it reaches the disk."""
        if not _PRINCIPAL.fullmatch(principal):
            raise BadRequest.of(
                N_("'{principal}' is not the name of a principal"), principal=principal
            )
        return principal.replace(":", "-") + ".key"

    def path(self, principal: str) -> Path:
        return self.folder / self.file_name(principal)

    def key_for(self, principal: str) -> Ed25519PrivateKey | None:
        path = self.path(principal)
        if not path.exists():
            return None
        try:
            return load_private_key(path)
        except KeyFileError as error:
            raise BadRequest(str(error)) from error

    def create(self, principal: str) -> Ed25519PrivateKey:
        """Make a new key for `principal` and keep it in the folder."""
        self.folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        key = generate_private_key()
        try:
            save_private_key(self.path(principal), key)
        except KeyFileError as error:
            raise BadRequest(str(error)) from error
        return key

    def obtain(self, principal: str) -> Ed25519PrivateKey:
        """The principal's key, made now if there is none (two makers at once get one key)."""
        try:
            return self.key_for(principal) or self.create(principal)
        except BadRequest:
            key = self.key_for(principal)  # made by another writer in the meantime
            if key is None:
                raise
            return key

    def create_all(self, principals: list[str]) -> Mapping[str, str]:
        """Make a key for each principal; their public keys, by principal."""
        return {p: public_key_text(self.create(p).public_key()) for p in principals}


def new_key_file(path: str | Path) -> tuple[str, str]:
    """Make a key pair, write the private key to `path` (0600, never overwriting); return
    the public key line and the key id."""
    key = generate_private_key()
    try:
        save_private_key(Path(path), key)
    except KeyFileError as error:
        raise BadRequest(str(error)) from error
    return public_key_text(key.public_key()), key_id(key.public_key())
