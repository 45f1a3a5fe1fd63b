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
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.membership import CharterAdopted
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class RegisterKey(Command):
    """Register a principal's public key (a rotation when `replaces` names the old one)."""

    principal: str = Field(min_length=1)
    public_key: str = Field(min_length=1)
    #: For a delegate's key: the member it sits for, whose council registers it.
    for_member: Slug | None = None
    #: A key of the same principal this one replaces; it is revoked in the same entry.
    replaces: str | None = None


class RevokeKey(Command):
    """Revoke a key: nothing signed with it after this entry is accepted."""

    key_id: str = Field(min_length=1)
    reason: str = Field(min_length=1)


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
    """The signed envelope a command came in, recorded before the events it produced."""

    command_id: str
    command_type: str
    principal: str
    key_id: str
    signature: str
    command: dict[str, Any]
    #: The member the command concerns, if any (so its export carries the signature).
    member: str | None = None


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

    def valid(self) -> bool:
        return self.revoked_at is None


def _register(state: FederationState, record: KeyRecord) -> FederationState:
    return replace(state, keys=put(state.keys, record.key_id, record))


@evolves(KeyRegistered)
def _key_registered(state: FederationState, event: KeyRegistered) -> FederationState:
    record = KeyRecord(
        event.key_id,
        event.principal,
        event.public_key,
        event.registered_by,
        state.version,
        event.for_member,
    )
    return _register(state, record)


@evolves(KeyRevoked)
def _key_revoked(state: FederationState, event: KeyRevoked) -> FederationState:
    record = replace(state.keys[event.key_id], revoked_at=state.version)
    return _register(state, record)


@evolves(CommandSigned)
def _command_signed(state: FederationState, event: CommandSigned) -> FederationState:
    return replace(state, command_ids=put(state.command_ids, event.command_id, state.version))


@evolves(CharterAdopted)
def _clock(state: FederationState, event: CharterAdopted) -> FederationState:
    return replace(state, clock=event.clock)
