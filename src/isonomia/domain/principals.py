"""Principals (P1–P4, P18): who acts, known by the keys the record registers for them.

Each member's congress and council, each delegate, the secretariat, each organ's presiding
officer, the inspection and the log are principals. A key enters the record only by an act
of whoever has the right: the union's own keys with the charter, a member's congress key
with its founding or accession decision, its council's key by its congress, a delegate's
key by its member's council. Every command is recorded with the signed envelope it came in
(`CommandSigned`), so anyone can check who signed what against the register as it stood.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves, revise, upcasts
from isonomia.domain.departments import RepresentativeAppointed, StaffAssigned
from isonomia.domain.membership import CharterAdopted
from isonomia.domain.organs import DelegateAppointed
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class RegisterKey(Command):
    """Register a principal's public key (a rotation when `replaces` names the old one)."""

    principal: str = Field(min_length=1, description="Whose key: council:M, person:P, organ:O…")
    public_key: str = Field(min_length=1, description="The public key line (ed25519:…).")
    #: For a delegate's key: the member it sits for, whose council registers it.
    for_member: Slug | None = Field(
        default=None, description="For a delegate: the member it sits for."
    )
    #: A key of the same principal this one replaces; it is revoked in the same entry.
    replaces: str | None = Field(
        default=None, description="A key id of the same principal it replaces."
    )


class RevokeKey(Command):
    """Revoke a key: nothing signed with it after this entry is accepted."""

    key_id: str = Field(min_length=1, description="The key id to revoke.")
    reason: str = Field(min_length=1, description="Why (lost, stolen, rotated…).")


class KeyRegistered(Event):
    union_wide = True
    key_id: str
    principal: str
    public_key: str
    registered_by: str
    for_member: str | None = None

    def subject(self) -> str | None:
        kind, _, name = self.principal.partition(":")
        return name if kind in ("congress", "council") else self.for_member


class KeyRevoked(Event):
    union_wide = True
    key_id: str
    principal: str
    revoked_by: str
    reason: str


class CommandSigned(Event):
    """The signed envelope a command came in, recorded before the events it produced.

    `command` is the command exactly as signed (the signature covers its canonical JSON),
    never a re-serialization of it: a field the signer left out stays out."""

    schema_version = 2

    command_id: str
    command_type: str
    principal: str
    key_id: str
    signature: str
    command: dict[str, Any]
    #: The member the command concerns, if any (so its export carries the signature).
    member: str | None = None
    #: The envelope's version: 1 (before envelopes named their union) or 2.
    envelope_version: int = 1
    #: What a version-2 envelope names and signs: its union (origin, charter entry's hash)
    #: and, when given, the head of the record its signer saw (size, hash).
    union: dict[str, Any] | None = None
    seen: dict[str, Any] | None = None

    def envelope(self) -> dict[str, Any]:
        """The envelope this records, as it was submitted (`isonomia.ledger.envelope`)."""
        envelope: dict[str, Any] = {
            "format": "isonomia-signed-command",
            "version": self.envelope_version,
            "command": self.command,
            "principal": self.principal,
            "key_id": self.key_id,
            "signature": self.signature,
        }
        if self.envelope_version >= 2:
            envelope["union"] = self.union
            if self.seen is not None:
                envelope["seen"] = self.seen
        return envelope


@upcasts("CommandSigned", 1)
def _signed_before_envelopes_named_their_union(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "envelope_version": 1, "union": None, "seen": None}


@dataclass(frozen=True)
class KeyRecord:
    key_id: str
    principal: str
    public_key: str
    registered_by: str
    #: The state version (number of events folded) when it was registered / revoked.
    registered_at: int
    for_member: str | None = None
    revoked_at: int | None = None
    #: For a key that answers for a member (its congress's, its council's, a person's it
    #: registered): which of the member's memberships it was registered in, from 0. A later
    #: membership's keys never revoke or replace an earlier one's (P2, P3).
    term: int = 0

    def valid(self) -> bool:
        return self.revoked_at is None


def _register(state: FederationState, record: KeyRecord) -> FederationState:
    return revise(state, keys=put(state.keys, record.key_id, record))


def member_of_key(principal: str, for_member: str | None) -> str | None:
    """The member a key answers for: its congress's or council's, or the one whose council
    registered a person's key; None for the union's own offices."""
    kind, _, name = principal.partition(":")
    return name if kind in ("congress", "council") else for_member


def membership_term(state: FederationState, member: str | None) -> int:
    """The membership a key registered now belongs to: 0 for a member's first, one more
    for each membership that ended before (a key made for a rejoining candidate belongs
    to its next membership)."""
    record = state.members.get(member) if member else None
    if record is None:
        return 0
    ended = len(record.earlier) + (1 if record.departure_recorded else 0)
    return ended


@evolves(KeyRegistered)
def _key_registered(state: FederationState, event: KeyRegistered) -> FederationState:
    record = KeyRecord(
        event.key_id,
        event.principal,
        event.public_key,
        event.registered_by,
        state.version,
        event.for_member,
        term=membership_term(state, member_of_key(event.principal, event.for_member)),
    )
    known = state.keys_by_principal.get(event.principal, ())
    state = replace(
        state,
        keys_by_principal=put(state.keys_by_principal, event.principal, (*known, event.key_id)),
    )
    kind, _, person = event.principal.partition(":")
    if kind == "person" and event.for_member is not None:
        state = _answers_to(state, person, event.for_member)
    return _register(state, record)


def _answers_to(state: FederationState, person: str, member: str) -> FederationState:
    """The first member that names a person (appoints them, or registers their key) is the
    one that answers for them from then on (`rules.capacity`)."""
    if person in state.person_home:
        return state
    return revise(state, person_home=put(state.person_home, person, member))


@evolves(DelegateAppointed, RepresentativeAppointed, StaffAssigned)
def _appointed(
    state: FederationState, event: DelegateAppointed | RepresentativeAppointed | StaffAssigned
) -> FederationState:
    return _answers_to(state, event.person, event.member)


@evolves(KeyRevoked)
def _key_revoked(state: FederationState, event: KeyRevoked) -> FederationState:
    record = replace(state.keys[event.key_id], revoked_at=state.version)
    return _register(state, record)


@evolves(CommandSigned)
def _command_signed(state: FederationState, event: CommandSigned) -> FederationState:
    state = revise(state, command_ids=put(state.command_ids, event.command_id, state.version))
    if event.envelope_version >= 2 and not state.binds_envelopes:
        state = revise(state, binds_envelopes=True)
    return state


@evolves(CharterAdopted)
def _clock(state: FederationState, event: CharterAdopted) -> FederationState:
    return revise(state, clock=event.clock)
