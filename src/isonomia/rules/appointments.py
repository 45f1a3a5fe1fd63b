"""Appointments cite the act that makes them (P15): an appointment (or a removal) under an
organ's vote cites an act of the appointing organ whose subject is that appointment, an
appointment motion naming the office and the person, never any act the organ adopted (an
appeal's ruling, a railway tariff).
"""

from __future__ import annotations

from isonomia.charter.model import Charter
from isonomia.domain import (
    AppointDelegate,
    AppointOfficial,
    AppointRepresentative,
    AssignStaff,
    Command,
    FederationState,
    RemoveOfficial,
)
from isonomia.domain.references import Appointment
from isonomia.domain.refusal import N_, Refusal

__all__ = ["appointment_motion_problem", "appointment_of", "subject_problem"]


def appointment_of(command: Command) -> Appointment | None:
    """The appointment (or removal) a command makes, as a motion would name it."""
    if isinstance(command, AppointOfficial | RemoveOfficial):
        action = "remove" if isinstance(command, RemoveOfficial) else "appoint"
        return Appointment(office=command.office, person=command.person, action=action)
    if isinstance(command, AppointDelegate):
        return Appointment(office=f"organ:{command.organ}", person=command.person)
    if isinstance(command, AppointRepresentative | AssignStaff):
        return Appointment(office=f"department:{command.department}", person=command.person)
    return None


def appointment_motion_problem(
    charter: Charter, organ: str, appointment: Appointment
) -> Refusal | None:
    """Why a motion in `organ` cannot decide this appointment: no such office, or a named
    office another organ's vote fills."""
    kind, _, name = appointment.office.rpartition(":")
    if kind == "organ" and charter.organ(name) is None:
        return Refusal.of("P4", N_("the charter has no organ '{organ_id}'"), organ_id=name)
    if kind:
        return None
    office = charter.offices.office(name)
    if office is None:
        return Refusal.of("P15", N_("the charter has no office {office}"), office=name)
    by = office.appointed_by or office.organ
    if by != organ:
        return Refusal.of(
            "P15",
            N_("{office} is filled and emptied by {organ}'s vote; {actor} cannot act for it"),
            office=office.id,
            organ=by,
            actor=organ,
        )
    return None


def subject_problem(state: FederationState, act_id: str, wanted: Appointment) -> Refusal | None:
    """Why the act `act_id` does not make this appointment: its subject is not the office
    and the person (P15)."""
    act = state.acts.get(act_id)
    if act is not None and act.appointment == wanted:
        return None
    return Refusal.of(
        "P15",
        N_(
            "{act} is no {appointment}: an appointment cites the appointment motion its "
            "organ adopted naming the office and the person"
        ),
        act=act_id,
        appointment=wanted.describe(),
    )
