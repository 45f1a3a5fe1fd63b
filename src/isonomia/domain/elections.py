"""Elections of persons to the charter's elected offices (issue 24, P4, P15): a call with a
ballot period that respects the charter's notice, nominations by members' councils, each
candidate's own consent, open ballots signed by the electors, and a count by the engine
recorded with its full table.

Ballots are open (each recorded with its elector) or, where the charter says so, secret:
each elector records a commitment in the ballot period and reveals the ballot after it
(`domain.secret_ballots`); a revealed ballot joins the election's ballots as an open one
would. The records live in the area's own slice of the state (`ElectionBook`); the ballots
of an election are a persistent map, so an election of many electors folds in linear time.
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
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.persistent import put
from isonomia.domain.slices import slice_of, with_slice

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class CallElection(Command):
    """Call an election to one of the charter's elected offices: nominations open from this
    day, and the ballot period opens no sooner than the charter's notice (issue 24)."""

    election: Slug = Field(description="An id for this election.")
    office: Slug = Field(description="The named office the charter fills by election.")
    nominations_close: date = Field(description="The last day of nominations and consents.")
    ballots_open: date = Field(description="The first day of the ballot period.")
    ballots_close: date = Field(description="The last day of the ballot period.")
    term_from: date = Field(description="The first day of the elected's term.")
    term_until: date | None = Field(
        default=None, description="The day the elected's term ends (exclusive)."
    )
    electorate: list[Slug] = Field(
        default_factory=list,
        description="The persons who vote, where the charter has the call name them "
        "(electors = named); otherwise the delegates sitting in the electing organ.",
    )


class NominateCandidate(Command):
    """A member's council nominates a person for an election, before nominations close."""

    election: Slug = Field(description="The election.")
    person: Slug = Field(description="The person nominated.")
    member: Slug = Field(description="The member nominating, through its own council.")


class ConsentToCandidacy(Command):
    """The person nominated consents, in their own name, to stand; only a candidate who
    consented is on the ballot."""

    election: Slug = Field(description="The election.")
    person: Slug = Field(description="The candidate consenting (signs it).")


class CastBallot(Command):
    """An elector casts an open ballot in the ballot period: candidates most preferred first
    (for approval, the candidates approved; for plurality, one)."""

    election: Slug = Field(description="The election.")
    choices: list[Slug] = Field(
        min_length=1, description="Candidates, most preferred first (no one twice)."
    )


class CountElection(Command):
    """Count an election once its ballot period is over, by the charter's method; the
    elected take office, skipping anyone who would break the charter's office limits."""

    election: Slug = Field(description="The election.")


class ElectionCalled(Event):
    union_wide = True
    election: str
    office: str
    organ: str
    method: str
    seats: int
    one_per_member: bool
    called_on: date
    nominations_close: date
    ballots_open: date
    ballots_close: date
    term_from: date
    term_until: date | None
    #: The persons who vote (empty: the delegates sitting in the organ, one a member).
    electorate: list[str]
    #: ``open`` or ``secret`` (commitments in the ballot period, reveals after it).
    ballot: str = "open"
    #: Secret ballots: the last day of the reveal window (it opens the day after the
    #: ballot period closes).
    reveals_close: date | None = None
    #: At most this many of the elected from members sharing an official language.
    max_per_language: int | None = None


class CandidateNominated(Event):
    union_wide = True
    election: str
    person: str
    member: str
    nominated_on: date


class CandidacyConsented(Event):
    union_wide = True
    election: str
    person: str
    consented_on: date


class BallotCast(Event):
    union_wide = True
    election: str
    #: The person who signed it.
    elector: str
    #: The member whose delegate cast it, where delegates vote.
    for_member: str | None
    choices: list[str]
    cast_on: date


class ElectionCounted(Event):
    union_wide = True
    election: str
    office: str
    method: str
    seats: int
    counted_on: date
    ballots: int
    #: The candidates on the ballot, in the order of nomination (the engine's input order).
    candidates: list[str]
    #: The quota (STV), the majority needed (IRV), or None.
    quota: str | None
    #: The count's tables, by name: ``rounds`` (STV, IRV: a header row, then one row a
    #: round), ``pairwise`` and ``strongest_paths`` (Schulze), ``scores`` (approval,
    #: plurality). Every cell is text.
    tables: dict[str, list[list[str]]]
    elected: list[str]
    #: Winners skipped before the final count, each with its principle and reason; the
    #: ballots were counted again without them.
    skipped: list[dict[str, str]]
    #: Secret ballots: the commitments never revealed, counted as abstentions (``ballots``
    #: counts the revealed ones only).
    abstentions: int = 0


@dataclass(frozen=True)
class Candidate:
    person: str
    member: str
    nominated_on: date
    consented_on: date | None = None


@dataclass(frozen=True)
class Election:
    """One election: its call, its candidates, its ballots, and whether it was counted."""

    id: str
    office: str
    organ: str
    method: str
    seats: int
    one_per_member: bool
    called_on: date
    nominations_close: date
    ballots_open: date
    ballots_close: date
    term_from: date
    term_until: date | None
    electorate: frozenset[str]
    #: ``open`` or ``secret``; for secret ballots the last day of the reveal window.
    ballot: str = "open"
    reveals_close: date | None = None
    max_per_language: int | None = None
    candidates: tuple[Candidate, ...] = ()
    #: Ballots by who cast them (a member where delegates vote, else the person), each as
    #: (the person who signed it, the choices).
    ballots: Mapping[str, tuple[str, tuple[str, ...]]] = _field(default_factory=Map)
    #: Secret ballots: commitments by who committed (as `ballots`), each the person who
    #: signed it and the commitment; and the persons who committed, each to its key there.
    commitments: Mapping[str, tuple[str, str]] = _field(default_factory=Map)
    committers: Mapping[str, str] = _field(default_factory=Map)
    counted_on: date | None = None
    elected: tuple[str, ...] = ()

    @property
    def secret(self) -> bool:
        return self.ballot == "secret"

    def candidate(self, person: str) -> Candidate | None:
        return next((c for c in self.candidates if c.person == person), None)

    def on_ballot(self) -> tuple[str, ...]:
        """The candidates who consented, in the order of nomination."""
        return tuple(c.person for c in self.candidates if c.consented_on is not None)


@dataclass(frozen=True)
class ElectionBook:
    """The area's slice: every election by id."""

    elections: Mapping[str, Election] = _field(default_factory=Map)


def book(state: FederationState) -> ElectionBook:
    return slice_of(state, ElectionBook)


def with_election(state: FederationState, election: Election) -> FederationState:
    current = book(state)
    return with_slice(state, ElectionBook(put(current.elections, election.id, election)))


@evolves(ElectionCalled)
def _called(state: FederationState, event: ElectionCalled) -> FederationState:
    election = Election(
        id=event.election,
        office=event.office,
        organ=event.organ,
        method=event.method,
        seats=event.seats,
        one_per_member=event.one_per_member,
        called_on=event.called_on,
        nominations_close=event.nominations_close,
        ballots_open=event.ballots_open,
        ballots_close=event.ballots_close,
        term_from=event.term_from,
        term_until=event.term_until,
        electorate=frozenset(event.electorate),
        ballot=event.ballot,
        reveals_close=event.reveals_close,
        max_per_language=event.max_per_language,
    )
    return with_election(state, election)


@evolves(CandidateNominated)
def _nominated(state: FederationState, event: CandidateNominated) -> FederationState:
    election = book(state).elections[event.election]
    candidate = Candidate(event.person, event.member, event.nominated_on)
    return with_election(state, replace(election, candidates=(*election.candidates, candidate)))


@evolves(CandidacyConsented)
def _consented(state: FederationState, event: CandidacyConsented) -> FederationState:
    election = book(state).elections[event.election]
    candidates = tuple(
        replace(c, consented_on=event.consented_on) if c.person == event.person else c
        for c in election.candidates
    )
    return with_election(state, replace(election, candidates=candidates))


@evolves(BallotCast)
def _cast(state: FederationState, event: BallotCast) -> FederationState:
    election = book(state).elections[event.election]
    by = event.for_member or event.elector
    ballots = put(election.ballots, by, (event.elector, tuple(event.choices)))
    return with_election(state, replace(election, ballots=ballots))


@evolves(ElectionCounted)
def _counted(state: FederationState, event: ElectionCounted) -> FederationState:
    election = book(state).elections[event.election]
    return with_election(
        state, replace(election, counted_on=event.counted_on, elected=tuple(event.elected))
    )
