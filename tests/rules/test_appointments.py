"""Appointments cite the right act (P15): an appointment or a removal under an organ's vote
cites an act of the appointing organ whose subject is that appointment, an appointment
motion naming the office and the person, not any act the organ adopted (an appeal's ruling,
a railway decision)."""

from __future__ import annotations

from datetime import timedelta

from offices_world import (
    DAY,
    founded_with,
    joint_rail,
    official,
    refused,
    removal,
    represent,
    with_acts,
)

from builders import apply, command, pass_motion, run, seat_delegations
from isonomia.domain import (
    Appointment,
    ConveneSession,
    DraftMotion,
    FederationState,
    FileAppeal,
    OfficialAppointed,
    OfficialRemoved,
    PublishAct,
    Ruling,
    actors,
)
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
WEDNESDAY = DAY + timedelta(days=2)
NEXT_MONDAY = DAY + timedelta(days=7)
FIELDS = {"field": "railways", "kind": "decision", "force": "advisory"}


def _with_ruling() -> FederationState:
    """The union council's ruling ``ruling-1`` on Georgia's appeal against an STO decision."""
    state = with_acts(founded_with())
    state = seat_delegations(state, "sto", DAY)
    state = pass_motion(state, "sto-1", "sto-s1", "sto", WEDNESDAY, **FIELDS)
    state = apply(state, command(PublishAct, SEC, WEDNESDAY, act="sto-1"))
    appeal = command(
        FileAppeal,
        actors.council("georgia"),
        WEDNESDAY,
        appeal="a1",
        act="sto-1",
        member="georgia",
        ground="harms Tiflis",
    )
    state = apply(state, appeal)
    convene = command(
        ConveneSession, SEC, WEDNESDAY, session="uc-2", organ="union-council", held_on=NEXT_MONDAY
    )
    state = apply(state, convene)
    ruling = Ruling(on="appeal", ref="a1", outcome="uphold")
    return pass_motion(
        state, "ruling-1", "uc-2", "union-council", NEXT_MONDAY, ruling=ruling, **FIELDS
    )


def test_p15_a_chief_inspector_appointed_under_an_appeal_ruling_is_refused() -> None:
    state = _with_ruling()
    assert state.acts["ruling-1"].adopted_on == NEXT_MONDAY
    chief = official("person-1", "chief-inspector", "ruling-1", NEXT_MONDAY)
    refused(run(state, chief), "ruling-1 is no appointment of person-1 to chief-inspector")


def test_p15_an_appointment_citing_its_appointment_motion_is_accepted() -> None:
    state = with_acts(founded_with())
    events = run(state, official("person-1", "chief-inspector"))
    assert isinstance(events, list) and isinstance(events[-1], OfficialAppointed)
    assert events[-1].act == "appoint-chief-inspector-person-1"


def test_p15_an_unrelated_act_of_the_right_organ_appoints_no_one() -> None:
    state = with_acts(founded_with())
    refused(run(state, official("person-1", "general-secretary", "uc-1")), "uc-1 is no")


def test_p15_a_motion_naming_another_person_or_office_does_not_appoint_this_one() -> None:
    state = with_acts(founded_with())
    other_person = official("person-1", "general-secretary", "appoint-general-secretary-person-2")
    refused(run(state, other_person), "no appointment of person-1 to general-secretary")
    other_office = official("person-1", "general-secretary", "appoint-chief-inspector-person-1")
    refused(run(state, other_office), "no appointment of person-1")


def test_p15_a_removal_cites_a_removal_motion_not_the_appointment() -> None:
    state = apply(with_acts(founded_with()), official("person-1", "general-secretary"))
    wrong = removal("person-1", "general-secretary", "appoint-general-secretary-person-1")
    refused(run(state, wrong), "no removal of person-1 from general-secretary")
    events = run(state, removal("person-1", "general-secretary"))
    assert isinstance(events, list) and isinstance(events[-1], OfficialRemoved)


def test_p15_a_collegial_appointment_cites_the_appointment_motion() -> None:
    state = joint_rail(with_acts(founded_with(collegial=["AppointRepresentative"])))
    appoint = represent("rsfsr", "person-1")
    refused(run(state, appoint.model_copy(update={"under_act": "uc-1"})), "uc-1 is no")
    subject = Appointment(office="department:rail", person="person-1")
    state = pass_motion(
        state, "rail-rep", "uc-s1", "union-council", DAY, appointment=subject, **FIELDS
    )
    accepted = run(state, appoint.model_copy(update={"under_act": "rail-rep"}))
    assert not isinstance(accepted, Refusal), str(accepted)


def test_p15_an_appointment_motion_is_moved_in_the_organ_that_fills_the_office() -> None:
    state = with_acts(founded_with())
    draft = command(
        DraftMotion,
        SEC,
        DAY,
        motion="pr-chief",
        organ="presidium",
        title="chief",
        text="chief",
        appointment=Appointment(office="chief-inspector", person="person-1"),
        **FIELDS,
    )
    refused(run(state, draft), "chief-inspector is filled and emptied by union-council's vote")
    unknown = draft.model_copy(
        update={"appointment": Appointment(office="treasurer", person="person-1")}
    )
    refused(run(state, unknown), "no office treasurer")
