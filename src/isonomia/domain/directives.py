"""Directives (P8): an addressee's handling of a directive, by its graded force: requests
for instructions, instructions, compliance, and the review of an urgent action.

Nothing binds a member that has left (P3): what it still owed under a directive is closed as
of its departure, computed from the dates the events carry (see `closure`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.membership import MemberRecord
    from isonomia.domain.state import FederationState


class RequestInstructions(Command):
    """The addressee of a conditional directive asks for instructions first (P8)."""

    directive: Slug = Field(description="The conditional directive.")
    member: Slug = Field(description="The addressee.")
    question: str = Field(min_length=1, description="The question.")


class GiveInstructions(Command):
    """The issuing organ answers a request for instructions (P8)."""

    directive: Slug = Field(description="The conditional directive.")
    member: Slug = Field(description="The addressee.")
    instructions: str = Field(min_length=1, description="The instructions.")


class ReportCompliance(Command):
    """An addressee reports it has carried out a directive (urgently, with a justification)."""

    directive: Slug = Field(description="The directive.")
    member: Slug = Field(description="The addressee.")
    note: str = Field(default="", description="What was done.")
    urgent: bool = Field(default=False, description="An especially urgent case.")
    justification: str = Field(default="", description="Why it could not wait for instructions.")


class InstructionsRequested(Event):
    directive: str
    member: str
    question: str
    requested_on: date


class InstructionsGiven(Event):
    directive: str
    member: str
    instructions: str
    given_on: date
    organ: str


class DirectiveCarriedOut(Event):
    directive: str
    member: str
    carried_out_on: date
    basis: str  # directive, instructions, urgency
    note: str
    justification: str


class UrgentActionReviewed(Event):
    union_wide = True
    directive: str
    member: str
    outcome: str  # upheld, censured
    reviewed_on: date
    motion: str


@dataclass(frozen=True)
class Compliance:
    """One addressee's handling of a directive (P8)."""

    directive: str
    member: str
    requested_on: date | None = None
    question: str = ""
    instructed_on: date | None = None
    instructions: str = ""
    carried_out_on: date | None = None
    basis: str | None = None  # directive, instructions, urgency
    note: str = ""
    justification: str = ""
    review_session: str | None = None
    review: str | None = None  # upheld, censured
    reviewed_on: date | None = None

    def status(self) -> str:
        if self.carried_out_on is not None:
            if self.basis == "urgency":
                return f"carried out (urgent; {self.review or 'review pending'})"
            return "carried out"
        if self.instructed_on is not None:
            return "instructed"
        if self.requested_on is not None:
            return "instructions requested"
        return "outstanding"


def closure(member: MemberRecord | None, published_on: date | None, on: date) -> str | None:
    """Why a directive addressed to `member` no longer binds it on `on`, or None if it does.

    A member that has left owes nothing from the day it left; one that left and joined
    again owes nothing under directives addressed to it in its earlier membership (P3).
    """
    if member is None:
        return "closed: not a member"
    if published_on is not None and member.joined_on > published_on:
        return f"closed: {member.id} left the union after it was addressed"
    if member.leaves_on is not None and member.leaves_on <= on:
        return f"closed: {member.id} left the union on {member.leaves_on}"
    return None


def closure_of(state: FederationState, record: Compliance, on: date) -> str | None:
    """`closure` for a record of the state: None while the directive binds its addressee."""
    act = state.acts.get(record.directive)
    published_on = act.published_on if act is not None else None
    return closure(state.members.get(record.member), published_on, on)


def _update(state: FederationState, directive: str, member: str, **values: Any) -> FederationState:
    key = (directive, member)
    record = replace(state.compliance[key], **values)
    return revise(state, compliance=put(state.compliance, key, record))


@evolves(InstructionsRequested)
def _requested(state: FederationState, event: InstructionsRequested) -> FederationState:
    return _update(
        state,
        event.directive,
        event.member,
        requested_on=event.requested_on,
        question=event.question,
    )


@evolves(InstructionsGiven)
def _given(state: FederationState, event: InstructionsGiven) -> FederationState:
    return _update(
        state,
        event.directive,
        event.member,
        instructed_on=event.given_on,
        instructions=event.instructions,
    )


@evolves(DirectiveCarriedOut)
def _carried_out(state: FederationState, event: DirectiveCarriedOut) -> FederationState:
    return _update(
        state,
        event.directive,
        event.member,
        carried_out_on=event.carried_out_on,
        basis=event.basis,
        note=event.note,
        justification=event.justification,
    )


@evolves(UrgentActionReviewed)
def _reviewed(state: FederationState, event: UrgentActionReviewed) -> FederationState:
    return _update(
        state, event.directive, event.member, review=event.outcome, reviewed_on=event.reviewed_on
    )
