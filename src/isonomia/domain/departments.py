"""Joint departments (P7): created only with every member council's consent, seated in the
union's capital, represented with staff in every participating member; dissolved when a
charter amendment returns their field to the members (P10)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field

from isonomia.charter.model import LanguageTag, Slug
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class ProposeDepartment(Command):
    """Propose a joint department for a joint field; it needs every member council's consent."""

    department: Slug = Field(description="An id for the department.")
    name: str = Field(min_length=1, description="Its name.")
    field: Slug = Field(description="A joint field.")


class ConsentToDepartment(Command):
    """A member's own council consents to a proposed joint department (P7)."""

    department: Slug = Field(description="The proposed department.")
    member: Slug = Field(description="The consenting member.")


class AppointRepresentative(Command):
    """Name the department's authorized representative in a member (P7)."""

    department: Slug = Field(description="The joint department.")
    member: Slug = Field(description="The member it is represented in.")
    person: Slug = Field(description="The representative's id.")
    #: Languages the person commands, checked against the member's staff rules (P14).
    languages: list[LanguageTag] = Field(
        default_factory=list, description="Languages the person commands (P14)."
    )


class AssignStaff(Command):
    """Assign a staff member to the department's representation in a member (P7)."""

    department: Slug = Field(description="The joint department.")
    member: Slug = Field(description="The member whose representation the person staffs.")
    person: Slug = Field(description="The staff member's id.")
    #: Languages the person commands, checked against the member's staff rules (P14).
    languages: list[LanguageTag] = Field(
        default_factory=list, description="Languages the person commands (P14)."
    )


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
    #: Absent from entries recorded before languages were kept: none known.
    languages: list[str] = Field(default_factory=list)


class StaffAssigned(Event):
    department: str
    member: str
    person: str
    assigned_on: date
    #: Absent from entries recorded before languages were kept: none known.
    languages: list[str] = Field(default_factory=list)


class DepartmentBecameOperational(Event):
    union_wide = True
    department: str
    operational_on: date


class DepartmentDissolved(Event):
    """A charter amendment returned the department's field to the members (P10)."""

    union_wide = True
    department: str
    dissolved_on: date
    motion: str
    reason: str


@dataclass(frozen=True)
class Department:
    """A joint department (P7): created by every member council's consent."""

    id: str
    name: str
    field: str
    seat: str
    proposed_on: date
    proposed_by: str
    consents: Mapping[str, date] = _field(default_factory=dict)
    created_on: date | None = None
    participants: tuple[str, ...] = ()
    representatives: Mapping[str, str] = _field(default_factory=dict)
    staff: Mapping[str, tuple[str, ...]] = _field(default_factory=dict)
    operational_since: date | None = None
    dissolved_on: date | None = None
    dissolution: str = ""

    def seats(self, person: str) -> list[tuple[str, str]]:
        """Where `person` serves in this department: (member, "representative" or "staff")."""
        places = [(m, "representative") for m, p in self.representatives.items() if p == person]
        places += [(m, "staff") for m, persons in self.staff.items() if person in persons]
        return places

    def gaps(self, members: Iterable[str]) -> dict[str, list[str]]:
        """What each participating member lacks: a representative, staff."""
        result: dict[str, list[str]] = {}
        for member in members:
            if member not in self.participants:
                continue
            missing = []
            if member not in self.representatives:
                missing.append("authorized representative")
            if not self.staff.get(member):
                missing.append("staff")
            if missing:
                result[member] = missing
        return result

    def operational(self, members: Iterable[str]) -> bool:
        """Created, and represented with staff in every participating member (P7)."""
        current = [m for m in members if m in self.participants]
        if self.created_on is None or self.dissolved_on is not None:
            return False
        return bool(current) and not self.gaps(current)


def _update(state: FederationState, department: str, **values: Any) -> FederationState:
    record = replace(state.departments[department], **values)
    return revise(state, departments=put(state.departments, department, record))


@evolves(DepartmentProposed)
def _proposed(state: FederationState, event: DepartmentProposed) -> FederationState:
    department = Department(
        event.department,
        event.name,
        event.field,
        event.seat,
        event.proposed_on,
        event.proposed_by,
    )
    return revise(state, departments=put(state.departments, department.id, department))


@evolves(DepartmentConsented)
def _consented(state: FederationState, event: DepartmentConsented) -> FederationState:
    d = state.departments[event.department]
    return _update(state, d.id, consents={**d.consents, event.member: event.consented_on})


@evolves(DepartmentCreated)
def _created(state: FederationState, event: DepartmentCreated) -> FederationState:
    return _update(
        state,
        event.department,
        created_on=event.created_on,
        participants=tuple(event.participants),
    )


@evolves(DepartmentJoined)
def _joined(state: FederationState, event: DepartmentJoined) -> FederationState:
    d = state.departments[event.department]
    return _update(state, d.id, participants=(*d.participants, event.member))


@evolves(RepresentativeAppointed)
def _represented(state: FederationState, event: RepresentativeAppointed) -> FederationState:
    d = state.departments[event.department]
    representatives = {**d.representatives, event.member: event.person}
    return _update(state, d.id, representatives=representatives)


@evolves(StaffAssigned)
def _staffed(state: FederationState, event: StaffAssigned) -> FederationState:
    d = state.departments[event.department]
    staff = {**d.staff, event.member: (*d.staff.get(event.member, ()), event.person)}
    return _update(state, d.id, staff=staff)


@evolves(DepartmentBecameOperational)
def _operational(state: FederationState, event: DepartmentBecameOperational) -> FederationState:
    return _update(state, event.department, operational_since=event.operational_on)


@evolves(DepartmentDissolved)
def _dissolved(state: FederationState, event: DepartmentDissolved) -> FederationState:
    return _update(
        state, event.department, dissolved_on=event.dissolved_on, dissolution=event.reason
    )
