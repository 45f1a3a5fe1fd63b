"""The deciders of every command, and who may issue it, registered beside each other by the
area modules that define them.

Each area's rules module marks its deciders with `@decides(CommandType, who=Who(...))`;
`decide` looks the command's type up here, and `rules.authorization` asks its `who` before
any rule decides. The completeness test checks that every command has both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from isonomia.domain import Command, Event, FederationState
from isonomia.domain.refusal import Refusal
from isonomia.rules.who import Who

__all__ = ["DECIDERS", "WHO", "Decision", "decide", "decides"]

#: What a decider returns: the events the command produces, or why it is refused.
Decision = list[Event] | Refusal

C = TypeVar("C", bound=Command)
Decider = Callable[[FederationState, Any], Decision]

DECIDERS: dict[type[Command], Decider] = {}
#: Who may issue each command, registered with its decider.
WHO: dict[type[Command], Who] = {}


def decides(
    command_type: type[C], who: Who
) -> Callable[[Callable[[FederationState, C], Decision]], Callable[[FederationState, C], Decision]]:
    """Register the decorated function as the decider of `command_type`, which `who` may
    issue."""

    def register(
        fn: Callable[[FederationState, C], Decision],
    ) -> Callable[[FederationState, C], Decision]:
        if command_type in DECIDERS:
            raise ValueError(f"{command_type.__name__} already has a decider")
        DECIDERS[command_type] = fn
        WHO[command_type] = who
        return fn

    return register


def decide(state: FederationState, command: Command) -> Decision:
    """The events a command produces in this state, or the refusal that says why not."""
    decider = DECIDERS.get(type(command))
    if decider is None:
        raise TypeError(f"no rule for {type(command).__name__}")
    return decider(state, command)
