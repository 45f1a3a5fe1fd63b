"""One entry point for the rules: `decide` a command, and the events that fall due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from isonomia.domain.commands import (
    AdmitMember,
    AdoptCharter,
    Command,
    DecideAccession,
    DecideSecession,
    FoundUnion,
    ObstructSecession,
    Settle,
    WithdrawSecession,
)
from isonomia.domain.events import Event, SecessionTookEffect
from isonomia.domain.refusal import Refusal
from isonomia.domain.state import UnionState
from isonomia.rules import membership

_HANDLERS: dict[type[Command], Callable[[UnionState, Any], list[Event] | Refusal]] = {
    AdoptCharter: membership.adopt_charter,
    FoundUnion: membership.found_union,
    DecideAccession: membership.decide_accession,
    AdmitMember: membership.admit_member,
    DecideSecession: membership.decide_secession,
    WithdrawSecession: membership.withdraw_secession,
    ObstructSecession: membership.obstruct_secession,
    Settle: lambda state, command: [],
}


def decide(state: UnionState, command: Command) -> list[Event] | Refusal:
    """The events a command produces in this state, or the refusal that says why not."""
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise TypeError(f"no rule for {type(command).__name__}")
    return handler(state, command)


def due_events(state: UnionState, day: date) -> list[Event]:
    """Events that take effect by themselves by `day`: secessions at the end of notice (P3)."""
    due = [
        m
        for m in state.members.values()
        if m.leaves_on is not None and m.leaves_on <= day and not m.departure_recorded
    ]
    due.sort(key=lambda m: (m.leaves_on, m.id))
    return [SecessionTookEffect(member=m.id, effective_on=m.leaves_on) for m in due if m.leaves_on]
