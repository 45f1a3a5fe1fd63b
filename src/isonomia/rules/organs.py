"""Organs (P4): delegations of persons for members, and sessions on the council's calendar.

The organs are the charter's: one council per member (implicit, actor ``council:<member>``),
the union council with its presidium, the executives, joint departments, conferences and
the inspection. Which persons sit for which member in which organ is data recorded here.
"""

from __future__ import annotations

from datetime import date, timedelta

from isonomia.charter.model import Cadence, Charter, Organ, OrganKind
from isonomia.domain import (
    AppointDelegate,
    ConveneSession,
    DelegateAppointed,
    DelegateRecalled,
    FederationState,
    RecallDelegate,
    SessionConvened,
    actors,
)
from isonomia.domain.references import AppealRef, UrgentActionRef
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection_guard import office_conflict, retaliation_refusal
from isonomia.rules.presidency import BeyondCalendar, presiding_on
from isonomia.rules.registry import Decision, decides

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Organs in which members sit by delegation and vote.
VOTING_ORGANS = (
    OrganKind.UNION_COUNCIL,
    OrganKind.PRESIDIUM,
    OrganKind.EXECUTIVE,
    OrganKind.CONFERENCE,
)


def founded(state: FederationState) -> Charter | Refusal:
    if state.charter is None or state.founded_on is None:
        return Refusal("P1", "the union is not founded yet")
    return state.charter


def organ_of(charter: Charter, organ_id: str) -> Organ | Refusal:
    organ = charter.organ(organ_id)
    if organ is None:
        return Refusal("P4", f"the charter has no organ {organ_id!r}")
    return organ


def speaks_for(state: FederationState, actor: str, member: str, organ: str, on: date) -> bool:
    """The member's own council, or a person sitting for it in `organ` on the day."""
    kind, name = actors.split(actor)
    if kind == "council":
        return name == member
    return kind == "person" and state.sits_for(name, member, organ, on)


@decides(AppointDelegate)
def appoint_delegate(state: FederationState, command: AppointDelegate) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    organ = organ_of(charter, command.organ)
    if isinstance(organ, Refusal):
        return organ
    if organ.kind not in (*VOTING_ORGANS, OrganKind.INSPECTION):
        return Refusal(
            "P4",
            f"{organ.id} is a {organ.kind.value}; members sit by delegation only in the union "
            "council, its presidium, the executives, conferences and the inspection",
        )
    if command.actor != actors.council(command.member):
        return Refusal(
            "P4",
            f"{command.member}'s delegation is named by its own council; "
            f"{command.actor} cannot name it",
        )
    if command.term_from < command.day:
        return Refusal(
            "P4",
            f"a delegation named on {command.day} cannot begin before it, on {command.term_from}",
        )
    if not state.is_member(command.member, command.term_from):
        return Refusal("P4", f"{command.member} is not a member on {command.term_from}")
    if command.term_until is not None and command.term_until <= command.term_from:
        return Refusal("P4", "a delegate's term must end after it begins")
    for d in state.delegations_of(command.person):
        same = d.organ == organ.id and d.recalled_on is None
        starts_before_end = d.term_until is None or command.term_from < d.term_until
        ends_after_start = command.term_until is None or d.term_from < command.term_until
        if same and starts_before_end and ends_after_start:
            who = "it" if d.member == command.member else d.member
            return Refusal(
                "P4", f"{command.person} already sits in {organ.id} for {who} in that term"
            )
    conflict = office_conflict(
        state, charter, organ, command.person, command.term_from, command.term_until
    )
    if conflict is not None:
        return conflict
    return [
        DelegateAppointed(
            organ=organ.id,
            member=command.member,
            person=command.person,
            term_from=command.term_from,
            term_until=command.term_until,
        )
    ]


@decides(RecallDelegate)
def recall_delegate(state: FederationState, command: RecallDelegate) -> Decision:
    if command.actor != actors.council(command.member):
        return Refusal("P4", f"only {command.member}'s own council recalls its delegates")
    if not state.sits_for(command.person, command.member, command.organ, command.day):
        return Refusal(
            "P4", f"{command.person} does not sit for {command.member} in {command.organ}"
        )
    retaliation = retaliation_refusal(
        state, actors.council(command.member), command.person, command.day
    )
    if retaliation is not None:
        return retaliation
    return [
        DelegateRecalled(
            organ=command.organ,
            member=command.member,
            person=command.person,
            recalled_on=command.day,
        )
    ]


def calendar_problem(charter: Charter, founded_on: date, day: date) -> str | None:
    """Why the union council cannot meet on `day`, or None when it is a session day (P4)."""
    council = charter.union_council
    weekday = WEEKDAYS.index(council.weekday)
    if day.weekday() != weekday:
        return (
            f"the union council meets on {council.weekday}s; {day} is a {WEEKDAYS[day.weekday()]}"
        )
    if council.sessions is Cadence.FORTNIGHTLY:
        first = founded_on + timedelta(days=(weekday - founded_on.weekday()) % 7)
        if (day - first).days % 14:
            return f"the union council meets fortnightly from {first}; {day} is an off week"
    if council.sessions is Cadence.MONTHLY and day.day > 7:
        return f"the union council meets on the first {council.weekday} of each month"
    return None


@decides(ConveneSession)
def convene_session(state: FederationState, command: ConveneSession) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    organ = organ_of(charter, command.organ)
    if isinstance(organ, Refusal):
        return organ
    if organ.kind not in VOTING_ORGANS:
        return Refusal("P4", f"{organ.id} is a {organ.kind.value}; it holds no voting sessions")
    presidium = [o.id for o in charter.organs if o.kind is OrganKind.PRESIDIUM]
    allowed = {actors.SECRETARIAT, actors.organ(organ.id), *map(actors.organ, presidium)}
    if command.actor not in allowed:
        return Refusal("P4", f"a session of {organ.id} is convened by its presidium or itself")
    if command.session in state.sessions:
        return Refusal("P4", f"there is already a session {command.session}")
    assert state.founded_on is not None
    if command.held_on < state.founded_on:
        return Refusal("P4", "no session before the union is founded")
    if command.held_on < command.day:
        return Refusal("P4", f"a session on {command.held_on} is already past")
    reviews: list[str] = []
    agenda = list(command.agenda)
    if organ.kind is OrganKind.UNION_COUNCIL:
        problem = calendar_problem(charter, state.founded_on, command.held_on)
        if problem:
            return Refusal("P4", problem)
        # The council's next session takes up pending appeals (P6) and urgent actions (P8).
        for appeal in sorted(state.appeals.values(), key=lambda x: x.id):
            if appeal.ruling is None and appeal.review_session is None:
                reviews.append(str(AppealRef(appeal.id)))
                agenda.append(f"appeal {appeal.id} by {appeal.member} against {appeal.act}")
        for (directive, member), c in sorted(state.compliance.items()):
            if c.basis == "urgency" and c.review is None and c.review_session is None:
                reviews.append(str(UrgentActionRef(directive, member)))
                agenda.append(f"review of {member}'s urgent action under {directive}")
    try:
        tenure = presiding_on(state, command.held_on)
    except BeyondCalendar as error:
        return Refusal("P5", f"no presidency can be reckoned for {command.held_on}: {error}")
    return [
        SessionConvened(
            session=command.session,
            organ=organ.id,
            held_on=command.held_on,
            presided_by=tenure.member if tenure else None,
            agenda=agenda,
            reviews=reviews,
        )
    ]
