"""The one pipeline every command goes through:

    command ─► handle (pure: fall-due events, then decide) ─► ledger append ─► read tables
                   └─ refusal: nothing written

All of it runs in one unit of work, so a command is written whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from isonomia.domain import Command, CommandSigned, Event
from isonomia.domain.refusal import Refusal
from isonomia.ledger.chain import Entry
from isonomia.rules import handle
from isonomia.rules.record import CALENDAR, new_entry, recorded_at
from isonomia.service.building import new_command_id
from isonomia.service.clock import at_day, now, parse_day
from isonomia.service.errors import Refused
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
