"""Events: what happened, in the past tense (`SecessionDecided`), as stored in the ledger.

Each event type has a stable name (its class name) and a `schema_version`. When an
event's shape changes, bump its version and add an upcaster to `UPCASTERS` that turns
an old payload into the new shape; stored entries are never rewritten (P18).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from isonomia.domain.commands import Candidate


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: ClassVar[int] = 1
    #: Whether every member's export carries this event (acts of the union as a whole).
    union_wide: ClassVar[bool] = False

    @classmethod
    def type_name(cls) -> str:
        return cls.__name__

    def subject(self) -> str | None:
        """The member (or candidate) the event is about, if any."""
        value = getattr(self, "member", None)
        return value if isinstance(value, str) else None

    def concerns(self, member_id: str) -> bool:
        """True when `member_id`'s export must carry this event (P3)."""
        return self.union_wide or self.subject() == member_id

    def payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class CharterAdopted(Event):
    union_wide = True
    charter: dict[str, Any]


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
    joins_departments: list[str] = []


class MemberAdmitted(Event):
    union_wide = True
    member: str
    admitted_on: date
    decided_by: str
    decision_rule: str
    votes: dict[str, str]


class AdmissionRejected(Event):
    member: str
    rejected_on: date
    decided_by: str
    decision_rule: str
    votes: dict[str, str]
    reason: str


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


# -- organs and acts (P4, P6–P11) ----------------------------------------------------------


class DelegateAppointed(Event):
    organ: str
    member: str
    person: str
    term_from: date
    term_until: date | None


class DelegateRecalled(Event):
    organ: str
    member: str
    person: str
    recalled_on: date


class SessionConvened(Event):
    union_wide = True
    session: str
    organ: str
    held_on: date
    presided_by: str | None
    agenda: list[str]
    #: Appeals and urgent actions put on this session for review (``appeal:ID``,
    #: ``urgent-action:DIRECTIVE:MEMBER``).
    reviews: list[str] = []


class MotionDrafted(Event):
    union_wide = True
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


class MotionTabled(Event):
    union_wide = True
    motion: str
    session: str


class AmendmentProposed(Event):
    union_wide = True
    motion: str
    amendment: str
    text: str
    proposed_by: str


class VoteCast(Event):
    motion: str
    item: str  # "" for the motion, else the amendment's id
    member: str
    person: str
    vote: str


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


class CompetencesAmended(Event):
    union_wide = True
    changes: dict[str, str]
    effective_on: date
    motion: str


class AppealFiled(Event):
    union_wide = True
    appeal: str
    act: str
    member: str
    ground: str
    filed_on: date
    suspensive: bool


class AppealRuled(Event):
    union_wide = True
    appeal: str
    act: str
    member: str
    ruling: str
    ruled_on: date
    motion: str
    text: str


class InstructionsRequested(Event):
    directive: str
    member: str
    question: str
    requested_on: date


class InstructionsGiven(Event):
    directive: str
    member: str
    instructions: str
    given_on: date
    organ: str


class DirectiveCarriedOut(Event):
    directive: str
    member: str
    carried_out_on: date
    basis: str  # directive, instructions, urgency
    note: str
    justification: str


class UrgentActionReviewed(Event):
    union_wide = True
    directive: str
    member: str
    outcome: str  # upheld, censured
    reviewed_on: date
    motion: str


class DepartmentProposed(Event):
    union_wide = True
    department: str
    name: str
    field: str
    seat: str
    proposed_on: date
    proposed_by: str


class DepartmentConsented(Event):
    union_wide = True
    department: str
    member: str
    consented_on: date


class DepartmentCreated(Event):
    union_wide = True
    department: str
    created_on: date
    participants: list[str]


class DepartmentJoined(Event):
    union_wide = True
    department: str
    member: str
    joined_on: date


class RepresentativeAppointed(Event):
    department: str
    member: str
    person: str
    appointed_on: date


class StaffAssigned(Event):
    department: str
    member: str
    person: str
    assigned_on: date


class DepartmentBecameOperational(Event):
    union_wide = True
    department: str
    operational_on: date


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type_name(): cls
    for cls in (
        CharterAdopted,
        UnionFounded,
        AccessionDecided,
        MemberAdmitted,
        AdmissionRejected,
        SecessionDecided,
        SecessionWithdrawn,
        SecessionTookEffect,
        DelegateAppointed,
        DelegateRecalled,
        SessionConvened,
        MotionDrafted,
        MotionTabled,
        AmendmentProposed,
        VoteCast,
        MotionAdopted,
        MotionRejected,
        AmendmentAdopted,
        AmendmentRejected,
        ActPublished,
        ActLapsed,
        CompetencesAmended,
        AppealFiled,
        AppealRuled,
        InstructionsRequested,
        InstructionsGiven,
        DirectiveCarriedOut,
        UrgentActionReviewed,
        DepartmentProposed,
        DepartmentConsented,
        DepartmentCreated,
        DepartmentJoined,
        RepresentativeAppointed,
        StaffAssigned,
        DepartmentBecameOperational,
    )
}

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

#: (event type, from version) → function giving the payload of version + 1.
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


class UnknownEvent(ValueError):
    """A ledger entry whose type or version this code does not know."""


def event_from_record(type_name: str, version: int, payload: Mapping[str, Any]) -> Event:
    """Rebuild an event from a ledger entry, upcasting old versions."""
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEvent(f"unknown event type {type_name!r}")
    data = dict(payload)
    while version < cls.schema_version:
        upcast = UPCASTERS.get((type_name, version))
        if upcast is None:
            raise UnknownEvent(f"no upcaster for {type_name} version {version}")
        data = upcast(data)
        version += 1
    if version != cls.schema_version:
        raise UnknownEvent(f"{type_name} version {version} is newer than this software")
    return cls.model_validate(data)
