"""Complaints addressed to an official (P17): anyone may address one; only the official
addressed answers it; one left unanswered past the charter's `answer_deadline_days` is
recorded as neglected by the calendar (a due event)."""

from __future__ import annotations

from datetime import date

from isonomia.domain import FederationState, actors
from isonomia.domain.dates import add_days
from isonomia.domain.inspection import (
    AddressComplaint,
    AnswerComplaint,
    ComplaintAddressed,
    ComplaintAnswered,
    ComplaintNeglected,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.inspection_who import ANYONE, addressed_official
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

__all__ = ["address_complaint", "answer_complaint", "neglected_complaints"]


@decides(AddressComplaint, who=Who("P17", ANYONE, lambda s, c: True))
def address_complaint(state: FederationState, command: AddressComplaint) -> Decision:
    if state.charter is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    if command.complaint in state.inspection.addressed:
        return Refusal.of(
            "P17", N_("there is already a complaint {complaint}"), complaint=command.complaint
        )
    days = state.charter.inspection.answer_deadline_days
    return [
        ComplaintAddressed(
            complaint=command.complaint,
            official=command.official,
            by=command.actor,
            text=command.text,
            addressed_on=command.day,
            answer_due=add_days(command.day, days),
        )
    ]


@decides(AnswerComplaint, who=Who("P17", "the official addressed", addressed_official))
def answer_complaint(state: FederationState, command: AnswerComplaint) -> Decision:
    record = state.inspection.addressed.get(command.complaint)
    if record is None:
        return Refusal.of(
            "P17", N_("there is no complaint {complaint}"), complaint=command.complaint
        )
    if command.actor != actors.person(record.official):
        return Refusal.of(
            "P17",
            N_("complaint {complaint} is answered by {official}"),
            complaint=record.id,
            official=record.official,
        )
    if record.neglected or record.answered_on is not None:
        said = (
            N_("complaint {complaint} already was neglected")
            if record.neglected
            else N_("complaint {complaint} already is answered")
        )
        return Refusal.of("P17", said, complaint=record.id)
    return [
        ComplaintAnswered(
            complaint=record.id,
            official=record.official,
            answer=command.answer,
            answered_on=command.day,
        )
    ]


def neglected_complaints(state: FederationState, day: date) -> list[ComplaintNeglected]:
    """Complaints to officials left unanswered past their deadline by `day`: due events."""
    late = [
        a
        for a in state.inspection.addressed.values()
        if a.answered_on is None and not a.neglected and a.answer_due < day
    ]
    late.sort(key=lambda a: (a.answer_due, a.id))
    return [
        ComplaintNeglected(complaint=a.id, official=a.official, due_on=a.answer_due) for a in late
    ]
