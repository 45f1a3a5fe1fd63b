"""Joint departments (P7): every member council consents; represented in every member."""

from __future__ import annotations

from datetime import date

import pytest

from builders import (
    MEMBERS_1922,
    admit,
    apply,
    command,
    founded_1922,
    request_accession,
    run,
)
from isonomia.domain import (
    AppointRepresentative,
    AssignStaff,
    ConsentToDepartment,
    DepartmentBecameOperational,
    DepartmentCreated,
    FederationState,
    ProposeDepartment,
    actors,
)
from isonomia.domain.refusal import Refusal

DAY = date(1923, 2, 1)
SEC = actors.SECRETARIAT


def refusal(result: object, principle: str = "P7") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def consent(member: str, department: str = "narkomput") -> ConsentToDepartment:
    return command(
        ConsentToDepartment, actors.council(member), DAY, department=department, member=member
    )


def staff(state: FederationState, member: str, department: str = "narkomput") -> FederationState:
    state = apply(
        state,
        command(
            AppointRepresentative,
            SEC,
            DAY,
            department=department,
            member=member,
            person=f"rep-{member}",
        ),
    )
    return apply(
        state,
        command(
            AssignStaff, SEC, DAY, department=department, member=member, person=f"clerk-{member}"
        ),
    )


@pytest.fixture
def proposed() -> FederationState:
    return apply(
        founded_1922(),
        command(
            ProposeDepartment,
            actors.organ("union-council"),
            DAY,
            department="narkomput",
            name="Railways",
            field="railways",
        ),
    )


def test_p7_a_department_becomes_joint_only_with_every_member_councils_consent(
    proposed: FederationState,
) -> None:
    assert proposed.departments["narkomput"].seat == "Moscow"  # the union's seat
    state = proposed
    for member in MEMBERS_1922[:-1]:
        state = apply(state, consent(member))
    assert state.departments["narkomput"].created_on is None
    refusal(
        run(
            state,
            command(
                AppointRepresentative, SEC, DAY, department="narkomput", member="rsfsr", person="x"
            ),
        )
    )
    by_other = command(
        ConsentToDepartment,
        actors.council("rsfsr"),
        DAY,
        department="narkomput",
        member="azerbaijan",
    )
    assert "own council" in refusal(run(state, by_other))
    events = run(state, consent("azerbaijan"))
    assert isinstance(events, list) and isinstance(events[-1], DepartmentCreated)


def test_p7_operational_only_when_represented_with_staff_in_every_member(
    proposed: FederationState,
) -> None:
    state = proposed
    for member in MEMBERS_1922:
        state = apply(state, consent(member))
    members = list(MEMBERS_1922)
    for member in MEMBERS_1922[:-1]:
        state = staff(state, member)
    department = state.departments["narkomput"]
    assert not department.operational(members)
    assert department.gaps(members) == {"azerbaijan": ["authorized representative", "staff"]}
    state = apply(
        state,
        command(
            AppointRepresentative,
            SEC,
            DAY,
            department="narkomput",
            member="azerbaijan",
            person="rep",
        ),
    )
    last = run(
        state,
        command(AssignStaff, SEC, DAY, department="narkomput", member="azerbaijan", person="clerk"),
    )
    assert isinstance(last, list) and isinstance(last[-1], DepartmentBecameOperational)


def test_p7_a_new_member_joins_the_departments_its_terms_name(proposed: FederationState) -> None:
    state = proposed
    for member in MEMBERS_1922:
        state = apply(state, consent(member))
    for member in MEMBERS_1922:
        state = staff(state, member)
    joined = date(1925, 2, 17)
    wrong_field = request_accession("uzbekistan", joined, joins_departments=["narkomput"])
    assert "does not accept" in refusal(run(state, wrong_field))
    state = apply(
        state,
        request_accession(
            "uzbekistan",
            joined,
            joins_departments=["narkomput"],
            accepts_fields=["military", "railways"],
        ),
    )
    state = admit(state, "uzbekistan", joined, dict.fromkeys(MEMBERS_1922, "yes"))
    department = state.departments["narkomput"]
    members = [m.id for m in state.members_on(joined)]
    assert "uzbekistan" in department.participants
    assert not department.operational(members)  # never operational with a member unrepresented
    state = staff(state, "uzbekistan")
    assert state.departments["narkomput"].operational(members)


def test_p11_no_joint_department_in_a_reserved_field() -> None:
    culture = command(
        ProposeDepartment, SEC, DAY, department="narkompros", name="Education", field="education"
    )
    refusal(run(founded_1922(), culture), "P11")
