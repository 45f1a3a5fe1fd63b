"""Principals and their keys (P1–P4, P18): authenticate a signed envelope, register and
revoke keys, and record the keys that come with the charter, the founding and accessions.

Pure: verifying an Ed25519 signature is arithmetic on the envelope and the key register the
state holds; no clock, no storage.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidSignature
from pydantic import ValidationError

from isonomia.domain import (
    COMMAND_TYPES,
    AdoptCharter,
    Command,
    CommandSigned,
    DecideAccession,
    Event,
    FederationState,
    FoundUnion,
    KeyRegistered,
    KeyRevoked,
    RegisterKey,
    RevokeKey,
    actors,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.envelope import (
    EnvelopeError,
    KeyStanding,
    VerifiedCommand,
    verify_envelope,
)
from isonomia.ledger.keys import KeyFileError, key_id, parse_public_key
from isonomia.rules.capacity import registration_refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, may_register, may_revoke

__all__ = [
    "authenticate",
    "bootstrap_keys",
    "founding_statement",
    "signed_record",
]


#: Commands the record once took and no longer does, with why (their entries stay as they are).
_RETIRED = {
    "AdmitMember": Refusal.of(
        "P4",
        N_(
            "no command may assert the members' votes: a candidate is admitted by a motion "
            "of the admitting organ, voted by each member's own delegation"
        ),
    ),
}


def founding_statement(union: str, member: str, decided_on: str) -> bytes:
    """The bytes a founding member's congress signs to decide to unify (P1)."""
    body = {"decision": "found", "member": member, "union": union, "decided_on": decided_on}
    return b"isonomia founding decision v1\n" + canonical_json(body)


def _key_of(text: str) -> tuple[str, str] | Refusal:
    try:
        return key_id(parse_public_key(text)), text
    except KeyFileError as error:
        return Refusal.of("P1", N_("not a public key: {error}"), error=error)


def _lookup(state: FederationState, extra: dict[str, tuple[str, str]]) -> Any:
    """The key register as a lookup for envelopes, with keys a command brings for itself."""

    def lookup(kid: str) -> KeyStanding | None:
        record = state.keys.get(kid)
        if record is not None:
            return KeyStanding(
                record.principal, parse_public_key(record.public_key), not record.valid()
            )
        if kid in extra:
            principal, text = extra[kid]
            return KeyStanding(principal, parse_public_key(text), False)
        return None

    return lookup


def _holds_valid_key(state: FederationState, principal: str) -> bool:
    return any(state.keys[k].valid() for k in state.keys_by_principal.get(principal, ()))


def _self_certified(state: FederationState, command: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Keys a command brings for its own signer: the charter's secretariat key (the first
    entry), a candidate congress's key (its accession decision, P2). A former member whose
    congress still holds a key in the record decides to rejoin with that key: nobody else
    can claim its congress by bringing a new one."""
    kind = command.get("type")
    found: dict[str, tuple[str, str]] = {}
    texts: list[tuple[str, Any]] = []
    if kind == "AdoptCharter" and state.charter is None:
        texts = [(actors.SECRETARIAT, (command.get("keys") or {}).get(actors.SECRETARIAT))]
    elif kind == "DecideAccession":
        candidate = actors.congress(str((command.get("candidate") or {}).get("id")))
        if not _holds_valid_key(state, candidate):
            texts = [(candidate, command.get("congress_key"))]
    for principal, text in texts:
        if isinstance(text, str):
            parsed = _key_of(text)
            if not isinstance(parsed, Refusal):
                found[parsed[0]] = (principal, text)
    return found


def authenticate(state: FederationState, envelope: Any) -> tuple[Command, CommandSigned] | Refusal:
    """The command an envelope carries, checked against the key register (P18), with the
    record of its signature; or why it is refused. The command's actor is its signer."""
    data = envelope.get("command") if isinstance(envelope, dict) else None
    extra = _self_certified(state, data) if isinstance(data, dict) else {}
    try:
        verified = verify_envelope(envelope, _lookup(state, extra))
    except EnvelopeError as error:
        return Refusal.of(
            "P18", N_("the signature is not accepted: {error}"), error=error
        ).by_actor()
    body = dict(verified.command)
    name = str(body.pop("type", ""))
    cls = COMMAND_TYPES.get(name)
    if cls is None:
        retired = _RETIRED.get(name)
        return retired or Refusal.of("P18", N_("the envelope carries no known command type"))
    try:
        command = cls.model_validate(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return Refusal.of(
            "P18",
            N_("the signed command is malformed: {where}: {msg}"),
            where=where,
            msg=first["msg"],
        )
    if command.actor != verified.principal:
        return Refusal.of(
            "P18",
            N_("the command names {actor} but is signed by {principal}"),
            actor=command.actor,
            principal=verified.principal,
        ).by_actor()
    if command.command_id in state.command_ids:
        return Refusal.of(
            "P18",
            N_("command {command_id} is already recorded: no replay"),
            command_id=command.command_id,
        )
    return command, signed_record(command, verified)


def signed_record(command: Command, verified: VerifiedCommand) -> CommandSigned:
    """The `CommandSigned` event recorded before a command's own events: the envelope as
    it was signed, its command never re-serialized (a field left out stays out)."""
    member = getattr(command, "member", None)
    binding = verified.binding
    return CommandSigned(
        command_id=command.command_id,
        command_type=type(command).__name__,
        principal=verified.principal,
        key_id=verified.key_id,
        signature=verified.signature,
        command=verified.command,
        member=member if isinstance(member, str) else None,
        envelope_version=verified.version,
        union=binding.union() if binding is not None else None,
        seen=binding.seen_json() if binding is not None else None,
    )


def _registered(kid: str, principal: str, text: str, by: str, member: str | None) -> Event:
    return KeyRegistered(
        key_id=kid, principal=principal, public_key=text, registered_by=by, for_member=member
    )


def _founding_keys(state: FederationState, command: FoundUnion) -> list[Event] | Refusal:
    union = state.charter.union.id if state.charter else ""
    events: list[Event] = []
    for decision in command.decisions:
        if not decision.congress_key or not decision.signature:
            continue
        parsed = _key_of(decision.congress_key)
        if isinstance(parsed, Refusal):
            return parsed
        statement = founding_statement(union, decision.member, decision.decided_on.isoformat())
        try:
            signature = base64.b64decode(decision.signature, validate=True)
            parse_public_key(decision.congress_key).verify(signature, statement)
        except (InvalidSignature, binascii.Error, ValueError):
            return Refusal.of(
                "P1",
                N_("{member}'s founding decision is not signed by its congress key"),
                member=decision.member,
            )
        principal = actors.congress(decision.member)
        events.append(_registered(parsed[0], principal, parsed[1], principal, None))
    return events


def bootstrap_keys(state: FederationState, command: Command) -> list[Event] | Refusal:
    """Keys a command registers by itself: the union's keys with the charter, the founding
    members' congress keys with the founding, a candidate's congress key with its decision."""
    if isinstance(command, AdoptCharter):
        events: list[Event] = []
        for principal, text in sorted(command.keys.items()):
            parsed = _key_of(text)
            if isinstance(parsed, Refusal):
                return parsed
            events.append(_registered(parsed[0], principal, text, "charter", None))
        return events
    if isinstance(command, FoundUnion):
        return _founding_keys(state, command)
    if isinstance(command, DecideAccession) and command.congress_key:
        parsed = _key_of(command.congress_key)
        if isinstance(parsed, Refusal):
            return parsed
        if parsed[0] in state.keys:
            return []
        principal = actors.congress(command.candidate.id)
        return [_registered(parsed[0], principal, parsed[1], principal, None)]
    return []


@decides(
    RegisterKey,
    who=Who(
        "P4",
        "the body that answers for that principal",
        lambda s, c: may_register(s, c.actor, c.principal, c.for_member),
    ),
)
def register_key(state: FederationState, command: RegisterKey) -> Decision:
    refusal = registration_refusal(state, command)
    if refusal is not None:
        return refusal
    parsed = _key_of(command.public_key)
    if isinstance(parsed, Refusal):
        return parsed
    kid, text = parsed
    if kid in state.keys:
        return Refusal.of(
            "P18", N_("key {kid} is already registered; a key is registered once"), kid=kid
        )
    events: list[Event] = [
        _registered(kid, command.principal, text, command.actor, command.for_member)
    ]
    if command.replaces is not None:
        old = state.keys.get(command.replaces)
        if old is None or old.principal != command.principal:
            return Refusal.of(
                "P18",
                N_("{principal} has no key {replaces} to replace"),
                principal=command.principal,
                replaces=command.replaces,
            )
        if old.valid():
            events.append(
                KeyRevoked(
                    key_id=old.key_id,
                    principal=old.principal,
                    revoked_by=command.actor,
                    reason=f"replaced by {kid}",
                )
            )
    return events


@decides(RevokeKey, who=Who("P4", "the key's holder or the body that registered it", may_revoke))
def revoke_key(state: FederationState, command: RevokeKey) -> Decision:
    record = state.keys.get(command.key_id)
    if record is None:
        return Refusal.of("P18", N_("there is no key {key_id}"), key_id=command.key_id)
    if not record.valid():
        return Refusal.of("P18", N_("key {key_id} is already revoked"), key_id=command.key_id)
    return [
        KeyRevoked(
            key_id=record.key_id,
            principal=record.principal,
            revoked_by=command.actor,
            reason=command.reason,
        )
    ]
