"""Keys on demand, for worked examples and tests: a keyring that plays every part.

A keyring made with `provision=True` holds a folder of keys, one per principal; when a
command's actor has none yet, one is made and registered by the body that answers for the
actor, through that body's own signed command, so the record shows the whole chain (P4).
Real principals bring their own keys (`--key FILE`); nothing here runs for them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from isonomia.domain import Command, DecideAccession, FoundingDecision, RegisterKey
from isonomia.domain.refusal import N_
from isonomia.ledger.keys import Ed25519PrivateKey, public_key_text
from isonomia.rules.capacity import home_of
from isonomia.service.building import new_command_id
from isonomia.service.errors import BadRequest
from isonomia.service.keyring import Keyring, Signer
from isonomia.service.principals import authority_for, founding_decision

if TYPE_CHECKING:
    from isonomia.service.recording import Service

__all__ = ["brought_key", "founding_decisions", "key_for", "own_key", "provide_key"]


def plays_every_part(signer: Signer) -> bool:
    return isinstance(signer, Keyring) and signer.provision


def key_for(service: Service, command: Command, signer: Signer) -> Ed25519PrivateKey:
    """The actor's key from `signer`; a provisioning keyring makes and registers a missing
    one through the body that answers for the actor."""
    key = signer.key_for(command.actor)
    if key is not None:
        return key
    if isinstance(signer, Keyring) and signer.provision:
        member = home_of(service.state(), command.actor) or getattr(command, "member", None)
        return provide_key(service, signer, command.actor, member, command.at)
    raise BadRequest.of(N_("no key for {actor}: give the key file of {actor}"), actor=command.actor)


def brought_key(command: Command, signer: Signer) -> Command:
    """A candidate congress's decision with the key it brings (P2), when a keyring that
    plays the candidate too signs it."""
    accession = isinstance(command, DecideAccession) and command.congress_key is None
    if accession and plays_every_part(signer):
        return command.model_copy(update={"congress_key": own_key(signer, command.actor)})
    return command


def own_key(signer: Signer, principal: str) -> str:
    """The public key a principal brings with its own decision (a candidate's congress,
    P2): its key from `signer`, made in a keyring if it has none yet."""
    key = signer.key_for(principal)
    if key is None and isinstance(signer, Keyring):
        key = signer.obtain(principal)
    if key is None:
        raise BadRequest.of(N_("no key for {principal}: give its key file"), principal=principal)
    return public_key_text(key.public_key())


def founding_decisions(
    service: Service, signer: Signer, decisions: list[tuple[str, date]]
) -> list[FoundingDecision]:
    """Each founding member's decision, signed by its congress's key (P1)."""
    if not isinstance(signer, Keyring):
        raise BadRequest.of(
            N_(
                "each founding decision is signed by that member's congress: give --keyring "
                "with the congresses' keys"
            )
        )
    union = service.charter().union.id
    return [founding_decision(signer, union, member, day) for member, day in decisions]


def provide_key(
    service: Service, keyring: Keyring, principal: str, member: str | None, at: datetime
) -> Ed25519PrivateKey:
    """Make `principal`'s key in the keyring and have its authority register it."""
    authority = authority_for(principal, member if isinstance(member, str) else None)
    if authority is None:
        raise BadRequest.of(
            N_("no key for {principal}, and no body can register one for it"),
            principal=principal,
        )
    key = keyring.create(principal)
    register = RegisterKey(
        command_id=new_command_id(),
        actor=authority,
        at=at,
        principal=principal,
        public_key=public_key_text(key.public_key()),
        for_member=member if principal.startswith("person:") else None,
    )
    service.execute(register, keyring)
    return key
