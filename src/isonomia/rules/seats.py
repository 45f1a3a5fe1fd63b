"""Seats, census figures and proxies of members' delegations (issue 24, P4, P12).

A member's seats in an organ whose charter entry apportions them are derived, never stored:
the charter's method (`isonomia.voting.apportionment`) applied to the members of the day
with their latest recorded census figures. An accession, a secession or a census update
(`UpdateCensus`, signed by the member's own council) therefore recomputes them from the day
it takes effect, with no act of its own, and a replay derives the same seats from the same
record. A delegate may give its seat's vote to a colleague of the same delegation only:
the seat is its member's (P4).
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.delegations import OrganDelegations
from isonomia.domain import FederationState, actors
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.seats import (
    CensusUpdated,
    GiveProxy,
    Proxy,
    ProxyBook,
    ProxyGiven,
    ProxyRevoked,
    RevokeProxy,
    UpdateCensus,
)
from isonomia.domain.slices import slice_of
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, own_council, sits
from isonomia.voting.apportionment import apportion
from isonomia.voting.errors import VotingError

__all__ = [
    "apportioned",
    "delegations_in",
    "given_proxy",
    "held_proxies",
    "seats_on",
    "sitting",
]


def delegations_in(state: FederationState, organ: str) -> OrganDelegations | None:
    """How the delegations sit and vote in `organ`, if its charter entry says (issue 24)."""
    found = state.charter.organ(organ) if state.charter else None
    return found.delegations if found else None


def apportioned(config: OrganDelegations, populations: list[tuple[str, int]]) -> dict[str, int]:
    """Each member's seats by the charter's apportionment; raises `VotingError` when the
    seats cannot be shared within the charter's bounds among these members."""
    rule = config.apportionment
    assert rule is not None
    seats = apportion(
        [p for _, p in populations],
        rule.seats,
        base=rule.base,
        minimum=rule.minimum,
        maximum=rule.maximum,
        method=rule.method,
    )
    return {m: s for (m, _), s in zip(populations, seats, strict=True)}


def seats_on(state: FederationState, organ: str, day: date) -> dict[str, int] | Refusal | None:
    """Each member's seats in `organ` on `day` (None: the organ apportions none)."""
    config = delegations_in(state, organ)
    if config is None or config.apportionment is None:
        return None
    members = [(m.id, m.population) for m in state.members_on(day)]
    try:
        return apportioned(config, members)
    except VotingError as error:
        return Refusal.of(
            "P12",
            N_("the seats of {organ} cannot be apportioned among its {count} members: {why}"),
            organ=organ,
            count=len(members),
            why=str(error),
        )


def sitting(state: FederationState, organ: str, member: str, day: date) -> list[str]:
    """The persons sitting for `member` in `organ` on `day`, in the order of appointment."""
    log = state.delegation_log
    found = [log[n] for n in state.delegations_by_seat.get((organ, member), ())]
    return list(dict.fromkeys(d.person for d in found if d.sits(day)))


def given_proxy(
    state: FederationState, organ: str, member: str, person: str, day: date
) -> Proxy | None:
    """The proxy `person` gave in its delegation and that stands on `day`, if any."""
    book = slice_of(state, ProxyBook)
    return next((p for p in book.standing(organ, member, day) if p.person == person), None)


def held_proxies(
    state: FederationState, organ: str, member: str, person: str, day: date
) -> list[str]:
    """The colleagues whose seats `person` casts by proxy on `day`: proxies that stand, from
    delegates who still sit for the member there."""
    book = slice_of(state, ProxyBook)
    seated = set(sitting(state, organ, member, day))
    return [
        p.person for p in book.standing(organ, member, day) if p.to == person and p.person in seated
    ]


def seat_problem(state: FederationState, organ: str, member: str, day: date) -> Refusal | None:
    """Why `member`'s delegation in `organ` cannot take one more delegate on `day`: it
    already has as many sitting as the member has seats there (P12)."""
    seats = seats_on(state, organ, day)
    if seats is None:
        return None
    if isinstance(seats, Refusal):
        return seats
    held = seats.get(member, 0)
    if len(sitting(state, organ, member, day)) >= held:
        return Refusal.of(
            "P12",
            N_("{member} holds {seats} seats in {organ}, all of them filled on {day}"),
            member=member,
            seats=held,
            organ=organ,
            day=day,
        )
    return None


@decides(UpdateCensus, who=own_council("P2"))
def update_census(state: FederationState, command: UpdateCensus) -> Decision:
    if not state.is_member(command.member, command.day):
        return Refusal.of(
            "P3", N_("{member} is not a member; its census is its own"), member=command.member
        )
    record = state.members[command.member]
    if command.population_year < record.population_year:
        return Refusal.of(
            "P12",
            N_("{member}'s census of {year} is older than the one recorded ({recorded})"),
            member=command.member,
            year=command.population_year,
            recorded=record.population_year,
        )
    return [
        CensusUpdated(
            member=command.member,
            population=command.population,
            population_year=command.population_year,
            population_source=command.population_source,
            updated_on=command.day,
        )
    ]


def _delegate(state: FederationState, command: GiveProxy | RevokeProxy) -> str | Refusal:
    kind, person = actors.split(command.actor)
    if kind != "person" or not state.sits_for(person, command.member, command.organ, command.day):
        return Refusal.of(
            "P4",
            N_("{actor} does not sit for {member} in {organ} on {day}"),
            actor=command.actor,
            member=command.member,
            organ=command.organ,
            day=command.day,
        )
    return person


_SITS = Who(
    "P4",
    "a delegate sitting for that member in that organ",
    lambda s, c: sits(s, c.actor, c.organ, c.member),
    decider_explains=True,
)


@decides(GiveProxy, who=_SITS)
def give_proxy(state: FederationState, command: GiveProxy) -> Decision:
    person = _delegate(state, command)
    if isinstance(person, Refusal):
        return person
    config = delegations_in(state, command.organ)
    if config is None or not config.proxies:
        return Refusal.of("P4", N_("the charter gives no proxies in {organ}"), organ=command.organ)
    day, organ, member = command.day, command.organ, command.member
    if command.to == person:
        return Refusal.of("P4", N_("a delegate cannot give its proxy to itself"))
    if not state.sits_for(command.to, member, organ, day):
        return Refusal.of(
            "P4",
            N_(
                "a proxy is given within a delegation only: {to} does not sit for {member} "
                "in {organ} on {day}; {member}'s seats are its own"
            ),
            to=command.to,
            member=member,
            organ=organ,
            day=day,
        )
    given = given_proxy(state, organ, member, person, day)
    if given is not None:
        return Refusal.of(
            "P4",
            N_("{person} already gave its proxy to {to}; it revokes that one first"),
            person=person,
            to=given.to,
        )
    if held_proxies(state, organ, member, person, day) or given_proxy(
        state, organ, member, command.to, day
    ):
        return Refusal.of(
            "P4",
            N_("a proxy is not passed on: {person} or {to} stands in a proxy already"),
            person=person,
            to=command.to,
        )
    return [ProxyGiven(organ=organ, member=member, person=person, to=command.to, given_on=day)]


@decides(RevokeProxy, who=_SITS)
def revoke_proxy(state: FederationState, command: RevokeProxy) -> Decision:
    person = _delegate(state, command)
    if isinstance(person, Refusal):
        return person
    if given_proxy(state, command.organ, command.member, person, command.day) is None:
        return Refusal.of(
            "P4",
            N_("{person} has no proxy standing in {organ} to revoke"),
            person=person,
            organ=command.organ,
        )
    return [
        ProxyRevoked(
            organ=command.organ, member=command.member, person=person, revoked_on=command.day
        )
    ]
