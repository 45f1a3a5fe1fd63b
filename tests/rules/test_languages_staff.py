"""The union's staff in a member command the languages the member's rules require (P14)."""

from __future__ import annotations

from datetime import date

from builders import MEMBERS_1922, apply, command, founded_1922, run
from isonomia.domain import (
    AdoptLanguageRules,
    AppointRepresentative,
    AssignStaff,
    ConsentToDepartment,
    FederationState,
    ProposeDepartment,
    StaffAssigned,
    actors,
    event_from_record,
)
from isonomia.domain.languages import staff_gaps
from isonomia.domain.refusal import Refusal

DAY = date(1923, 2, 1)
SEC = actors.SECRETARIAT


def _joint() -> FederationState:
    state = apply(
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
    for member in MEMBERS_1922:
        state = apply(
            state,
            command(
                ConsentToDepartment,
                actors.council(member),
                DAY,
                department="narkomput",
                member=member,
            ),
        )
    ukrainian = command(
        AdoptLanguageRules, actors.council("ukraine"), DAY, member="ukraine", staff=["uk"]
    )
    return apply(state, ukrainian)


def test_p14_a_railway_appointment_in_ukraine_without_ukrainian_is_refused() -> None:
    state = _joint()
    for cls in (AppointRepresentative, AssignStaff):
        fields = {"department": "narkomput", "member": "ukraine", "person": "petrov"}
        bare = command(cls, SEC, DAY, **fields, languages=["ru"])
        result = run(state, bare)
        assert isinstance(result, Refusal) and result.principle == "P14", result
        assert "Ukrainian (uk)" in result.reason and "petrov" in result.reason
        assert not isinstance(
            run(state, command(cls, SEC, DAY, **fields, languages=["uk"])), Refusal
        )
    elsewhere = command(AssignStaff, SEC, DAY, department="narkomput", member="rsfsr", person="p")
    assert not isinstance(run(state, elsewhere), Refusal)  # rsfsr asks for no language


def test_p14_staff_appointed_before_stricter_rules_show_as_a_gap() -> None:
    state = _joint()
    state = apply(
        state,
        command(AssignStaff, SEC, DAY, department="narkomput", member="georgia", person="ivanov"),
    )
    assert staff_gaps(state, "georgia") == {}
    state = apply(
        state,
        command(AdoptLanguageRules, actors.council("georgia"), DAY, member="georgia", staff=["ka"]),
    )
    assert staff_gaps(state, "georgia") == {"ivanov": ["ka"]}


def test_p14_staff_entries_recorded_before_languages_were_kept_still_read() -> None:
    old = {"department": "d", "member": "georgia", "person": "p", "assigned_on": "1923-02-01"}
    event = event_from_record("StaffAssigned", 1, old)
    assert isinstance(event, StaffAssigned) and event.languages == []
