"""The key register: which principal holds which key, from which entry, until which entry.

A fold over the ledger, pure: the caller applies registrations and revocations in ledger
order, each with the sequence number of the entry that records it. Nothing is forgotten,
so the register answers for any entry, past or present.

An entry is authorized by the state *before* it, so a key

- registered at entry ``r`` can sign entries ``r + 1`` onwards (not ``r``, which records
  its registration and is signed by another key, nor anything before);
- revoked at entry ``v`` can sign entries up to ``v`` (its holder may sign its own
  revocation or rotation), and nothing after.

Entries signed before a revocation stay valid: the register never rewrites the past.
Registering or revoking costs constant time (dict lookups and one list append).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from isonomia.ledger.envelope import KeyLookup, KeyStanding
from isonomia.ledger.keys import Ed25519PublicKey, key_id

__all__ = ["KeyRegister", "KeyRegisterError", "RegisteredKey"]


class KeyRegisterError(ValueError):
    """A registration, revocation or rotation that the register refuses; one-line message."""


@dataclass(frozen=True)
class RegisteredKey:
    """One key of one principal, and the entries that registered and revoked it."""

    key_id: str
    principal: str
    public_key: Ed25519PublicKey
    registered_at: int
    revoked_at: int | None = None

    def valid_at(self, sequence: int) -> bool:
        """Whether this key may sign the entry at ``sequence``."""
        if sequence <= self.registered_at:
            return False
        return self.revoked_at is None or sequence <= self.revoked_at


class KeyRegister:
    """Every key ever registered, by key id and by principal."""

    def __init__(self) -> None:
        self._keys: dict[str, RegisteredKey] = {}
        self._by_principal: dict[str, list[str]] = {}
        self._last_sequence = 0

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key_id: object) -> bool:
        return key_id in self._keys

    def get(self, key_id: str) -> RegisteredKey | None:
        """The record of a key id, revoked or not, or None if it was never registered."""
        return self._keys.get(key_id)

    def register(
        self, principal: str, public_key: Ed25519PublicKey, sequence: int
    ) -> RegisteredKey:
        """Record that the entry at ``sequence`` registers ``public_key`` for ``principal``.

        A key id is registered once: registering it again, for anyone, is refused."""
        if not isinstance(principal, str) or not principal:
            raise KeyRegisterError("a principal is a non-empty string")
        if not isinstance(public_key, Ed25519PublicKey):
            raise KeyRegisterError("only Ed25519 public keys can be registered")
        self._check_sequence(sequence)
        new_id = key_id(public_key)
        existing = self._keys.get(new_id)
        if existing is not None:
            raise KeyRegisterError(
                f"key {new_id} is already registered (to {existing.principal!r} "
                f"at entry {existing.registered_at})"
            )
        record = RegisteredKey(new_id, principal, public_key, sequence)
        self._keys[new_id] = record
        self._by_principal.setdefault(principal, []).append(new_id)
        self._last_sequence = sequence
        return record

    def revoke(self, key_id: str, sequence: int) -> RegisteredKey:
        """Record that the entry at ``sequence`` revokes ``key_id``; it signs nothing after."""
        self._check_sequence(sequence)
        record = self._revocable(key_id, sequence)
        revoked = dataclasses.replace(record, revoked_at=sequence)
        self._keys[key_id] = revoked
        self._last_sequence = sequence
        return revoked

    def rotate(
        self, old_key_id: str, new_public_key: Ed25519PublicKey, sequence: int
    ) -> RegisteredKey:
        """In one entry, register a new key for the old key's principal and revoke the old
        key. Either both happen or, if one is refused, neither. Returns the new key."""
        self._check_sequence(sequence)
        old = self._revocable(old_key_id, sequence)
        if key_id(new_public_key) == old_key_id:
            raise KeyRegisterError(f"key {old_key_id} cannot replace itself")
        new = self.register(old.principal, new_public_key, sequence)
        self.revoke(old_key_id, sequence)
        return new

    def valid_at(self, key_id: str, sequence: int) -> bool:
        """Whether ``key_id`` may sign the entry at ``sequence``."""
        record = self._keys.get(key_id)
        return record is not None and record.valid_at(sequence)

    def keys_of(self, principal: str, sequence: int) -> tuple[RegisteredKey, ...]:
        """The keys that may sign for ``principal`` at ``sequence``, oldest first."""
        ids = self._by_principal.get(principal, [])
        return tuple(self._keys[i] for i in ids if self._keys[i].valid_at(sequence))

    def standing(self, key_id: str, sequence: int) -> KeyStanding | None:
        """What an envelope's verification needs to know of ``key_id`` at ``sequence``.

        None if the key is not registered before that entry; otherwise its principal, its
        public key, and whether it has been revoked before that entry."""
        record = self._keys.get(key_id)
        if record is None or sequence <= record.registered_at:
            return None
        revoked = record.revoked_at is not None and record.revoked_at < sequence
        return KeyStanding(record.principal, record.public_key, revoked)

    def at(self, sequence: int) -> KeyLookup:
        """The lookup for ``verify_envelope`` when checking the entry at ``sequence``."""

        def lookup(key_id: str) -> KeyStanding | None:
            return self.standing(key_id, sequence)

        return lookup

    def _revocable(self, key_id: str, sequence: int) -> RegisteredKey:
        record = self._keys.get(key_id)
        if record is None:
            raise KeyRegisterError(f"key {key_id} is not registered")
        if record.revoked_at is not None:
            raise KeyRegisterError(f"key {key_id} was already revoked at entry {record.revoked_at}")
        if sequence <= record.registered_at:
            raise KeyRegisterError(
                f"key {key_id} was registered at entry {record.registered_at}; "
                f"it cannot be revoked at entry {sequence}"
            )
        return record

    def _check_sequence(self, sequence: int) -> None:
        if type(sequence) is not int or sequence < 1:
            raise KeyRegisterError(f"an entry's sequence is a positive integer, not {sequence!r}")
        # Several changes may come from one entry (a rotation), never from an earlier one.
        if sequence < self._last_sequence:
            raise KeyRegisterError(
                f"entry {sequence} comes before entry {self._last_sequence}, already applied"
            )
