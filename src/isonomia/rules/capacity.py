"""In what capacity a key signs (P2–P4, P17): keys belong to whoever answers for them, and
only there.

A person's key is registered by the council of the member the person serves, and signs
only in that member's capacity: a key Armenia's council registered can never cast
Georgia's vote, file Georgia's appeal, or move a motion for Georgia's delegation. Acts a
person does in their own name (a complaint, a defence, a commission's findings, a declared
tie) are signed with a key of the member that first answered for the person (its "home"),
so no other member's council can step into someone's shoes by registering a key for them.
A council registers a key for a person the record already knows only if it is that
person's home, or it appointed the person to an office for it (and that key then signs for
it alone). A person's home is the member that first named them, by appointing them to an
office or by registering their key; the record shows it, and a council that appoints
someone who already answers to another member sees so.

A presiding delegate signs an organ's procedural acts for the member presiding that day
(P5), with a key that member's council registered.

A member that left and rejoined is, for its keys, a new membership: the keys of the new one
never revoke or replace the keys of an earlier one (`KeyRecord.term`), whose history stays.
"""

from __future__ import annotations

from isonomia.domain import (
    CastVote,
    Command,
    DraftMotion,
    FederationState,
    FileAppeal,
    ProposeAmendment,
    RegisterKey,
    RevokeKey,
    actors,
)
from isonomia.domain.principals import KeyRecord, member_of_key
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.presiding import presides_for

__all__ = ["capacity_refusal", "home_of", "proves_in_own_name", "registration_refusal"]


def home_of(state: FederationState, person: str) -> str | None:
    """The member that answers for `person` (``person:ID``): the first whose council
    appointed the person to an office or registered their key (a member's national with no
    office: a complainant, a defender)."""
    return state.person_home.get(actors.split(person)[1])


def proves_in_own_name(state: FederationState, key: KeyRecord) -> bool:
    """Whether `key` proves its principal as itself (a reader of a sealed case, a web
    account): any key of a body; a person's only from the council of the person's home."""
    kind, _ = actors.split(key.principal)
    return kind != "person" or key.for_member == home_of(state, key.principal)


def _appointed_by(state: FederationState, person_id: str, member: str) -> bool:
    """Whether `member`'s council appointed the person to any office for it (P4, P7)."""
    return any(h.member == member for h in state.offices.of(person_id)) or any(
        d.member == member for d in state.delegations_of(person_id)
    )


def registration_refusal(state: FederationState, command: RegisterKey) -> Refusal | None:
    """Why a council may not register this person's key, or None."""
    kind, person_id = actors.split(command.principal)
    member = command.for_member
    if kind != "person" or member is None:
        return None
    home = home_of(state, command.principal)
    if home is None or home == member or _appointed_by(state, person_id, member):
        return None
    return Refusal.of(
        "P4",
        N_(
            "{principal} answers to {home}'s council; {member}'s council registers a key "
            "only for a person it appointed"
        ),
        principal=command.principal,
        home=home,
        member=member,
    ).by_actor()


def _acts_for(command: Command) -> str | None:
    """The member a person's command acts for, where the command names one."""
    if isinstance(command, CastVote | FileAppeal):
        return command.member
    return None


def capacity_refusal(
    state: FederationState, command: Command, key: KeyRecord | None
) -> Refusal | None:
    """Why the signing `key` may not sign this command in its capacity, or None."""
    if key is None:
        return None
    term = _term_refusal(state, command, key)
    if term is not None:
        return term
    kind, _ = actors.split(command.actor)
    if kind != "person":
        return None
    member = _acts_for(command) or presides_for(state, command)
    if member is None and isinstance(command, DraftMotion | ProposeAmendment):
        return _mover_refusal(state, command, key)
    if member is None:
        member = home_of(state, command.actor)
        if key.for_member == member:
            return None
        return Refusal.of(
            "P4",
            N_(
                "{actor} acts in its own name only with a key {home}'s council registered; "
                "this key was registered by {member}'s"
            ),
            actor=command.actor,
            home=member,
            member=key.for_member,
        ).by_actor()
    if key.for_member == member:
        return None
    return Refusal.of(
        "P4",
        N_("{actor}'s key was registered by {registrar}'s council: it cannot act for {member}"),
        actor=command.actor,
        registrar=key.for_member,
        member=member,
    ).by_actor()


def _mover_refusal(
    state: FederationState, command: DraftMotion | ProposeAmendment, key: KeyRecord
) -> Refusal | None:
    """A delegate moves a motion in an organ only for a delegation its key's member
    appointed it to (P4)."""
    if isinstance(command, DraftMotion):
        organ: str | None = command.organ
    else:
        act = state.acts.get(command.motion)
        organ = act.organ if act is not None else None
    _, person = actors.split(command.actor)
    if any(
        d.organ == organ and d.member == key.for_member and d.recalled_on is None
        for d in state.delegations_of(person)
    ):
        return None
    return Refusal.of(
        "P4",
        N_(
            "{actor} sits in {organ} for no delegation of {registrar}, whose council "
            "registered this key"
        ),
        actor=command.actor,
        organ=organ,
        registrar=key.for_member,
    ).by_actor()


def _term_refusal(state: FederationState, command: Command, key: KeyRecord) -> Refusal | None:
    """Keys of a later membership never revoke or replace keys of an earlier one (P2, P3)."""
    target_id = None
    if isinstance(command, RevokeKey):
        target_id = command.key_id
    elif isinstance(command, RegisterKey):
        target_id = command.replaces
    target = state.keys.get(target_id) if target_id is not None else None
    if target is None or (command.actor == target.principal and key.key_id == target.key_id):
        return None
    member = member_of_key(target.principal, target.for_member)
    if member is None or member != member_of_key(key.principal, key.for_member):
        return None
    if target.term >= key.term:
        return None
    return Refusal.of(
        "P3",
        N_(
            "key {key_id} belongs to {member}'s earlier membership: a key of its new "
            "membership cannot revoke or replace it"
        ),
        key_id=target.key_id,
        member=member,
    ).by_actor()
