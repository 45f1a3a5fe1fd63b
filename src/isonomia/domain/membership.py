"""Membership (P1–P3): the charter, the founding, accession and secession.

Commands, events, the member records the state keeps, and how each event changes them.
Whether a member is still a member on a day is computed from the dates the events carry,
so a secession takes effect at the end of its notice period whatever anyone does (P3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from isonomia.charter.load import charter_from_data
from isonomia.charter.model import LanguageTag, Slug
from isonomia.domain.base import Command, Event, evolves, revise, upcasts
from isonomia.domain.competences import CompetenceChange
from isonomia.domain.persistent import put, without

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class AdoptCharter(Command):
    """Adopt the charter the union will be founded on (recorded first in the ledger)."""

    charter: dict[str, Any] = Field(description="The charter, as validated data.")
    #: The union's own principals and their first public keys (the secretariat, the
    #: inspection, each organ's presiding officer, the log), registered with the charter.
    keys: dict[str, str] = Field(
        default_factory=dict, description="The union's first keys: principal to public key line."
    )
    #: "live": the record's clock is the service's; "simulated": dates are asserted by the
    #: commands (worked examples, tests, replays of history), and every output says so.
    clock: Literal["live", "simulated"] = Field(
        default="live",
        description="live: the service's time is recorded; simulated: the commands' own dates.",
    )


class FoundingDecision(BaseModel):
    """A founding member's own congress decision to unify (P1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    member: Slug
    decided_on: date
    #: The congress's public key, registered with the founding (P1, P2).
    congress_key: str | None = None
    #: The congress's signature over its decision (`founding_statement`), by that key.
    signature: str | None = None


class FoundUnion(Command):
    """Found the union by formal unification of its founding members (P1)."""

    founded_on: date = Field(description="The founding date.")
    decisions: list[FoundingDecision] = Field(
        description="Every founding member's own congress decision (P1)."
    )


class Candidate(BaseModel):
    """A candidate for accession, as its own congress describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: str = Field(min_length=1)
    congress: str = Field(min_length=1)
    population: int = Field(gt=0)
    population_year: int = Field(ge=1000, le=3000)
    population_source: str = Field(min_length=1)
    languages: list[LanguageTag] = Field(min_length=1)


class DecideAccession(Command):
    """A candidate's own congress decides to join, on terms it chooses (P2)."""

    candidate: Candidate = Field(description="The candidate and its particulars.")
    decided_on: date = Field(description="Date of its congress decision.")
    accepts_fields: list[Slug] = Field(description="Joint fields it accepts.")
    #: Joint departments it joins (P7); it keeps its own department for every other field.
    joins_departments: list[Slug] = Field(
        default_factory=list, description="Joint departments it joins (P7)."
    )
    #: The candidate congress's public key: the command is signed with it (P2).
    congress_key: str | None = Field(
        default=None, description="Its congress's public key line, registered with the decision."
    )


class DecideSecession(Command):
    """A member's own congress decides to leave the union (P3)."""

    member: Slug = Field(description="The seceding member.")
    decided_on: date = Field(description="Date of its congress decision.")


class WithdrawSecession(Command):
    """A member's own congress withdraws its secession before it takes effect."""

    member: Slug = Field(description="The member withdrawing its secession.")


class ObstructSecession(Command):
    """A union organ tries to block, condition or delay a secession: always refused (P3)."""

    member: Slug = Field(description="The seceding member.")
    action: Literal["block", "condition", "delay"] = Field(description="What the organ attempts.")
    detail: str = Field(default="", description="What it says.")


class Settle(Command):
    """Record what has fallen due by the command's day (a secession taking effect, P3)."""


class CharterAdopted(Event):
    union_wide = True
    schema_version = 2
    charter: dict[str, Any]
    clock: str = "live"
    #: The day the charter was adopted; None in entries recorded before it was kept.
    adopted_on: date | None = None


@upcasts("CharterAdopted", 1)
def _charter_adopted_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "adopted_on": None}


class FoundingMember(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    member: str
    name: str
    congress: str
    decided_on: date
    population: int
    population_year: int
    population_source: str
    languages: list[str]


class UnionFounded(Event):
    union_wide = True
    founded_on: date
    founders: list[FoundingMember]


class AccessionDecided(Event):
    member: str
    candidate: Candidate
    decided_on: date
    accepts_fields: list[str]
    joins_departments: list[str] = Field(default_factory=list)
    congress_key: str | None = None


class MemberAdmitted(Event):
    union_wide = True
    schema_version = 2
    member: str
    admitted_on: date
    decided_by: str
    decision_rule: str
    #: The delegations' own votes on the admission motion (P4).
    votes: dict[str, str]
    #: The admission motion adopted; None in entries from before admission was a motion.
    motion: str | None = None


class AdmissionRejected(Event):
    schema_version = 2
    member: str
    rejected_on: date
    decided_by: str
    decision_rule: str
    votes: dict[str, str]
    reason: str
    #: The admission motion rejected; None in entries from before admission was a motion.
    motion: str | None = None


@upcasts("MemberAdmitted", 1)
@upcasts("AdmissionRejected", 1)
def _admission_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "motion": None}


class SecessionDecided(Event):
    member: str
    congress: str
    decided_on: date
    effective_on: date


class SecessionWithdrawn(Event):
    member: str
    withdrawn_on: date


class SecessionTookEffect(Event):
    union_wide = True
    member: str
    effective_on: date


class Status(StrEnum):
    MEMBER = "member"
    SECEDING = "seceding"
    SECEDED = "seceded"


@dataclass(frozen=True)
class Membership:
    """One closed period of membership: from `joined_on` (inclusive) to `left_on` (exclusive)."""

    joined_on: date
    left_on: date
    founding: bool


@dataclass(frozen=True)
class MemberRecord:
    """A member's current (or last) membership, and its earlier, closed ones (P3, P5)."""

    id: str
    name: str
    congress: str
    population: int
    population_year: int
    population_source: str
    languages: tuple[str, ...]
    joined_on: date
    founding: bool
    #: Joint fields the member accepted on accession; None for founders (all joint fields).
    accepted_fields: tuple[str, ...] | None = None
    secession_decided_on: date | None = None
    leaves_on: date | None = None
    #: Set once `SecessionTookEffect` is in the ledger.
    departure_recorded: bool = False
    #: Memberships that ended before the member rejoined, oldest first: never rewritten.
    earlier: tuple[Membership, ...] = ()

    def status(self, on: date) -> Status:
        if self.leaves_on is not None:
            return Status.SECEDED if self.leaves_on <= on else Status.SECEDING
        return Status.MEMBER

    def is_member(self, on: date) -> bool:
        if self.joined_on <= on:
            return self.status(on) is not Status.SECEDED
        return any(p.joined_on <= on < p.left_on for p in self.earlier)

    def period(self, joined_on: date) -> tuple[date, date | None]:
        """The membership that began on `joined_on`: its start and its end, if one is set."""
        if joined_on == self.joined_on:
            return self.joined_on, self.leaves_on
        for p in self.earlier:
            if p.joined_on == joined_on:
                return p.joined_on, p.left_on
        raise KeyError(f"{self.id} did not join on {joined_on}")


@dataclass(frozen=True)
class Candidacy:
    candidate: Candidate
    decided_on: date
    accepts_fields: tuple[str, ...]
    joins_departments: tuple[str, ...] = ()
    #: The admission motion drafted on this decision, once there is one (P2, P4).
    motion: str | None = None


def _with_member(state: FederationState, record: MemberRecord) -> FederationState:
    return revise(state, members=put(state.members, record.id, record))


@evolves(CharterAdopted)
def _charter_adopted(state: FederationState, event: CharterAdopted) -> FederationState:
    charter = charter_from_data(event.charter)
    seed = tuple(
        CompetenceChange(None, name, kind.value, "charter")
        for name, kind in sorted(charter.field_kinds().items())
    )
    return replace(
        state, charter=charter, competence_history=seed, charter_adopted_on=event.adopted_on
    )


@evolves(UnionFounded)
def _union_founded(state: FederationState, event: UnionFounded) -> FederationState:
    members = {
        f.member: MemberRecord(
            id=f.member,
            name=f.name,
            congress=f.congress,
            population=f.population,
            population_year=f.population_year,
            population_source=f.population_source,
            languages=tuple(f.languages),
            joined_on=event.founded_on,
            founding=True,
        )
        for f in event.founders
    }
    return replace(
        state,
        founded_on=event.founded_on,
        members=members,
        rotation=tuple(f.member for f in event.founders),
        seats=tuple((f.member, event.founded_on) for f in event.founders),
    )


@evolves(AccessionDecided)
def _accession_decided(state: FederationState, event: AccessionDecided) -> FederationState:
    candidacy = Candidacy(
        event.candidate,
        event.decided_on,
        tuple(event.accepts_fields),
        tuple(event.joins_departments),
    )
    return revise(state, candidates=put(state.candidates, event.member, candidacy))


@evolves(MemberAdmitted)
def _member_admitted(state: FederationState, event: MemberAdmitted) -> FederationState:
    candidacy = state.candidates[event.member]
    candidates = without(state.candidates, event.member)
    c = candidacy.candidate
    earlier: tuple[Membership, ...] = ()
    previous = state.members.get(event.member)
    if previous is not None and previous.leaves_on is not None:
        # A member that left and rejoins keeps its earlier membership in the record (P5).
        closed = Membership(previous.joined_on, previous.leaves_on, previous.founding)
        earlier = (*previous.earlier, closed)
    record = MemberRecord(
        id=c.id,
        name=c.name,
        congress=c.congress,
        population=c.population,
        population_year=c.population_year,
        population_source=c.population_source,
        languages=tuple(c.languages),
        joined_on=event.admitted_on,
        founding=False,
        accepted_fields=candidacy.accepts_fields,
        earlier=earlier,
    )
    rotation = (*(m for m in state.rotation if m != event.member), event.member)
    # It enters the presidency's rotation as a new member, at its end; its old seat stays.
    seats = (*state.seats, (event.member, event.admitted_on))
    return replace(
        _with_member(state, record), candidates=candidates, rotation=rotation, seats=seats
    )


@evolves(AdmissionRejected)
def _admission_rejected(state: FederationState, event: AdmissionRejected) -> FederationState:
    return revise(state, candidates=without(state.candidates, event.member))


@evolves(SecessionDecided)
def _secession_decided(state: FederationState, event: SecessionDecided) -> FederationState:
    record = replace(
        state.members[event.member],
        secession_decided_on=event.decided_on,
        leaves_on=event.effective_on,
    )
    return _with_member(state, record)


@evolves(SecessionWithdrawn)
def _secession_withdrawn(state: FederationState, event: SecessionWithdrawn) -> FederationState:
    record = replace(state.members[event.member], secession_decided_on=None, leaves_on=None)
    return _with_member(state, record)


@evolves(SecessionTookEffect)
def _secession_took_effect(state: FederationState, event: SecessionTookEffect) -> FederationState:
    return _with_member(state, replace(state.members[event.member], departure_recorded=True))
