"""Organs (P4): who sits for which member in which organ, and the sessions organs hold."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.references import AppealRef, UrgentActionRef, parse_review

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class AppointDelegate(Command):
    """A member's own council names a person to sit for it in a union organ, for a term."""

    organ: Slug
    member: Slug
    person: Slug
    term_from: date
    term_until: date | None = None


class RecallDelegate(Command):
    """A member's own council recalls one of its delegates from an organ."""

    organ: Slug
    member: Slug
    person: Slug


class ConveneSession(Command):
    """Convene a session of an organ on a day, with its agenda (the council's calendar, P4)."""

    session: Slug
    organ: Slug
    held_on: date
    agenda: list[str] = Field(default_factory=list)


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

    def sits(self, on: date) -> bool:
        ends = [d for d in (self.term_until, self.recalled_on) if d is not None]
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
    return replace(state, delegations=(*state.delegations, delegation))


@evolves(DelegateRecalled)
def _delegate_recalled(state: FederationState, event: DelegateRecalled) -> FederationState:
    delegations = tuple(
        replace(d, recalled_on=event.recalled_on)
        if (d.organ, d.member, d.person) == (event.organ, event.member, event.person)
        and d.recalled_on is None
        and d.sits(event.recalled_on)
        else d
        for d in state.delegations
    )
    return replace(state, delegations=delegations)


@evolves(SessionConvened)
def _session_convened(state: FederationState, event: SessionConvened) -> FederationState:
    session = Session(
        event.session, event.organ, event.held_on, event.presided_by, tuple(event.agenda)
    )
    appeals = dict(state.appeals)
    compliance = dict(state.compliance)
    for ref in map(parse_review, event.reviews):
        if isinstance(ref, AppealRef) and ref.appeal in appeals:
            appeals[ref.appeal] = replace(appeals[ref.appeal], review_session=event.session)
        elif isinstance(ref, UrgentActionRef) and ref.key in compliance:
            compliance[ref.key] = replace(compliance[ref.key], review_session=event.session)
    return replace(
        state,
        sessions={**state.sessions, event.session: session},
        appeals=appeals,
        compliance=compliance,
    )
