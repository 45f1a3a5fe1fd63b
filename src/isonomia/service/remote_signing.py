"""Commands signed away from the service: what a remote signer (a browser holding a
non-extractable WebCrypto Ed25519 key) must sign, and how refusals are classed.

`prepare` takes an unsigned command as JSON, checks it as the CLI would (bad input is one
line naming the field), fills in what the service may choose (a new command id, and in a
live union the time), and returns the exact bytes the principal signs with the key
`key_id`: the same bytes `isonomia … --sign-only` signs, so the envelope built from the
signature is the one the CLI would have written, and verifies offline like it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from isonomia.domain import COMMAND_TYPES
from isonomia.ledger.envelope import ENVELOPE_FORMAT, ENVELOPE_VERSION, Binding, signing_message
from isonomia.service.building import make, new_command_id
from isonomia.service.errors import BadRequest
from isonomia.service.keyring import command_body

__all__ = ["Prepared", "prepare"]


@dataclass(frozen=True)
class Prepared:
    """A command ready to sign: the envelope without its signature, and the bytes to sign."""

    command: dict[str, Any]
    principal: str
    key_id: str
    message: bytes
    #: The union (and the head of its record) the envelope names.
    binding: Binding

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.message).hexdigest()

    def envelope(self, signature: bytes) -> dict[str, Any]:
        """The envelope, once signed."""
        return {
            "format": ENVELOPE_FORMAT,
            "version": ENVELOPE_VERSION,
            "command": self.command,
            "principal": self.principal,
            "key_id": self.key_id,
            **self.binding.fields(),
            "signature": base64.b64encode(signature).decode("ascii"),
        }


def prepare(
    name: str,
    fields: Mapping[str, Any],
    key_id: str,
    now: datetime,
    live: bool,
    binding: Binding,
) -> Prepared:
    """The command `name` with `fields`, checked and completed, ready for `key_id` to sign,
    for the union (and the head of its record) that `binding` names."""
    cls = COMMAND_TYPES.get(name)
    if cls is None:
        raise BadRequest(f"no command {name!r}")
    values = {k: v for k, v in fields.items() if k != "type"}
    if "type" in fields and fields["type"] != name:
        raise BadRequest(f"the command's type is {fields['type']!r}, not {name!r}")
    values.setdefault("command_id", new_command_id())
    if live or "at" not in values:
        values["at"] = now
    command = make(cls, **values)
    body = command_body(command)
    message = signing_message(body, command.actor, key_id, binding)
    return Prepared(body, command.actor, key_id, message, binding)
