"""The union's current state, as a fold over its events: `evolve(state, event)`.

The state is immutable: `evolve` returns a new one. Rules read it; only events change it.
Whether a member is still a member on a given day is computed from the dates the events
carry, so a secession takes effect at the end of its notice period whatever anyone
does (P3), even before `SecessionTookEffect` has been recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from isonomia.charter.load import charter_from_data
from isonomia.charter.model import Charter
from isonomia.domain.commands import Candidate
from isonomia.domain.events import (
    AccessionDecided,
    AdmissionRejected,
    CharterAdopted,
    Event,
    MemberAdmitted,
    SecessionDecided,
    SecessionTookEffect,
    SecessionWithdrawn,
    UnionFounded,
)


class Status(StrEnum):
    MEMBER = "member"
    SECEDING = "seceding"
    SECEDED = "seceded"


@dataclass(frozen=True)
class MemberRecord:
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

    def status(self, on: date) -> Status:
        if self.leaves_on is not None:
            return Status.SECEDED if self.leaves_on <= on else Status.SECEDING
        return Status.MEMBER

    def is_member(self, on: date) -> bool:
        return self.joined_on <= on and self.status(on) is not Status.SECEDED


@dataclass(frozen=True)
class Candidacy:
    candidate: Candidate
    decided_on: date
    accepts_fields: tuple[str, ...]


@dataclass(frozen=True)
class UnionState:
    charter: Charter | None = None
    founded_on: date | None = None
    members: Mapping[str, MemberRecord] = field(default_factory=dict)
    candidates: Mapping[str, Candidacy] = field(default_factory=dict)
    #: Everyone who ever joined, in presidency order: founders first, then by admission (P5).
    rotation: tuple[str, ...] = ()
    #: Number of events folded in.
    version: int = 0

    def members_on(self, on: date) -> list[MemberRecord]:
        """Members on a day, in rotation order."""
        return [self.members[m] for m in self.rotation if self.members[m].is_member(on)]

    def is_member(self, member_id: str, on: date) -> bool:
        record = self.members.get(member_id)
        return record is not None and record.is_member(on)


def _with_member(state: UnionState, record: MemberRecord) -> dict[str, MemberRecord]:
    members = dict(state.members)
    members[record.id] = record
    return members


def evolve(state: UnionState, event: Event) -> UnionState:
    """The state after one event."""
    state = replace(state, version=state.version + 1)
    match event:
        case CharterAdopted(charter=data):
            return replace(state, charter=charter_from_data(data))
        case UnionFounded(founded_on=founded_on, founders=founders):
            members = {
                f.member: MemberRecord(
                    id=f.member,
                    name=f.name,
                    congress=f.congress,
                    population=f.population,
                    population_year=f.population_year,
                    population_source=f.population_source,
                    languages=tuple(f.languages),
                    joined_on=founded_on,
                    founding=True,
                )
                for f in founders
            }
            return replace(
                state,
                founded_on=founded_on,
                members=members,
                rotation=tuple(f.member for f in founders),
            )
        case AccessionDecided(member=member, candidate=candidate):
            candidates = dict(state.candidates)
            candidates[member] = Candidacy(candidate, event.decided_on, tuple(event.accepts_fields))
            return replace(state, candidates=candidates)
        case MemberAdmitted(member=member, admitted_on=admitted_on):
            candidates = dict(state.candidates)
            candidacy = candidates.pop(member)
            c = candidacy.candidate
            record = MemberRecord(  # a member that once left and rejoins gets a fresh record
                id=c.id,
                name=c.name,
                congress=c.congress,
                population=c.population,
                population_year=c.population_year,
                population_source=c.population_source,
                languages=tuple(c.languages),
                joined_on=admitted_on,
                founding=False,
                accepted_fields=candidacy.accepts_fields,
            )
            rotation = (*(m for m in state.rotation if m != member), member)
            return replace(
                state,
                members=_with_member(state, record),
                candidates=candidates,
                rotation=rotation,
            )
        case AdmissionRejected(member=member):
            candidates = dict(state.candidates)
            candidates.pop(member, None)
            return replace(state, candidates=candidates)
        case SecessionDecided(member=member):
            record = replace(
                state.members[member],
                secession_decided_on=event.decided_on,
                leaves_on=event.effective_on,
            )
            return replace(state, members=_with_member(state, record))
        case SecessionWithdrawn(member=member):
            record = replace(state.members[member], secession_decided_on=None, leaves_on=None)
            return replace(state, members=_with_member(state, record))
        case SecessionTookEffect(member=member):
            record = replace(state.members[member], departure_recorded=True)
            return replace(state, members=_with_member(state, record))
    raise TypeError(f"no evolution for {type(event).__name__}")


def fold(events: Iterable[Event], state: UnionState | None = None) -> UnionState:
    """Fold events into a state, from the empty state unless one is given."""
    current = state if state is not None else UnionState()
    for event in events:
        current = evolve(current, event)
    return current
