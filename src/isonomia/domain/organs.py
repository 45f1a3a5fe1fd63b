"""Organs (P4): who sits for which member in which organ, and the sessions organs hold."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.persistent import put
from isonomia.domain.references import AppealRef, UrgentActionRef, parse_review

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class AppointDelegate(Command):
    """A member's own council names a person to sit for it in a union organ, for a term."""

    organ: Slug = Field(description="The union organ.")
    member: Slug = Field(description="The member the person sits for.")
    person: Slug = Field(description="The delegate's id.")
    term_from: date = Field(description="First day of the term.")
    term_until: date | None = Field(default=None, description="Day the term ends (exclusive).")


class RecallDelegate(Command):
    """A member's own council recalls one of its delegates from an organ."""

    organ: Slug = Field(description="The union organ.")
    member: Slug = Field(description="The member the delegate sits for.")
    person: Slug = Field(description="The delegate's id.")


class ConveneSession(Command):
    """Convene a session of an organ on a day, with its agenda (the council's calendar, P4)."""

    session: Slug = Field(description="An id for the session.")
    organ: Slug = Field(description="The organ that meets.")
    held_on: date = Field(description="The session's day.")
    agenda: list[str] = Field(default_factory=list, description="An agenda item.")


class DelegateAppointed(Event):
    organ: str
    member: str
    person: str
    term_from: date
    term_until: date | None


class DelegateRecalled(Event):
    organ: str
    member: str
    person: str
    recalled_on: date


class SessionConvened(Event):
    union_wide = True
    session: str
    organ: str
    held_on: date
    presided_by: str | None
    agenda: list[str]
    #: Appeals and urgent actions put on this session for review (``appeal:ID``,
    #: ``urgent-action:DIRECTIVE:MEMBER``).
    reviews: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Delegation:
    """A person sitting for a member in an organ, for a term (P4)."""

    organ: str
    member: str
    person: str
    term_from: date
    term_until: date | None = None
    recalled_on: date | None = None
    #: Spans [from, until) in which a suspension from office pauses the seat (P17).
    paused: tuple[tuple[date, date], ...] = ()

    def sits(self, on: date) -> bool:
        ends = [d for d in (self.term_until, self.recalled_on) if d is not None]
        if any(start <= on < until for start, until in self.paused):
            return False
        return self.term_from <= on and all(on < end for end in ends)


@dataclass(frozen=True)
class Session:
    id: str
    organ: str
    held_on: date
    presided_by: str | None
    agenda: tuple[str, ...]


@evolves(DelegateAppointed)
def _delegate_appointed(state: FederationState, event: DelegateAppointed) -> FederationState:
    delegation = Delegation(
        event.organ, event.member, event.person, event.term_from, event.term_until
    )
    number = len(state.delegation_log)
    who = (event.organ, event.member, event.person)
    return replace(
        state,
        delegation_log=put(state.delegation_log, number, delegation),
        open_delegations=put(
            state.open_delegations, who, (*state.open_delegations.get(who, ()), number)
        ),
        delegations_by_person=put(
            state.delegations_by_person,
            event.person,
            (*state.delegations_by_person.get(event.person, ()), number),
        ),
        delegations_by_seat=put(
            state.delegations_by_seat,
            (event.organ, event.member),
            (*state.delegations_by_seat.get((event.organ, event.member), ()), number),
        ),
    )


@evolves(DelegateRecalled)
def _delegate_recalled(state: FederationState, event: DelegateRecalled) -> FederationState:
    who = (event.organ, event.member, event.person)
    log, still_open = state.delegation_log, []
    for number in state.open_delegations.get(who, ()):
        delegation = log[number]
        if delegation.sits(event.recalled_on):
            log = put(log, number, replace(delegation, recalled_on=event.recalled_on))
        else:
            still_open.append(number)
    return replace(
        state,
        delegation_log=log,
        open_delegations=put(state.open_delegations, who, tuple(still_open)),
    )


@evolves(SessionConvened)
def _session_convened(state: FederationState, event: SessionConvened) -> FederationState:
    session = Session(
        event.session, event.organ, event.held_on, event.presided_by, tuple(event.agenda)
    )
    appeals, compliance = state.appeals, state.compliance
    for ref in map(parse_review, event.reviews):
        if isinstance(ref, AppealRef) and ref.appeal in appeals:
            appeal = replace(appeals[ref.appeal], review_session=event.session)
            appeals = put(appeals, ref.appeal, appeal)
        elif isinstance(ref, UrgentActionRef) and ref.key in compliance:
            record = replace(compliance[ref.key], review_session=event.session)
            compliance = put(compliance, ref.key, record)
    return replace(
        state,
        sessions=put(state.sessions, event.session, session),
        appeals=appeals,
        compliance=compliance,
    )
