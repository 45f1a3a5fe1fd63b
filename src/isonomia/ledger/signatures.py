"""Checking every signature in a record against the key register as it stood (P18).

Entries are followed in order. `KeyRegistered` and `KeyRevoked` entries keep a register of
keys; each `CommandSigned` entry is checked against the register as it stood before that
entry: the key must be registered to the signing principal, not yet revoked, and the
signature must verify over the recorded command. A key revoked at entry 50 cannot sign entry
51; a key registered at entry 10 cannot sign entry 9. The charter's first command and a
candidate's accession decision bring the key that signs them (the register learns it in the
same command), so for those two the key in the signed command itself is accepted.

This is the contract with the recorded events' payloads (their field names), kept here so
that the check needs nothing but this package and `cryptography`, and runs offline on an
export as well as on a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from isonomia.ledger.chain import Entry
from isonomia.ledger.envelope import (
    ENVELOPE_FORMAT,
    EnvelopeError,
    KeyStanding,
    verify_envelope,
)
from isonomia.ledger.keys import KeyFileError, key_id, parse_public_key

__all__ = ["SignatureChecker", "SignatureReport", "check_signatures", "envelope_of_record"]


@dataclass(frozen=True)
class SignatureReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str | None = None

    def describe(self) -> str:
        if self.ok:
            return f"{self.checked} signatures verified against the key register"
        return f"entry {self.broken_at}: {self.reason}"


class SignatureChecker:
    """Feed entries in order with `add`; `report()` says whether every signature held."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, str, bool]] = {}  # key id → principal, text, revoked
        self._checked = 0
        self._broken_at: int | None = None
        self._reason: str | None = None

    def add(self, entry: Entry) -> bool:
        """Take one entry; False once a signature has failed (later entries are ignored)."""
        if self._broken_at is not None:
            return False
        payload = dict(entry.payload)
        if entry.event_type == "KeyRegistered":
            key = str(payload.get("key_id"))
            self._keys[key] = (str(payload.get("principal")), str(payload.get("public_key")), False)
        elif entry.event_type == "KeyRevoked":
            key = str(payload.get("key_id"))
            if key in self._keys:
                principal, text, _ = self._keys[key]
                self._keys[key] = (principal, text, True)
        elif entry.event_type == "CommandSigned":
            problem = self._check(payload)
            if problem is not None:
                self._broken_at, self._reason = entry.sequence, problem
                return False
            self._checked += 1
        return True

    def _check(self, payload: dict[str, Any]) -> str | None:
        envelope = envelope_of_record(payload)
        brought = _brought_key(payload)

        def lookup(kid: str) -> KeyStanding | None:
            if kid in self._keys:
                principal, text, revoked = self._keys[kid]
                return KeyStanding(principal, parse_public_key(text), revoked)
            if brought is not None and brought[0] == kid:
                return KeyStanding(brought[1], parse_public_key(brought[2]), False)
            return None

        try:
            verify_envelope(envelope, lookup)
        except (EnvelopeError, KeyFileError) as error:
            return f"signature: {error}"
        return None

    def report(self) -> SignatureReport:
        return SignatureReport(
            ok=self._broken_at is None,
            checked=self._checked,
            broken_at=self._broken_at,
            reason=self._reason,
        )


def envelope_of_record(payload: dict[str, Any]) -> dict[str, Any]:
    """The envelope a `CommandSigned` payload records, as it was submitted: version 1, or
    version 2 with the union (and the head seen) its signature covers."""
    version = payload.get("envelope_version", 1)
    envelope: dict[str, Any] = {
        "format": ENVELOPE_FORMAT,
        "version": version,
        "command": payload.get("command"),
        "principal": payload.get("principal"),
        "key_id": payload.get("key_id"),
        "signature": payload.get("signature"),
    }
    if version != 1:
        envelope["union"] = payload.get("union")
        if payload.get("seen") is not None:
            envelope["seen"] = payload.get("seen")
    return envelope


def _brought_key(payload: dict[str, Any]) -> tuple[str, str, str] | None:
    """The key a command brings for its own signer: (key id, principal, public key text)."""
    command = payload.get("command")
    if not isinstance(command, dict):
        return None
    text: Any = None
    principal = str(payload.get("principal"))
    if command.get("type") == "AdoptCharter":
        text = (command.get("keys") or {}).get("secretariat")
        if principal != "secretariat":
            return None
    elif command.get("type") == "DecideAccession":
        candidate = (command.get("candidate") or {}).get("id")
        text = command.get("congress_key")
        if principal != f"congress:{candidate}":
            return None
    if not isinstance(text, str):
        return None
    try:
        return key_id(parse_public_key(text)), principal, text
    except KeyFileError:
        return None


def check_signatures(entries: Iterable[Entry]) -> SignatureReport:
    """Check every signature of a sequence of entries, in order."""
    checker = SignatureChecker()
    for entry in entries:
        if not checker.add(entry):
            break
    return checker.report()
