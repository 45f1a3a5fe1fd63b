"""Who may issue a command: the vocabulary each area writes its `who` with, beside its
decider (`@decides(CastVote, who=Who("P4", ..., lambda s, c: sits(...)))`).

The principal is the command's `actor`, which the service sets from the verified signature.
A member's own acts (founding decision, accession, secession, consents, answers to
directives) are its congress's or council's alone; votes are cast only by a delegate
sitting for that member in that organ on that day; procedural acts belong to the
secretariat or the organ's presiding officer. The secretariat never records a member's
decision or casts a vote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from isonomia.domain import FederationState, RevokeKey, actors
from isonomia.domain.languages import certifier
from isonomia.domain.refusal import N_, Refusal

__all__ = [
    "OWN_COUNCIL",
    "Who",
    "appoints",
    "certifies",
    "council_organ",
    "kind_of",
    "may_register",
    "may_revoke",
    "mover",
    "organ_of_act",
    "own_council",
    "own_person",
    "presiding",
    "procedural",
    "registrar",
    "sits",
    "speaks",
]

OWN_COUNCIL = N_("the member's own council")


@dataclass(frozen=True)
class Who:
    """Who may issue one kind of command: the principle protected and a test on the actor."""

    principle: str
    description: str
    allows: Callable[[FederationState, Any], bool]
    #: The decider makes the same check and says more precisely why (e.g. which member a
    #: delegate does not sit for); its refusal is given instead of this one's.
    decider_explains: bool = False
    #: Why the actor is refused, more precisely than "is for ...", when it can say (e.g.
    #: which delegate presides that day, P5); None: the general refusal.
    explain: Callable[[FederationState, Any], Refusal | None] | None = None


def own_council(principle: str, description: str = OWN_COUNCIL) -> Who:
    """Only the council of the member the command names (`command.member`)."""
    return Who(principle, description, lambda s, c: c.actor == actors.council(c.member))


def own_person(principle: str, description: str) -> Who:
    """Only the person the command names (`command.person`), in their own name."""
    return Who(principle, description, lambda s, c: c.actor == actors.person(c.person))


def kind_of(actor: str) -> str:
    return actors.split(actor)[0]


def council_organ(state: FederationState) -> str:
    return state.charter.council_organ().id if state.charter else "union-council"


def organ_of_act(state: FederationState, act_id: str) -> str | None:
    act = state.acts.get(act_id)
    return act.organ if act else None


def presiding(state: FederationState, organ: str | None) -> set[str]:
    """The organ's own presiding officer, and its presidium's (P4)."""
    result = {actors.organ(organ)} if organ else set()
    if state.charter is not None:
        result |= {actors.organ(o.id) for o in state.charter.organs if o.kind.value == "presidium"}
    return result


def procedural(state: FederationState, organ: str | None) -> set[str]:
    """Who runs an organ's procedure: the secretariat and its presiding officers."""
    return {actors.SECRETARIAT, *presiding(state, organ)}


def sits(state: FederationState, actor: str, organ: str | None, member: str | None) -> bool:
    """Whether `actor` is a person sitting in `organ` (for `member`, when given) now."""
    kind, person = actors.split(actor)
    if kind != "person" or organ is None:
        return False
    return any(
        d.organ == organ and (member is None or d.member == member) and d.recalled_on is None
        for d in state.delegations_of(person)
    )


def mover(state: FederationState, command: Any, organ: str | None) -> bool:
    """A motion or an amendment is put before an organ by its presiding officer, a member's
    council, a delegate sitting in it, or the secretariat preparing the organ's papers (P4):
    a draft commits no one; only the delegates' votes adopt it."""
    kind, name = actors.split(command.actor)
    if command.actor in procedural(state, organ):
        return True
    if kind == "council":
        return name in state.members
    return sits(state, command.actor, organ, None)


def registrar(principal: str, for_member: str | None) -> str | None:
    """Who registers a key for `principal`: a member's congress for its council and itself,
    a member's council for its delegates, the secretariat for the union's offices, the
    inspection for itself (no official can re-key the inspection, P16); None for a name that
    is no principal's."""
    kind, name = actors.split(principal)
    if kind == "congress" or principal == actors.INSPECTION:
        return principal
    if kind == "council":
        return actors.congress(name)
    if kind == "person":
        return actors.council(for_member) if for_member is not None else None
    if kind == "organ" or principal in (actors.SECRETARIAT, actors.LOG):
        return actors.SECRETARIAT
    return None


def may_register(
    state: FederationState, actor: str, principal: str, for_member: str | None
) -> bool:
    """Whether `actor` may register a key for `principal` (see `registrar`)."""
    by = registrar(principal, for_member)
    return by is not None and actor == by


def may_revoke(state: FederationState, command: RevokeKey) -> bool:
    record = state.keys.get(command.key_id)
    if record is None:
        return True  # the rule refuses an unknown key with its own reason
    return command.actor == record.principal or may_register(
        state, command.actor, record.principal, record.for_member
    )


def appoints(state: FederationState, actor: str, office_id: str) -> bool:
    """The organ whose vote fills and empties a named office, or the secretariat recording
    its act (P15); for an office the charter lacks, the rule says so."""
    office = state.charter.offices.office(office_id) if state.charter else None
    if office is None:
        return True
    return actor in (actors.SECRETARIAT, actors.organ(office.appointed_by or office.organ))


def speaks(state: FederationState, actor: str, language: str) -> bool:
    """Whether `actor` is the council of a member with `language` as an official one."""
    kind, name = actors.split(actor)
    record = state.members.get(name)
    return kind == "council" and record is not None and language in record.languages


def certifies(state: FederationState, actor: str, language: str) -> bool:
    return any(
        actor == certifier(state.languages, m, language)
        for m, r in state.members.items()
        if language in r.languages
    )
