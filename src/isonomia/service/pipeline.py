"""The one pipeline every command goes through:

    command ─► handle (pure: fall-due events, then decide) ─► ledger append ─► read tables
                   └─ refusal: nothing written

All of it runs in one unit of work, so a command is written whole or not at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from isonomia.domain import Command, CommandSigned, Event
from isonomia.domain.refusal import Refusal
from isonomia.ledger.chain import Entry
from isonomia.rules import handle
from isonomia.rules.record import CALENDAR, new_entry, recorded_at
from isonomia.service.clock import current_clock
from isonomia.service.errors import BadRequest, Refused
from isonomia.service.unit_of_work import UnitOfWork, WorkInProgress

__all__ = [
    "CALENDAR",
    "Recorded",
    "at_day",
    "new_command_id",
    "now",
    "parse_day",
    "record_in",
    "recorded_at",
    "run_command",
]


@dataclass(frozen=True)
class Recorded:
    """What a command did: the entries appended (events that fell due come first)."""

    entries: list[Entry]
    events: list[Event]
    #: "simulated" when the union's dates are asserted by its commands, not witnessed.
    clock: str = "live"


def run_command(uow: UnitOfWork, command: Command) -> Recorded:
    """Run a command that needs no signature check (pure pipeline tests, replays):
    handle, append, project, in one unit of work; or raise `Refused`."""
    with uow.begin() as work:
        return record_in(work, command, None, recorded_on=now().date())


def record_in(
    work: WorkInProgress,
    command: Command,
    signed: CommandSigned | None,
    recorded_on: date | None = None,
) -> Recorded:
    """Handle a command in an open unit of work and append what it produced; it is recorded
    on `recorded_on` (by default the day of its own time, which the caller has set)."""
    day = recorded_on or command.day
    handled = handle(work.state(), command, command.day, signed, recorded_on=day)
    if isinstance(handled, Refusal):
        raise Refused(handled)  # rolls the unit of work back: nothing is written
    at = recorded_at(command.at)
    new = [new_entry(e, at, CALENDAR, command.command_id) for e in handled.due]
    new += [new_entry(e, at, command.actor, command.command_id) for e in handled.decided]
    entries = work.append(new, handled.events)
    return Recorded(entries=entries, events=handled.events, clock=handled.state.clock)


def new_command_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    """The time by the process's clock (`isonomia.service.clock`)."""
    return current_clock()()


def parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise BadRequest(f"{text!r} is not a date (YYYY-MM-DD)") from error


def at_day(day: date) -> datetime:
    """Noon UTC on a day: the time recorded for commands dated by day only."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
