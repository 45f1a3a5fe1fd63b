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
from isonomia.charter.model import Charter, FieldKind
from isonomia.domain import acts as a
from isonomia.domain.acts import (
    Act,
    ActKind,
    AmendmentRecord,
    Appeal,
    Ballot,
    CompetenceChange,
    Compliance,
    Delegation,
    Department,
    Force,
    Ruling,
    Session,
    Stage,
)
from isonomia.domain.commands import Candidate
from isonomia.domain.events import (
    AccessionDecided,
    ActLapsed,
    ActPublished,
    AdmissionRejected,
    AmendmentAdopted,
    AmendmentProposed,
    AmendmentRejected,
    AppealFiled,
    AppealRuled,
    CharterAdopted,
    CompetencesAmended,
    DelegateAppointed,
    DelegateRecalled,
    DepartmentBecameOperational,
    DepartmentConsented,
    DepartmentCreated,
    DepartmentJoined,
    DepartmentProposed,
    DirectiveCarriedOut,
    Event,
    InstructionsGiven,
    InstructionsRequested,
    MemberAdmitted,
    MotionAdopted,
    MotionDrafted,
    MotionRejected,
    MotionTabled,
    RepresentativeAppointed,
    SecessionDecided,
    SecessionTookEffect,
    SecessionWithdrawn,
    SessionConvened,
    StaffAssigned,
    UnionFounded,
    UrgentActionReviewed,
    VoteCast,
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
    joins_departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnionState:
    charter: Charter | None = None
    founded_on: date | None = None
    members: Mapping[str, MemberRecord] = field(default_factory=dict)
    candidates: Mapping[str, Candidacy] = field(default_factory=dict)
    #: Everyone who ever joined, in presidency order: founders first, then by admission (P5).
    rotation: tuple[str, ...] = ()
    #: Who sits for which member in which organ, with terms (P4).
    delegations: tuple[Delegation, ...] = ()
    sessions: Mapping[str, Session] = field(default_factory=dict)
    #: Motions and the acts they become, by id.
    acts: Mapping[str, Act] = field(default_factory=dict)
    appeals: Mapping[str, Appeal] = field(default_factory=dict)
    #: Each addressee's handling of each published directive, by (directive, member) (P8).
    compliance: Mapping[tuple[str, str], Compliance] = field(default_factory=dict)
    departments: Mapping[str, Department] = field(default_factory=dict)
    #: The register of competences: its charter seed, then every amendment (P10).
    competence_history: tuple[CompetenceChange, ...] = ()
    #: Number of events folded in.
    version: int = 0

    def members_on(self, on: date) -> list[MemberRecord]:
        """Members on a day, in rotation order."""
        return [self.members[m] for m in self.rotation if self.members[m].is_member(on)]

    def is_member(self, member_id: str, on: date) -> bool:
        record = self.members.get(member_id)
        return record is not None and record.is_member(on)

    def field_kinds(self, on: date) -> dict[str, FieldKind]:
        """The register of competences as of a day (P10)."""
        kinds: dict[str, FieldKind] = {}
        for change in self.competence_history:
            if change.effective_on is None or change.effective_on <= on:
                kinds[change.field] = FieldKind(change.kind)
        return kinds

    def sits_for(self, person: str, member: str, organ: str, on: date) -> bool:
        """Whether `person` sits for `member` in `organ` on a day (P4)."""
        return any(
            d.person == person and d.member == member and d.organ == organ and d.sits(on)
            for d in self.delegations
        )

    def in_force(self, act_id: str, on: date) -> bool:
        act = self.acts.get(act_id)
        return act is not None and a.in_force(act, self.appeals.values(), on)

    def suspended(self, act_id: str, on: date) -> bool:
        """Whether a pending appeal in a suspensive field holds the act back (P6)."""
        return any(
            x.act == act_id and x.suspensive and x.pending(on) for x in self.appeals.values()
        )


def _with_member(state: UnionState, record: MemberRecord) -> dict[str, MemberRecord]:
    members = dict(state.members)
    members[record.id] = record
    return members


def evolve(state: UnionState, event: Event) -> UnionState:
    """The state after one event."""
    state = replace(state, version=state.version + 1)
    match event:
        case CharterAdopted(charter=data):
            charter = charter_from_data(data)
            seed = tuple(
                CompetenceChange(None, name, kind.value, "charter")
                for name, kind in sorted(charter.field_kinds().items())
            )
            return replace(state, charter=charter, competence_history=seed)
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
            candidates[member] = Candidacy(
                candidate,
                event.decided_on,
                tuple(event.accepts_fields),
                tuple(event.joins_departments),
            )
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
    return _evolve_acts(state, event)


def _put(mapping: Mapping[str, Act], act: Act) -> dict[str, Act]:
    result = dict(mapping)
    result[act.id] = act
    return result


def _evolve_acts(state: UnionState, event: Event) -> UnionState:
    """The part of `evolve` for organs and acts (P4, P6–P11)."""
    match event:
        case DelegateAppointed():
            delegation = Delegation(
                event.organ, event.member, event.person, event.term_from, event.term_until
            )
            return replace(state, delegations=(*state.delegations, delegation))
        case DelegateRecalled():
            delegations = tuple(
                replace(d, recalled_on=event.recalled_on)
                if (d.organ, d.member, d.person) == (event.organ, event.member, event.person)
                and d.recalled_on is None
                and d.sits(event.recalled_on)
                else d
                for d in state.delegations
            )
            return replace(state, delegations=delegations)
        case SessionConvened():
            sessions = dict(state.sessions)
            sessions[event.session] = Session(
                event.session, event.organ, event.held_on, event.presided_by, tuple(event.agenda)
            )
            appeals = dict(state.appeals)
            compliance = dict(state.compliance)
            for ref in event.reviews:
                kind, _, rest = ref.partition(":")
                if kind == "appeal" and rest in appeals:
                    appeals[rest] = replace(appeals[rest], review_session=event.session)
                elif kind == "urgent-action":
                    directive, _, member = rest.partition(":")
                    key = (directive, member)
                    if key in compliance:
                        compliance[key] = replace(compliance[key], review_session=event.session)
            return replace(state, sessions=sessions, appeals=appeals, compliance=compliance)
        case MotionDrafted():
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
                history=(a.HistoryLine(event.drafted_on, f"drafted by {event.drafted_by}"),),
            )
            return replace(state, acts=_put(state.acts, act))
        case MotionTabled():
            act = state.acts[event.motion]
            session = state.sessions[event.session]
            sessions = dict(state.sessions)
            sessions[session.id] = replace(
                session, agenda=(*session.agenda, f"motion {act.id}: {act.title}")
            )
            act = replace(
                act,
                stage=Stage.TABLED,
                session=session.id,
                history=act.with_history(session.held_on, f"tabled for session {session.id}"),
            )
            return replace(state, acts=_put(state.acts, act), sessions=sessions)
        case AmendmentProposed():
            act = state.acts[event.motion]
            amendments = dict(act.amendments)
            amendments[event.amendment] = AmendmentRecord(
                event.amendment, event.text, event.proposed_by
            )
            return replace(state, acts=_put(state.acts, replace(act, amendments=amendments)))
        case VoteCast():
            act = state.acts[event.motion]
            votes = {item: dict(ballots) for item, ballots in act.votes.items()}
            votes.setdefault(event.item, {})[event.member] = Ballot(event.vote, event.person)
            return replace(state, acts=_put(state.acts, replace(act, votes=votes)))
        case AmendmentAdopted() | AmendmentRejected():
            act = state.acts[event.motion]
            adopted = isinstance(event, AmendmentAdopted)
            amendment = replace(
                act.amendments[event.amendment], status="adopted" if adopted else "rejected"
            )
            amendments = {**act.amendments, amendment.id: amendment}
            verb = "adopted" if adopted else "rejected"
            act = replace(
                act,
                amendments=amendments,
                text=amendment.text if adopted else act.text,
                history=act.with_history(event.counted_on, f"amendment {amendment.id} {verb}"),
            )
            return replace(state, acts=_put(state.acts, act))
        case MotionAdopted() | MotionRejected():
            act = state.acts[event.motion]
            adopted = isinstance(event, MotionAdopted)
            act = replace(
                act,
                stage=Stage.ADOPTED if adopted else Stage.REJECTED,
                adopted_on=event.counted_on if adopted else None,
                history=act.with_history(
                    event.counted_on, f"{'adopted' if adopted else 'rejected'}: {event.reason}"
                ),
            )
            return replace(state, acts=_put(state.acts, act))
        case ActPublished():
            act = state.acts[event.act]
            act = replace(
                act,
                stage=Stage.PUBLISHED,
                published_on=event.published_on,
                in_force_on=event.in_force_on,
                addressees=tuple(event.addressees),
                history=act.with_history(
                    event.published_on, f"published; in force from {event.in_force_on}"
                ),
            )
            compliance = dict(state.compliance)
            if act.kind is ActKind.DIRECTIVE:
                for member in event.addressees:
                    compliance[(act.id, member)] = Compliance(act.id, member)
            return replace(state, acts=_put(state.acts, act), compliance=compliance)
        case ActLapsed():
            act = state.acts[event.act]
            act = replace(
                act,
                lapsed_on=event.lapsed_on,
                history=act.with_history(event.lapsed_on, f"lapsed: {event.reason}"),
            )
            return replace(state, acts=_put(state.acts, act))
        case CompetencesAmended():
            changes = tuple(
                CompetenceChange(event.effective_on, name, kind, event.motion)
                for name, kind in sorted(event.changes.items())
            )
            return replace(state, competence_history=(*state.competence_history, *changes))
        case AppealFiled():
            appeals = dict(state.appeals)
            appeals[event.appeal] = Appeal(
                event.appeal, event.act, event.member, event.ground, event.filed_on,
                event.suspensive,
            )  # fmt: skip
            act = state.acts[event.act]
            stays = "suspended meanwhile" if event.suspensive else "stays in force meanwhile"
            act = replace(
                act,
                history=act.with_history(
                    event.filed_on, f"appealed by {event.member} ({event.appeal}); {stays}"
                ),
            )
            return replace(state, appeals=appeals, acts=_put(state.acts, act))
        case AppealRuled():
            appeals = dict(state.appeals)
            appeals[event.appeal] = replace(
                appeals[event.appeal],
                ruling=event.ruling,
                ruled_on=event.ruled_on,
                motion=event.motion,
            )
            act = state.acts[event.act]
            what = {"uphold": "upheld", "amend": "amended", "annul": "annulled"}[event.ruling]
            act = replace(
                act,
                text=event.text if event.ruling == "amend" else act.text,
                annulled_on=event.ruled_on if event.ruling == "annul" else act.annulled_on,
                history=act.with_history(
                    event.ruled_on,
                    f"{what} by the union council on appeal {event.appeal} (motion {event.motion})",
                ),
            )
            return replace(state, appeals=appeals, acts=_put(state.acts, act))
        case InstructionsRequested() | InstructionsGiven() | DirectiveCarriedOut():
            return replace(state, compliance=_comply(state, event))
        case UrgentActionReviewed():
            compliance = dict(state.compliance)
            key = (event.directive, event.member)
            compliance[key] = replace(
                compliance[key], review=event.outcome, reviewed_on=event.reviewed_on
            )
            return replace(state, compliance=compliance)
    return _evolve_departments(state, event)


def _comply(state: UnionState, event: Event) -> dict[tuple[str, str], Compliance]:
    compliance = dict(state.compliance)
    match event:
        case InstructionsRequested():
            key = (event.directive, event.member)
            compliance[key] = replace(
                compliance[key], requested_on=event.requested_on, question=event.question
            )
        case InstructionsGiven():
            key = (event.directive, event.member)
            compliance[key] = replace(
                compliance[key], instructed_on=event.given_on, instructions=event.instructions
            )
        case DirectiveCarriedOut():
            key = (event.directive, event.member)
            compliance[key] = replace(
                compliance[key],
                carried_out_on=event.carried_out_on,
                basis=event.basis,
                note=event.note,
                justification=event.justification,
            )
    return compliance


def _evolve_departments(state: UnionState, event: Event) -> UnionState:
    departments = dict(state.departments)
    match event:
        case DepartmentProposed():
            departments[event.department] = Department(
                event.department, event.name, event.field, event.seat, event.proposed_on,
                event.proposed_by,
            )  # fmt: skip
        case DepartmentConsented():
            d = departments[event.department]
            consents = {**d.consents, event.member: event.consented_on}
            departments[d.id] = replace(d, consents=consents)
        case DepartmentCreated():
            d = departments[event.department]
            departments[d.id] = replace(
                d, created_on=event.created_on, participants=tuple(event.participants)
            )
        case DepartmentJoined():
            d = departments[event.department]
            departments[d.id] = replace(d, participants=(*d.participants, event.member))
        case RepresentativeAppointed():
            d = departments[event.department]
            departments[d.id] = replace(
                d, representatives={**d.representatives, event.member: event.person}
            )
        case StaffAssigned():
            d = departments[event.department]
            staff = {**d.staff, event.member: (*d.staff.get(event.member, ()), event.person)}
            departments[d.id] = replace(d, staff=staff)
        case DepartmentBecameOperational():
            d = departments[event.department]
            departments[d.id] = replace(d, operational_since=event.operational_on)
        case _:
            raise TypeError(f"no evolution for {type(event).__name__}")
    return replace(state, departments=departments)


def fold(events: Iterable[Event], state: UnionState | None = None) -> UnionState:
    """Fold events into a state, from the empty state unless one is given."""
    current = state if state is not None else UnionState()
    for event in events:
        current = evolve(current, event)
    return current
