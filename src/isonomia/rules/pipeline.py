"""The one pure step every command takes: `handle(state, command, today)`.

First the events that fall due by the calendar alone (a secession taking effect at the
end of its notice, P3), then the command's own decision. The service, the tests and the
demo all go through here, so no caller can decide without first letting time do its work.
When a command is recorded, its own date is checked first: not after the day it is
recorded, not before the day the record has reached (P18).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from isonomia.domain import (
    Command,
    CommandSigned,
    DecideAccession,
    DecideSecession,
    Event,
    FederationState,
    SecessionTookEffect,
    evolve,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules import areas as _areas  # noqa: F401  (registers every area's deciders)
from isonomia.rules.amendments import charters_due
from isonomia.rules.authorization import authorize, of_actor
from isonomia.rules.capacity import capacity_refusal
from isonomia.rules.complaints_to_officials import neglected_complaints
from isonomia.rules.inspection_guard import sanction_refusal
from isonomia.rules.offices import collegial_problem
from isonomia.rules.principals import bootstrap_keys
from isonomia.rules.registry import decide
from isonomia.rules.sealed_cases import sealing_refusal

__all__ = ["Handled", "dating_problem", "due_events", "handle"]


@dataclass(frozen=True)
class Handled:
    """What a command produced: the events that fell due first, then its own."""

    due: list[Event]
    decided: list[Event]
    #: The state after every one of them.
    state: FederationState

    @property
    def events(self) -> list[Event]:
        return [*self.due, *self.decided]


def due_events(state: FederationState, day: date) -> list[Event]:
    """Events that take effect by themselves by `day`: secessions at the end of notice (P3),
    adopted charter amendments on their day (P10), complaints to officials left unanswered
    past their deadline (P17)."""
    due = [
        m
        for m in state.members.values()
        if m.leaves_on is not None and m.leaves_on <= day and not m.departure_recorded
    ]
    due.sort(key=lambda m: (m.leaves_on, m.id))
    took_effect: list[Event] = [
        SecessionTookEffect(member=m.id, effective_on=m.leaves_on) for m in due if m.leaves_on
    ]
    return [*took_effect, *charters_due(state, day), *neglected_complaints(state, day)]


def dating_problem(
    state: FederationState, command: Command, recorded_on: date | None = None
) -> Refusal | None:
    """Why a command's own date contradicts the record or the calendar, or None (P18).

    When it is recorded (on `recorded_on`, the service's clock), a command is dated no later
    than that day, and no earlier than the day the record has already reached: the record
    never runs backwards, so nothing recorded later rewrites an answer already given.
    """
    if recorded_on is None:
        return None
    day = command.day
    if day > recorded_on:
        return Refusal.of(
            "P18",
            N_("an act dated {day} cannot be recorded on {recorded_on}, before its day"),
            day=day,
            recorded_on=recorded_on,
        )
    through = state.recorded_through
    if through is not None and day < through:
        return Refusal.of(
            "P18",
            N_("the record already runs to {through}; an act dated {day} would rewrite its past"),
            through=through,
            day=day,
        )
    return _late_decision(state, command)


def _late_decision(state: FederationState, command: Command) -> Refusal | None:
    """In a live union, a congress's decision is recorded within the charter's days of its
    own date: a decision cannot be backdated to reach into the past (P18)."""
    if state.clock != "live" or state.charter is None:
        return None
    if not isinstance(command, DecideSecession | DecideAccession):
        return None
    days = state.charter.transparency.decisions_recorded_within_days
    # `command.day` is the day it is recorded: the service dates a live union's commands.
    if command.decided_on >= command.day - timedelta(days=days):
        return None
    return Refusal.of(
        "P18",
        N_(
            "a decision dated {decided_on} is recorded on {recorded_on}: a congress's decision "
            "is recorded within {days} days of its date"
        ),
        decided_on=command.decided_on,
        recorded_on=command.day,
        days=days,
    )


def handle(
    state: FederationState,
    command: Command,
    today: date,
    signed: CommandSigned | None = None,
    recorded_on: date | None = None,
) -> Handled | Refusal:
    """Let what is due by `today` fall due, check who may issue the command, then decide it
    in the resulting state. `signed`, the record of the command's verified signature, is
    recorded before the command's own events; `recorded_on`, when the command is being
    recorded, is the day it is (see `dating_problem`)."""
    problem = dating_problem(state, command, recorded_on)
    if problem is not None:
        return problem
    due = due_events(state, today)
    for event in due:
        state = evolve(state, event)
    # A sanctioned person's act in a capacity the sanction took is refused naming the case
    # before who-may-issue-it says, more vaguely, that they hold no such office (P17).
    refusal = (
        sanction_refusal(state, command)
        or authorize(state, command)
        or collegial_problem(state, command)
        or sealing_refusal(state, command)
    )
    if refusal is not None:
        return refusal
    decision = decide(state, command)
    if isinstance(decision, Refusal):
        return of_actor(state, command, decision)
    # Whether the signing key may act in this capacity, once the rules have said what the
    # command would do (their reasons, such as "does not sit for", say more when both fail).
    key = state.keys.get(signed.key_id) if signed is not None else None
    refusal = capacity_refusal(state, command, key)
    if refusal is not None:
        return refusal
    keys = bootstrap_keys(state, command)
    if isinstance(keys, Refusal):
        return keys
    decision = [*([signed] if signed is not None else []), *decision, *keys]
    for event in decision:
        state = evolve(state, event)
    return Handled(due=due, decided=decision, state=state)
