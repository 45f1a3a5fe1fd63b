"""Joint departments (P7): by agreement of every member council, represented in every member.

A department is created only once every member's own council has consented; its seat is
the union's seat. It is operational only while it has an authorized representative with
staff in every member that takes part; members keep their own departments otherwise.
One person serves in one member's representation only: no one is the representative or
staff of two members, nor the staff of the representation it heads (P7, P15). A department
whose field a charter amendment returned to the members is dissolved (P10).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from isonomia.charter.model import FieldKind
from isonomia.domain import (
    AppointRepresentative,
    AssignStaff,
    ConsentToDepartment,
    Department,
    DepartmentBecameOperational,
    DepartmentConsented,
    DepartmentCreated,
    DepartmentProposed,
    Event,
    FederationState,
    Holding,
    ProposeDepartment,
    RepresentativeAppointed,
    StaffAssigned,
    actors,
    evolve,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.inspection_guard import retaliation_refusal
from isonomia.rules.languages import staff_language_problem
from isonomia.rules.offices import appointment_problem
from isonomia.rules.organs import founded
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, council_organ, kind_of, own_council


@decides(
    ProposeDepartment,
    who=Who(
        "P7",
        "the secretariat, the union council's presiding officer or a member's council",
        lambda s, c: (
            c.actor in (actors.SECRETARIAT, actors.organ(council_organ(s)))
            or kind_of(c.actor) == "council"
        ),
    ),
)
def propose_department(state: FederationState, command: ProposeDepartment) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    kind, name = actors.split(command.actor)
    council = charter.council_organ().id
    if not (
        command.actor in (actors.SECRETARIAT, actors.organ(council))
        or (kind == "council" and state.is_member(name, command.day))
    ):
        return Refusal.of(
            "P7", N_("{actor} cannot propose a joint department"), actor=command.actor
        )
    if command.department in state.departments:
        return Refusal.of(
            "P7", N_("there is already a department {department}"), department=command.department
        )
    field_kind = state.field_kinds(command.day).get(command.field)
    if field_kind is None:
        return Refusal.of(
            "P10", N_("'{field}' is not in the register of competences"), field=command.field
        )
    if field_kind is FieldKind.RESERVED:
        return Refusal.of(
            "P11",
            N_("{field} belongs to the members; each keeps its own department there"),
            field=command.field,
        )
    return [
        DepartmentProposed(
            department=command.department,
            name=command.name,
            field=command.field,
            seat=charter.union.seat,
            proposed_on=command.day,
            proposed_by=command.actor,
        )
    ]


@decides(
    ConsentToDepartment,
    who=own_council("P7", "the member's own council"),
)
def consent_to_department(state: FederationState, command: ConsentToDepartment) -> Decision:
    department = state.departments.get(command.department)
    if department is None:
        return Refusal.of(
            "P7", N_("there is no department {department}"), department=command.department
        )
    if command.actor != actors.council(command.member):
        return Refusal.of(
            "P7", N_("only {member}'s own council consents for {member}"), member=command.member
        )
    if not state.is_member(command.member, command.day):
        return Refusal.of("P7", N_("{member} is not a member"), member=command.member)
    if department.dissolved_on is not None:
        return _dissolved(department)
    if department.created_on is not None:
        return Refusal.of(
            "P7",
            N_("{department} is already joint since {created_on}"),
            department=department.id,
            created_on=department.created_on,
        )
    if command.member in department.consents:
        return Refusal.of(
            "P7",
            N_("{member} has already consented to {department}"),
            member=command.member,
            department=department.id,
        )
    events: list[Event] = [
        DepartmentConsented(
            department=department.id, member=command.member, consented_on=command.day
        )
    ]
    members = [m.id for m in state.members_on(command.day)]
    consented = {*department.consents, command.member}
    if all(m in consented for m in members):
        events.append(
            DepartmentCreated(
                department=department.id, created_on=command.day, participants=members
            )
        )
    return events


def _dissolved(department: Department) -> Refusal:
    return Refusal.of(
        "P10",
        N_("{department} was dissolved on {dissolved_on}: {dissolution}"),
        department=department.id,
        dissolved_on=department.dissolved_on,
        dissolution=department.dissolution,
    )


@dataclass(frozen=True)
class _Staffing:
    """The department to staff, in the state to decide in, and what that state took."""

    state: FederationState
    department: Department
    #: `DepartmentCreated`, when every current member had consented (see `_staffing`).
    created: list[Event]


def _staffing(
    state: FederationState, actor: str, department_id: str, member: str, day: date
) -> _Staffing | Refusal:
    """The department, joint and live, whose representation in `member` is to be staffed.

    When the only members that had not consented have since left, every current member has
    consented: the department becomes joint then (P3, P7), rather than waiting forever.
    """
    department = state.departments.get(department_id)
    if department is None:
        return Refusal.of(
            "P7", N_("there is no department {department_id}"), department_id=department_id
        )
    charter = state.charter
    assert charter is not None
    council = charter.council_organ().id
    if actor not in {actors.SECRETARIAT, actors.organ(department.id), actors.organ(council)}:
        return Refusal.of(
            "P7",
            N_("{department}'s representation is staffed by it, not by {actor}"),
            department=department.id,
            actor=actor,
        )
    if department.dissolved_on is not None:
        return _dissolved(department)
    created: list[Event] = []
    if department.created_on is None:
        current = [m.id for m in state.members_on(day)]
        missing = [m for m in current if m not in department.consents]
        if missing:
            return Refusal.of(
                "P7",
                N_("{department} is not joint yet: consent pending from {missing}"),
                department=department.id,
                missing=", ".join(missing),
            )
        created = [
            DepartmentCreated(department=department.id, created_on=day, participants=current)
        ]
        state = evolve(state, created[0])
        department = state.departments[department.id]
    if member not in department.participants:
        return Refusal.of(
            "P7",
            N_("{member} does not take part in {department}"),
            member=member,
            department=department.id,
        )
    return _Staffing(state, department, created)


def _one_seat(
    state: FederationState, department: Department, member: str, person: str, role: str, day: date
) -> Refusal | None:
    """Why `person` cannot take `role` in `member`'s representation, if it cannot (P7, P15)."""
    for other in sorted(state.departments.values(), key=lambda d: d.id):
        if other.dissolved_on is not None:
            continue
        for place, held in other.seats(person):
            if place != member and state.is_member(place, day):
                return Refusal.of(
                    "P7",
                    N_(
                        "{person} is already {held} of {other} in {place}; one person serves in "
                        "one member's representation, not in {place}'s and {member}'s (P15)"
                    ),
                    person=person,
                    held=held,
                    other=other.id,
                    place=place,
                    member=member,
                )
    if role == "staff" and department.representatives.get(member) == person:
        return Refusal.of(
            "P7",
            N_(
                "{person} is {department}'s authorized representative in {member}; its staff "
                "are other persons (P15)"
            ),
            person=person,
            department=department.id,
            member=member,
        )
    if role == "representative" and person in department.staff.get(member, ()):
        return Refusal.of(
            "P7",
            N_(
                "{person} is on {department}'s staff in {member}; the authorized "
                "representative is another person (P15)"
            ),
            person=person,
            department=department.id,
            member=member,
        )
    return None


def _concentration(
    state: FederationState,
    department: Department,
    command: AppointRepresentative | AssignStaff,
    role: str,
) -> Refusal | None:
    """Why the post would concentrate offices in its person (P15), or None."""
    member, person = command.member, command.person
    if role == "representative" and department.representatives.get(member) == person:
        return None  # already theirs: nothing more is held
    post = Holding(person, f"department:{department.id}", department.id, member, role, command.day)
    return appointment_problem(state, post)


def _then_operational(
    state: FederationState, department: Department, event: Event, day: date
) -> list[Event]:
    """The event, and `DepartmentBecameOperational` if it completes the representation."""
    after = evolve(state, event).departments[department.id]
    members = [m.id for m in state.members_on(day)]
    if not department.operational(members) and after.operational(members):
        return [event, DepartmentBecameOperational(department=department.id, operational_on=day)]
    return [event]


@decides(
    AppointRepresentative,
    who=Who(
        "P7",
        "the secretariat, the department or the union council's presiding officer",
        lambda s, c: (
            c.actor
            in (actors.SECRETARIAT, actors.organ(c.department), actors.organ(council_organ(s)))
        ),
    ),
)
def appoint_representative(state: FederationState, command: AppointRepresentative) -> Decision:
    staffing = _staffing(state, command.actor, command.department, command.member, command.day)
    if isinstance(staffing, Refusal):
        return staffing
    state, department = staffing.state, staffing.department
    problem = (
        _one_seat(state, department, command.member, command.person, "representative", command.day)
        or _replaced_protected(state, command)
        or _concentration(state, department, command, "representative")
        or staff_language_problem(state, command.member, command.person, command.languages)
    )
    if problem is not None:
        return problem
    event = RepresentativeAppointed(
        department=department.id,
        member=command.member,
        person=command.person,
        appointed_on=command.day,
        languages=list(dict.fromkeys(command.languages)),
    )
    return [*staffing.created, *_then_operational(state, department, event, command.day)]


def _replaced_protected(state: FederationState, command: AppointRepresentative) -> Refusal | None:
    """A new representative ends the post of the one before (P7): not a protected person's
    without the inspection's consent (P17)."""
    office = f"department:{command.department}"
    for h in state.offices.in_office(office):
        if (
            h.member == command.member
            and h.role == "representative"
            and h.person != command.person
            and h.held(command.day)
        ):
            return retaliation_refusal(state, command.actor, h.person, command.day)
    return None


@decides(
    AssignStaff,
    who=Who(
        "P7",
        "the secretariat, the department or the union council's presiding officer",
        lambda s, c: (
            c.actor
            in (actors.SECRETARIAT, actors.organ(c.department), actors.organ(council_organ(s)))
        ),
    ),
)
def assign_staff(state: FederationState, command: AssignStaff) -> Decision:
    staffing = _staffing(state, command.actor, command.department, command.member, command.day)
    if isinstance(staffing, Refusal):
        return staffing
    state, department = staffing.state, staffing.department
    if command.person in department.staff.get(command.member, ()):
        return Refusal.of(
            "P7",
            N_("{person} is already on staff in {member}"),
            person=command.person,
            member=command.member,
        )
    problem = (
        _one_seat(state, department, command.member, command.person, "staff", command.day)
        or _concentration(state, department, command, "staff")
        or staff_language_problem(state, command.member, command.person, command.languages)
    )
    if problem is not None:
        return problem
    event = StaffAssigned(
        department=department.id,
        member=command.member,
        person=command.person,
        assigned_on=command.day,
        languages=list(dict.fromkeys(command.languages)),
    )
    return [*staffing.created, *_then_operational(state, department, event, command.day)]
