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
    Holding,
    RecallDelegate,
    SessionConvened,
    actors,
)
from isonomia.domain.references import AppealRef, UrgentActionRef
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.inspection_guard import office_conflict, retaliation_refusal
from isonomia.rules.offices import appointment_problem
from isonomia.rules.presidency import BeyondCalendar, presiding_on
from isonomia.rules.presiding import delegate_signs, presided
from isonomia.rules.registry import Decision, decides
from isonomia.rules.seats import seat_problem
from isonomia.rules.who import Who, own_council, procedural

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
        return Refusal.of("P1", N_("the union is not founded yet"))
    return state.charter


def organ_of(charter: Charter, organ_id: str) -> Organ | Refusal:
    organ = charter.organ(organ_id)
    if organ is None:
        return Refusal.of("P4", N_("the charter has no organ '{organ_id}'"), organ_id=organ_id)
    return organ


def speaks_for(state: FederationState, actor: str, member: str, organ: str, on: date) -> bool:
    """The member's own council, or a person sitting for it in `organ` on the day."""
    kind, name = actors.split(actor)
    if kind == "council":
        return name == member
    return kind == "person" and state.sits_for(name, member, organ, on)


@decides(
    AppointDelegate,
    who=Who(
        "P4",
        "the member's own council",
        lambda s, c: c.actor == actors.council(c.member),
        decider_explains=True,
    ),
)
def appoint_delegate(state: FederationState, command: AppointDelegate) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    organ = organ_of(charter, command.organ)
    if isinstance(organ, Refusal):
        return organ
    if organ.kind not in (*VOTING_ORGANS, OrganKind.INSPECTION):
        return Refusal.of(
            "P4",
            N_(
                "{organ} is a {kind}; members sit by delegation only in the union council, "
                "its presidium, the executives, conferences and the inspection"
            ),
            organ=organ.id,
            kind=organ.kind.value,
        )
    if command.actor != actors.council(command.member):
        return Refusal.of(
            "P4",
            N_("{member}'s delegation is named by its own council; {actor} cannot name it"),
            member=command.member,
            actor=command.actor,
        )
    if command.term_from < command.day:
        return Refusal.of(
            "P4",
            N_("a delegation named on {day} cannot begin before it, on {term_from}"),
            day=command.day,
            term_from=command.term_from,
        )
    if not state.is_member(command.member, command.term_from):
        return Refusal.of(
            "P4",
            N_("{member} is not a member on {term_from}"),
            member=command.member,
            term_from=command.term_from,
        )
    if command.term_until is not None and command.term_until <= command.term_from:
        return Refusal.of("P4", N_("a delegate's term must end after it begins"))
    problem = (
        _seat_taken(state, organ, command)
        or seat_problem(state, organ.id, command.member, command.term_from)
        or office_conflict(
            state, charter, organ, command.person, command.term_from, command.term_until
        )
        or appointment_problem(state, _seat(organ, command))
    )
    if problem is not None:
        return problem
    return [
        DelegateAppointed(
            organ=organ.id,
            member=command.member,
            person=command.person,
            term_from=command.term_from,
            term_until=command.term_until,
        )
    ]


def _seat(organ: Organ, command: AppointDelegate) -> Holding:
    """The office a delegation is: a seat in the organ for the member, for its term (P15)."""
    return Holding(
        command.person,
        f"organ:{organ.id}",
        organ.id,
        command.member,
        "delegate",
        command.term_from,
        command.term_until,
    )


def _seat_taken(state: FederationState, organ: Organ, command: AppointDelegate) -> Refusal | None:
    """Why the person cannot sit in `organ` in that term: it already sits there, or None."""
    for d in state.delegations_of(command.person):
        same = d.organ == organ.id and d.recalled_on is None
        starts_before_end = d.term_until is None or command.term_from < d.term_until
        ends_after_start = command.term_until is None or d.term_from < command.term_until
        if same and starts_before_end and ends_after_start:
            who = N_("it") if d.member == command.member else d.member
            return Refusal.of(
                "P4",
                N_("{person} already sits in {organ} for {who} in that term"),
                person=command.person,
                organ=organ.id,
                who=who,
            )
    return None


@decides(
    RecallDelegate,
    who=own_council("P4", "the member's own council"),
)
def recall_delegate(state: FederationState, command: RecallDelegate) -> Decision:
    if command.actor != actors.council(command.member):
        return Refusal.of(
            "P4", N_("only {member}'s own council recalls its delegates"), member=command.member
        )
    if not state.sits_for(command.person, command.member, command.organ, command.day):
        return Refusal.of(
            "P4",
            N_("{person} does not sit for {member} in {organ}"),
            person=command.person,
            member=command.member,
            organ=command.organ,
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


def calendar_problem(charter: Charter, founded_on: date, day: date) -> Refusal | None:
    """Why the union council cannot meet on `day`, or None when it is a session day (P4)."""
    council = charter.union_council
    weekday = WEEKDAYS.index(council.weekday)
    if day.weekday() != weekday:
        return Refusal.of(
            "P4",
            N_("the union council meets on {weekday}s; {day} is a {weekday_of_day}"),
            weekday=council.weekday,
            day=day,
            weekday_of_day=WEEKDAYS[day.weekday()],
        )
    if council.sessions is Cadence.FORTNIGHTLY:
        first = founded_on + timedelta(days=(weekday - founded_on.weekday()) % 7)
        if (day - first).days % 14:
            return Refusal.of(
                "P4",
                N_("the union council meets fortnightly from {first}; {day} is an off week"),
                first=first,
                day=day,
            )
    if council.sessions is Cadence.MONTHLY and day.day > 7:
        return Refusal.of(
            "P4",
            N_("the union council meets on the first {weekday} of each month"),
            weekday=council.weekday,
        )
    return None


@decides(
    ConveneSession,
    who=presided(
        "convene",
        "the secretariat or the organ's presiding officer",
        lambda s, c: c.organ,
        lambda s, c: c.actor in procedural(s, c.organ),
    ),
)
def convene_session(state: FederationState, command: ConveneSession) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    organ = organ_of(charter, command.organ)
    if isinstance(organ, Refusal):
        return organ
    if organ.kind not in VOTING_ORGANS:
        return Refusal.of(
            "P4",
            N_("{organ} is a {kind}; it holds no voting sessions"),
            organ=organ.id,
            kind=organ.kind.value,
        )
    problem = _convening_problem(state, organ, command)
    if problem is not None:
        return problem
    reviews: list[str] = []
    agenda = list(command.agenda)
    if organ.kind is OrganKind.UNION_COUNCIL:
        assert state.founded_on is not None
        unmet = calendar_problem(charter, state.founded_on, command.held_on)
        if unmet:
            return unmet
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
        return Refusal.of(
            "P5",
            N_("no presidency can be reckoned for {held_on}: {error}"),
            held_on=command.held_on,
            error=error,
        )
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


def _convening_problem(
    state: FederationState, organ: Organ, command: ConveneSession
) -> Refusal | None:
    """Why this session cannot be convened: who convenes it, its id, its day; or None (P4)."""
    charter = state.charter
    assert charter is not None
    presidium = [o.id for o in charter.organs if o.kind is OrganKind.PRESIDIUM]
    allowed = {actors.SECRETARIAT, actors.organ(organ.id), *map(actors.organ, presidium)}
    if command.actor not in allowed and not delegate_signs(state, organ.id, "convene"):
        return Refusal.of(
            "P4", N_("a session of {organ} is convened by its presidium or itself"), organ=organ.id
        )
    if command.session in state.sessions:
        return Refusal.of("P4", N_("there is already a session {session}"), session=command.session)
    assert state.founded_on is not None
    if command.held_on < state.founded_on:
        return Refusal.of("P4", N_("no session before the union is founded"))
    if command.held_on < command.day:
        return Refusal.of(
            "P4", N_("a session on {held_on} is already past"), held_on=command.held_on
        )
    return None
