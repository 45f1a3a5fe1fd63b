"""The deciders of every command, registered by the area modules that define them.

Each area's rules module marks its deciders with `@decides(CommandType)`; `decide` looks
the command's type up here. The completeness test checks that every command has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from isonomia.domain import Command, Event, FederationState
from isonomia.domain.refusal import Refusal

__all__ = ["DECIDERS", "Decision", "decide", "decides"]

#: What a decider returns: the events the command produces, or why it is refused.
Decision = list[Event] | Refusal

C = TypeVar("C", bound=Command)
Decider = Callable[[FederationState, Any], Decision]

DECIDERS: dict[type[Command], Decider] = {}


def decides(
    command_type: type[C],
) -> Callable[[Callable[[FederationState, C], Decision]], Callable[[FederationState, C], Decision]]:
    """Register the decorated function as the decider of `command_type`."""

    def register(
        fn: Callable[[FederationState, C], Decision],
    ) -> Callable[[FederationState, C], Decision]:
        if command_type in DECIDERS:
            raise ValueError(f"{command_type.__name__} already has a decider")
        DECIDERS[command_type] = fn
        return fn

    return register


def decide(state: FederationState, command: Command) -> Decision:
    """The events a command produces in this state, or the refusal that says why not."""
    decider = DECIDERS.get(type(command))
    if decider is None:
        raise TypeError(f"no rule for {type(command).__name__}")
    return decider(state, command)
