"""A 1922 union with the offices rules a test chooses, and builders of appointments (P15)."""

from __future__ import annotations

from datetime import date
from typing import Any

from builders import MONDAY, adopt, apply, command, found, pass_motion, seat_delegations, union_1922
from isonomia.charter.model import Charter, Offices
from isonomia.domain import (
    AppointDelegate,
    Appointment,
    AppointOfficial,
    FederationState,
    RemoveOfficial,
    actors,
)
from isonomia.domain.refusal import Refusal

DAY = MONDAY
NAMED = union_1922().offices.named


def charter_with(**offices: Any) -> Charter:
    """The 1922 charter with these offices rules (the example's others unless given), and no
    notice before a vote, so motions are voted on the day they are drafted."""
    example = union_1922()
    rules = Offices(**{**example.offices.model_dump(), **offices})
    procedure = example.procedure.model_copy(update={"notice": []})
    return example.model_copy(update={"offices": rules, "procedure": procedure})


def founded_with(**offices: Any) -> FederationState:
    charter = charter_with(**offices)
    return apply(apply(FederationState(), adopt(charter)), found(charter))


#: Persons the appointment motions of `with_acts` name.
APPOINTEES = ("person-1", "person-2")


def appointing(office: str, person: str, action: str = "appoint") -> str:
    """The id of the appointment motion `with_acts` adopts for this office and person."""
    return f"{action}-{office}-{person}"


def with_acts(state: FederationState, day: date = DAY) -> FederationState:
    """Acts adopted by vote: ``uc-1``, ``uc-2`` by the union council, ``pr-1`` by the presidium
    (railway decisions); and, by the organ that fills each named office, an appointment and a
    removal motion for each of `APPOINTEES` (`appointing`)."""
    state = seat_delegations(state, "union-council", day)
    state = seat_delegations(state, "presidium", day)
    fields = {"field": "railways", "kind": "decision", "force": "advisory"}
    state = pass_motion(state, "uc-1", "uc-s1", "union-council", day, **fields)
    state = pass_motion(state, "uc-2", "uc-s1", "union-council", day, **fields)
    state = pass_motion(state, "pr-1", "pr-s1", "presidium", day, **fields)
    sessions = {"union-council": "uc-s1", "presidium": "pr-s1"}
    for office in NAMED:
        by = office.appointed_by or office.organ
        for person in APPOINTEES:
            for action in ("appoint", "remove"):
                subject = Appointment(office=office.id, person=person, action=action)
                motion = appointing(office.id, person, action)
                state = pass_motion(
                    state, motion, sessions[by], by, day, appointment=subject, **fields
                )
    return state


def seat(
    person: str,
    organ: str,
    day: date = DAY,
    until: date | None = None,
    member: str = "rsfsr",
    start: date | None = None,
) -> AppointDelegate:
    return command(
        AppointDelegate,
        actors.council(member),
        day,
        organ=organ,
        member=member,
        person=person,
        term_from=start or day,
        term_until=until,
    )


def official(
    person: str,
    office: str,
    act: str | None = None,
    day: date = DAY,
    until: date | None = None,
    actor: str | None = None,
    start: date | None = None,
) -> AppointOfficial:
    organ = next(o for o in NAMED if o.id == office)
    return command(
        AppointOfficial,
        actor or actors.organ(organ.appointed_by or organ.organ),
        day,
        office=office,
        person=person,
        act=act or appointing(office, person),
        term_from=start or day,
        term_until=until,
    )


def removal(person: str, office: str, act: str | None = None, day: date = DAY) -> RemoveOfficial:
    organ = next(o for o in NAMED if o.id == office)
    return command(
        RemoveOfficial,
        actors.organ(organ.appointed_by or organ.organ),
        day,
        office=office,
        person=person,
        act=act or appointing(office, person, "remove"),
    )


def refused(result: object, *words: str, principle: str = "P15") -> str:
    """The refusal's reason, after checking its principle and that it names `words`."""
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    for word in words:
        assert word in result.reason, (word, result.reason)
    return result.reason


def joint_rail(state: FederationState, day: date = DAY) -> FederationState:
    """A joint railway department ``rail``, with every member's consent (P7)."""
    from isonomia.domain import ConsentToDepartment, ProposeDepartment

    propose = command(
        ProposeDepartment, actors.SECRETARIAT, day, department="rail", name="Rail", field="railways"
    )
    state = apply(state, propose)
    for member in ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"):
        consent = command(
            ConsentToDepartment, actors.council(member), day, department="rail", member=member
        )
        state = apply(state, consent)
    return state


def represent(member: str, person: str, day: date = DAY) -> Any:
    from isonomia.domain import AppointRepresentative

    return command(
        AppointRepresentative,
        actors.SECRETARIAT,
        day,
        department="rail",
        member=member,
        person=person,
    )
