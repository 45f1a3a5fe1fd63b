"""Motions and acts (P4, P8): drafted, tabled, amended, voted, counted, published.

An act's force is graded (P8); whether it is in force on a day is computed from the dates
its record carries, so a lapse or annulment takes effect on its day whatever else happens."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field

from isonomia.domain import phrases
from isonomia.domain.base import Event, evolves, revise, upcasts
from isonomia.domain.directives import Compliance
from isonomia.domain.persistent import put, put_all
from isonomia.domain.phrases import fill
from isonomia.domain.references import Appointment, Ruling

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class ActKind(StrEnum):
    DECISION = "decision"
    DIRECTIVE = "directive"
    RESOLUTION = "resolution"
    CHARTER_AMENDMENT = "charter-amendment"


class Force(StrEnum):
    """Graded force (P8): desirable, mandatory, or conditionally mandatory."""

    ADVISORY = "advisory"
    MANDATORY = "mandatory"
    CONDITIONAL = "conditional"

    @property
    def binding(self) -> bool:
        return self is not Force.ADVISORY


class Stage(StrEnum):
    DRAFTED = "drafted"
    TABLED = "tabled"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    PUBLISHED = "published"


class MotionDrafted(Event):
    union_wide = True
    schema_version = 3
    motion: str
    organ: str
    organ_kind: str
    title: str
    text: str
    field: str
    kind: str
    force: str
    addressees: list[str]
    ruling: dict[str, str] | None
    competence_changes: dict[str, str]
    drafted_by: str
    drafted_on: date
    #: The candidate an admission motion admits (P2); None for every other motion.
    admission: str | None = None
    #: A charter amendment's changes of the charter's settings, and the day they take
    #: effect (None: on adoption) (P10, P12).
    charter_changes: dict[str, Any] = Field(default_factory=dict)
    effective_on: date | None = None
    #: The office and person an appointment motion appoints or removes (P15); None otherwise.
    appointment: dict[str, str] | None = None


@upcasts("MotionDrafted", 1)
def _motion_drafted_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "admission": None}


@upcasts("MotionDrafted", 2)
def _motion_drafted_v2(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "charter_changes": {}, "effective_on": None, "appointment": None}


class MotionTabled(Event):
    union_wide = True
    schema_version = 2
    motion: str
    session: str
    #: The last day of voting as announced; None: the session's day.
    voting_closes_on: date | None = None


@upcasts("MotionTabled", 1)
def _motion_tabled_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "voting_closes_on": None}


class AmendmentProposed(Event):
    union_wide = True
    motion: str
    amendment: str
    text: str
    proposed_by: str


class VoteCast(Event):
    schema_version = 2
    motion: str
    item: str  # "" for the motion, else the amendment's id
    member: str
    person: str
    vote: str
    #: None in entries recorded when votes were cast on the session's day only.
    cast_on: date | None = None


@upcasts("VoteCast", 1)
def _vote_cast_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "cast_on": None}


class _Counted(Event):
    union_wide = True
    motion: str
    counted_on: date
    decision_rule: str
    votes: dict[str, str]
    reason: str


class MotionAdopted(_Counted):
    pass


class MotionRejected(_Counted):
    pass


class AmendmentAdopted(_Counted):
    amendment: str


class AmendmentRejected(_Counted):
    amendment: str


class ActPublished(Event):
    union_wide = True
    act: str
    published_on: date
    in_force_on: date
    addressees: list[str]


class ActLapsed(Event):
    union_wide = True
    act: str
    lapsed_on: date
    reason: str


@dataclass(frozen=True)
class Ballot:
    vote: str
    person: str
    #: The day it was cast (None: its session's day, in entries from before it was kept).
    cast_on: date | None = None
    #: Amounts of yes, no and abstain, when the vote was split or cast per seat (issue 24).
    split: tuple[int, int, int] | None = None
    #: The delegates whose seats were cast, when votes are cast per seat.
    seats_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmendmentRecord:
    id: str
    text: str
    proposed_by: str
    status: str = "proposed"  # proposed, adopted, rejected


@dataclass(frozen=True)
class HistoryLine:
    on: date
    what: str


@dataclass(frozen=True)
class Act:
    """A motion and, once adopted, the act it becomes (P4)."""

    id: str
    organ: str
    organ_kind: str
    title: str
    text: str
    field: str
    kind: ActKind
    force: Force
    drafted_by: str
    drafted_on: date
    addressees: tuple[str, ...] = ()
    ruling: Ruling | None = None
    competence_changes: tuple[tuple[str, str], ...] = ()
    #: The candidate an admission motion admits (P2).
    admission: str | None = None
    #: A charter amendment's changes of the charter's settings (P10, P12), and their day.
    charter_changes: dict[str, Any] = _field(default_factory=dict)
    effective_on: date | None = None
    #: What an appointment motion appoints or removes (P15).
    appointment: Appointment | None = None
    stage: Stage = Stage.DRAFTED
    session: str | None = None
    #: The last day of its vote, once tabled: the announced day, or the session's (P4).
    voting_closes_on: date | None = None
    amendments: Mapping[str, AmendmentRecord] = _field(default_factory=dict)
    #: Votes per item ("" is the motion itself, otherwise an amendment id), per member.
    votes: Mapping[str, Mapping[str, Ballot]] = _field(default_factory=dict)
    adopted_on: date | None = None
    published_on: date | None = None
    in_force_on: date | None = None
    annulled_on: date | None = None
    lapsed_on: date | None = None
    history: tuple[HistoryLine, ...] = ()

    def with_history(self, on: date, what: str) -> tuple[HistoryLine, ...]:
        return (*self.history, HistoryLine(on, what))

    def binds(self) -> bool:
        return self.force.binding


def _put(state: FederationState, act: Act) -> FederationState:
    return revise(state, acts=put(state.acts, act.id, act))


@evolves(MotionDrafted)
def _motion_drafted(state: FederationState, event: MotionDrafted) -> FederationState:
    act = Act(
        id=event.motion,
        organ=event.organ,
        organ_kind=event.organ_kind,
        title=event.title,
        text=event.text,
        field=event.field,
        kind=ActKind(event.kind),
        force=Force(event.force),
        drafted_by=event.drafted_by,
        drafted_on=event.drafted_on,
        addressees=tuple(event.addressees),
        ruling=Ruling.model_validate(event.ruling) if event.ruling else None,
        competence_changes=tuple(sorted(event.competence_changes.items())),
        admission=event.admission,
        charter_changes=dict(event.charter_changes),
        effective_on=event.effective_on,
        appointment=Appointment.model_validate(event.appointment) if event.appointment else None,
        history=(HistoryLine(event.drafted_on, fill(phrases.DRAFTED_BY, who=event.drafted_by)),),
    )
    return _put(state, act)


@evolves(MotionTabled)
def _motion_tabled(state: FederationState, event: MotionTabled) -> FederationState:
    act = state.acts[event.motion]
    session = state.sessions[event.session]
    session = replace(session, agenda=(*session.agenda, f"motion {act.id}: {act.title}"))
    closes = event.voting_closes_on
    act = replace(
        act,
        stage=Stage.TABLED,
        session=session.id,
        voting_closes_on=closes or session.held_on,
        history=act.with_history(
            session.held_on,
            fill(phrases.TABLED_CLOSING, session=session.id, closes=closes)
            if closes
            else fill(phrases.TABLED, session=session.id),
        ),
    )
    return replace(_put(state, act), sessions=put(state.sessions, session.id, session))


@evolves(AmendmentProposed)
def _amendment_proposed(state: FederationState, event: AmendmentProposed) -> FederationState:
    act = state.acts[event.motion]
    record = AmendmentRecord(event.amendment, event.text, event.proposed_by)
    return _put(state, replace(act, amendments={**act.amendments, event.amendment: record}))


@evolves(VoteCast)
def _vote_cast(state: FederationState, event: VoteCast) -> FederationState:
    act = state.acts[event.motion]
    ballot = Ballot(event.vote, event.person, event.cast_on)
    ballots = {**act.votes.get(event.item, {}), event.member: ballot}
    return _put(state, replace(act, votes={**act.votes, event.item: ballots}))


@evolves(AmendmentAdopted, AmendmentRejected)
def _amendment_counted(
    state: FederationState, event: AmendmentAdopted | AmendmentRejected
) -> FederationState:
    act = state.acts[event.motion]
    adopted = isinstance(event, AmendmentAdopted)
    amendment = replace(
        act.amendments[event.amendment], status="adopted" if adopted else "rejected"
    )
    said = phrases.AMENDMENT_ADOPTED if adopted else phrases.AMENDMENT_REJECTED
    act = replace(
        act,
        amendments={**act.amendments, amendment.id: amendment},
        text=amendment.text if adopted else act.text,
        history=act.with_history(event.counted_on, fill(said, amendment=amendment.id)),
    )
    return _put(state, act)


@evolves(MotionAdopted, MotionRejected)
def _motion_counted(state: FederationState, event: _Counted) -> FederationState:
    act = state.acts[event.motion]
    adopted = isinstance(event, MotionAdopted)
    act = replace(
        act,
        stage=Stage.ADOPTED if adopted else Stage.REJECTED,
        adopted_on=event.counted_on if adopted else None,
        history=act.with_history(
            event.counted_on,
            fill(
                phrases.COUNTED_ADOPTED if adopted else phrases.COUNTED_REJECTED,
                reason=event.reason,
            ),
        ),
    )
    return _put(state, act)


@evolves(ActPublished)
def _act_published(state: FederationState, event: ActPublished) -> FederationState:
    act = state.acts[event.act]
    act = replace(
        act,
        stage=Stage.PUBLISHED,
        published_on=event.published_on,
        in_force_on=event.in_force_on,
        addressees=tuple(event.addressees),
        history=act.with_history(
            event.published_on, fill(phrases.PUBLISHED, day=event.in_force_on)
        ),
    )
    compliance = state.compliance
    if act.kind is ActKind.DIRECTIVE:
        fresh = (((act.id, m), Compliance(act.id, m)) for m in event.addressees)
        compliance = put_all(compliance, fresh)
    return replace(_put(state, act), compliance=compliance)


@evolves(ActLapsed)
def _act_lapsed(state: FederationState, event: ActLapsed) -> FederationState:
    act = state.acts[event.act]
    act = replace(
        act,
        lapsed_on=event.lapsed_on,
        history=act.with_history(event.lapsed_on, fill(phrases.LAPSED, reason=event.reason)),
    )
    return _put(state, act)
