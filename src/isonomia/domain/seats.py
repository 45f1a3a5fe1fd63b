"""Delegations of many (issue 24, P4, P12): census figures, proxies within a delegation, and
votes cast per seat or split between yes, no and abstain.

A member's seats in an organ are not kept here: they are a pure function of the record (the
charter's apportionment applied to the members of the day and their latest census figures,
`isonomia.rules.seats`), so an accession, a secession or a census update changes them with
no act of its own, and a replay derives them again. What is kept: each member's census
updates (in its `MemberRecord`), the proxies its delegates gave one another (in the area's
slice, `ProxyBook`), and the seat votes (in the motion's ballots).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from typing import TYPE_CHECKING

from immutables import Map
from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.motions import Ballot
from isonomia.domain.persistent import put
from isonomia.domain.slices import slice_of, with_slice

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class UpdateCensus(Command):
    """A member's own council records its population from a new census; seats apportioned
    by population follow from the next day it is counted on."""

    member: Slug = Field(description="The member whose population is updated.")
    population: int = Field(gt=0, description="Its population by the census.")
    population_year: int = Field(ge=1000, le=3000, description="The census year.")
    population_source: str = Field(min_length=1, description="The census cited.")


class GiveProxy(Command):
    """A delegate gives its seat's vote in an organ to a colleague of the same delegation."""

    organ: Slug = Field(description="The organ.")
    member: Slug = Field(description="The member both delegates sit for.")
    to: Slug = Field(description="The colleague who casts the seat (a person's id).")


class RevokeProxy(Command):
    """A delegate takes back the proxy it gave in an organ."""

    organ: Slug = Field(description="The organ.")
    member: Slug = Field(description="The member the delegate sits for.")


class CensusUpdated(Event):
    member: str
    population: int
    population_year: int
    population_source: str
    updated_on: date


class ProxyGiven(Event):
    organ: str
    member: str
    person: str
    to: str
    given_on: date


class ProxyRevoked(Event):
    organ: str
    member: str
    person: str
    revoked_on: date


class SeatVoteCast(Event):
    """Votes cast in amounts: a delegation's weight split, or a delegate's seats (its own
    and those it holds by proxy, `seats_of`), each yes, no or abstain."""

    motion: str
    item: str
    member: str
    person: str
    yes: int
    no: int
    abstain: int
    #: The delegates whose seats were cast (per-seat votes); empty for a delegation's split.
    seats_of: list[str]
    cast_on: date


@dataclass(frozen=True)
class Proxy:
    """A proxy from `person` to `to`, from `given_on` until `revoked_on` (exclusive)."""

    person: str
    to: str
    given_on: date
    revoked_on: date | None = None

    def stands(self, on: date) -> bool:
        return self.given_on <= on and (self.revoked_on is None or on < self.revoked_on)


@dataclass(frozen=True)
class ProxyBook:
    """Every proxy given in each (organ, member) delegation, oldest first."""

    proxies: Mapping[tuple[str, str], tuple[Proxy, ...]] = _field(default_factory=Map)

    def standing(self, organ: str, member: str, on: date) -> list[Proxy]:
        return [p for p in self.proxies.get((organ, member), ()) if p.stands(on)]


def split_text(yes: int, no: int, abstain: int) -> str:
    """How a split is written in the record and the counts: ``yes=2,no=1,abstain=0``."""
    return f"yes={yes},no={no},abstain={abstain}"


@evolves(CensusUpdated)
def _census_updated(state: FederationState, event: CensusUpdated) -> FederationState:
    record = replace(
        state.members[event.member],
        population=event.population,
        population_year=event.population_year,
        population_source=event.population_source,
    )
    return revise(state, members=put(state.members, event.member, record))


@evolves(ProxyGiven)
def _proxy_given(state: FederationState, event: ProxyGiven) -> FederationState:
    book = slice_of(state, ProxyBook)
    key = (event.organ, event.member)
    proxy = Proxy(event.person, event.to, event.given_on)
    proxies = put(book.proxies, key, (*book.proxies.get(key, ()), proxy))
    return with_slice(state, ProxyBook(proxies))


@evolves(ProxyRevoked)
def _proxy_revoked(state: FederationState, event: ProxyRevoked) -> FederationState:
    book = slice_of(state, ProxyBook)
    key = (event.organ, event.member)
    revoked = tuple(
        replace(p, revoked_on=event.revoked_on)
        if p.person == event.person and p.stands(event.revoked_on)
        else p
        for p in book.proxies.get(key, ())
    )
    return with_slice(state, ProxyBook(put(book.proxies, key, revoked)))


@evolves(SeatVoteCast)
def _seat_vote_cast(state: FederationState, event: SeatVoteCast) -> FederationState:
    act = state.acts[event.motion]
    before = act.votes.get(event.item, {}).get(event.member)
    yes, no, abstain = before.split if before and before.split else (0, 0, 0)
    yes, no, abstain = yes + event.yes, no + event.no, abstain + event.abstain
    ballot = Ballot(
        split_text(yes, no, abstain),
        event.person,
        event.cast_on,
        split=(yes, no, abstain),
        seats_of=(*(before.seats_of if before else ()), *event.seats_of),
    )
    ballots = {**act.votes.get(event.item, {}), event.member: ballot}
    act = replace(act, votes={**act.votes, event.item: ballots})
    return revise(state, acts=put(state.acts, act.id, act))
