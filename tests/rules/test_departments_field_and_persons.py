"""Joint departments keep P7, P10 and P15 over every history: a department whose field is
returned to the members is dissolved, and one person is never the representation of two
members, nor both the representative and the staff of one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import (
    MEMBERS_1922,
    MONDAY,
    apply,
    command,
    founded_1922,
    pass_motion,
    run,
    seat_delegations,
    secede,
)
from isonomia.domain import (
    AppointRepresentative,
    AssignStaff,
    ConsentToDepartment,
    DepartmentCreated,
    FederationState,
    ProposeDepartment,
    actors,
)
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
DAY = date(1923, 1, 2)


def _refused(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def _joint(
    state: FederationState, department: str = "nkps", field: str = "railways"
) -> FederationState:
    state = apply(
        state,
        command(ProposeDepartment, SEC, DAY, department=department, name="Railways", field=field),
    )
    for member in MEMBERS_1922:
        state = apply(
            state,
            command(
                ConsentToDepartment,
                actors.council(member),
                DAY,
                department=department,
                member=member,
            ),
        )
    return state


def _appoint(member: str, person: str, department: str = "nkps") -> AppointRepresentative:
    return command(
        AppointRepresentative, SEC, DAY, department=department, member=member, person=person
    )


def _assign(member: str, person: str, department: str = "nkps") -> AssignStaff:
    return command(AssignStaff, SEC, DAY, department=department, member=member, person=person)


@pytest.fixture
def joint() -> FederationState:
    return _joint(seat_delegations(founded_1922(), "union-council", DAY))


def _staffed(state: FederationState) -> FederationState:
    for member in MEMBERS_1922:
        state = apply(state, _appoint(member, f"rep-{member}"))
        state = apply(state, _assign(member, f"clerk-{member}"))
    return state


def test_p10_returning_a_field_to_the_members_dissolves_its_joint_department(
    joint: FederationState,
) -> None:
    state = _staffed(joint)
    assert state.departments["nkps"].operational(MEMBERS_1922)
    amended = MONDAY + timedelta(days=7)
    state = pass_motion(
        state,
        "return-railways",
        "uc-1",
        "union-council",
        amended,
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        competence_changes={"railways": "reserved"},
    )
    department = state.departments["nkps"]
    assert department.dissolved_on == amended
    assert "railways returned to the members by amendment return-railways" in (
        department.dissolution
    )
    assert not department.operational(MEMBERS_1922)
    reason = _refused(run(state, _assign("rsfsr", "clerk-2")), "P10")
    assert "nkps was dissolved on" in reason


@settings(max_examples=8, deadline=None)
@given(returned=st.sets(st.sampled_from(("railways", "finance", "military"))))
def test_p10_no_joint_department_outlives_its_field_whatever_the_amendment(
    returned: set[str],
) -> None:
    state = _staffed(_joint(seat_delegations(founded_1922(), "union-council", DAY)))
    state = _joint(state, "nkfin", "finance")
    amended = MONDAY + timedelta(days=7)
    state = pass_motion(
        state,
        "amend",
        "uc-1",
        "union-council",
        amended,
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        competence_changes=dict.fromkeys(returned, "reserved") or {"finance": "joint"},
    )
    kinds = state.field_kinds(amended)
    for department in state.departments.values():
        reserved = kinds[department.field].value == "reserved"
        assert (department.dissolved_on is not None) == reserved
        assert not (reserved and department.operational(MEMBERS_1922))


def test_p7_p15_one_person_cannot_represent_two_members(joint: FederationState) -> None:
    state = apply(joint, _appoint("rsfsr", "p1"))
    reason = _refused(run(state, _appoint("ukraine", "p1")), "P7")
    assert "p1 is already representative of nkps in rsfsr" in reason and "P15" in reason
    _refused(run(state, _assign("ukraine", "p1")), "P7")
    _refused(run(state, _assign("rsfsr", "p1")), "P7")  # not its own staff
    state = apply(state, _assign("rsfsr", "clerk"))
    _refused(run(state, _assign("ukraine", "clerk")), "P7")
    _refused(run(state, _appoint("rsfsr", "clerk")), "P7")


def test_p7_one_person_named_everywhere_never_makes_a_department_operational(
    joint: FederationState,
) -> None:
    state = joint
    for member in MEMBERS_1922:
        for cmd in (_appoint(member, "p1"), _assign(member, "p1")):
            result = run(state, cmd)
            if not isinstance(result, Refusal):
                state = apply(state, cmd)
    assert not state.departments["nkps"].operational(MEMBERS_1922)


def test_p7_a_refusal_names_only_current_members_as_consent_pending() -> None:
    state = seat_delegations(founded_1922(), "union-council", DAY)
    state = apply(state, secede("georgia", DAY))
    left = DAY + timedelta(days=120)
    state = apply(
        state,
        command(ProposeDepartment, SEC, left, department="nkps", name="Railways", field="railways"),
    )
    appoint = command(
        AppointRepresentative, SEC, left, department="nkps", member="rsfsr", person="p"
    )
    reason = _refused(run(state, appoint), "P7")
    assert "consent pending from rsfsr, ukraine" in reason and "georgia" not in reason


PERSONS = ("p1", "p2", "p3")


@settings(max_examples=40, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(("appoint", "assign")),
            st.sampled_from(MEMBERS_1922),
            st.sampled_from(PERSONS),
            st.sampled_from(("nkps", "nkfin")),
        ),
        max_size=30,
    )
)
def test_p7_p15_no_person_ever_serves_two_members_representations(
    steps: list[tuple[str, str, str, str]],
) -> None:
    state = _joint(_joint(founded_1922()), "nkfin", "finance")
    for action, member, person, department in steps:
        make = _appoint if action == "appoint" else _assign
        cmd = make(member, person, department)
        if not isinstance(run(state, cmd), Refusal):
            state = apply(state, cmd)
    for person in PERSONS:
        places = {m for d in state.departments.values() for m, _ in d.seats(person)}
        assert len(places) <= 1
    for department in state.departments.values():
        for member, representative in department.representatives.items():
            assert representative not in department.staff.get(member, ())


def test_p7_a_department_becomes_joint_once_the_only_member_missing_has_left() -> None:
    state = seat_delegations(founded_1922(), "union-council", DAY)
    state = apply(state, secede("georgia", DAY))
    state = apply(
        state,
        command(ProposeDepartment, SEC, DAY, department="nkps", name="Railways", field="railways"),
    )
    for member in MEMBERS_1922:
        if member != "georgia":
            state = apply(
                state,
                command(
                    ConsentToDepartment,
                    actors.council(member),
                    DAY,
                    department="nkps",
                    member=member,
                ),
            )
    assert state.departments["nkps"].created_on is None  # georgia was still a member
    left = DAY + timedelta(days=120)
    appoint = command(
        AppointRepresentative, SEC, left, department="nkps", member="rsfsr", person="p"
    )
    events = run(state, appoint)
    assert isinstance(events, list)
    created = events[0]
    assert isinstance(created, DepartmentCreated) and "georgia" not in created.participants
    state = apply(state, appoint)
    assert state.departments["nkps"].representatives == {"rsfsr": "p"}
