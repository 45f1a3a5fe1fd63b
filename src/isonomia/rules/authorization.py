"""Who may issue each command, checked before any rule decides (P1–P4, P6–P8): the `who`
each area registers beside its decider (`rules.registry`, `rules.who`).

Each `who` names the principle the check protects and who may act; a refusal here names
the principle and the actor, and is marked as one of who acts (the web answers it 403).
"""

from __future__ import annotations

from isonomia.domain import Command, DecideSecession, FederationState, WithdrawSecession
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import WHO
from isonomia.rules.who import Who

__all__ = ["Who", "authorize", "of_actor"]


def authorize(state: FederationState, command: Command) -> Refusal | None:
    """Why `command.actor` may not issue this command, or None when it may."""
    refusal = _unauthorized(state, command)
    return None if refusal is None else refusal.by_actor()


def of_actor(state: FederationState, command: Command, refusal: Refusal) -> Refusal:
    """A decider's `refusal`, marked as one of who acts when the table excludes the actor
    (a decider that explains its own check words that refusal itself)."""
    who = WHO.get(type(command))
    if who is not None and who.decider_explains and not who.allows(state, command):
        return refusal.by_actor()
    return refusal


def _unauthorized(state: FederationState, command: Command) -> Refusal | None:
    who = WHO.get(type(command))
    if who is None:
        return Refusal.of("P1", N_("no one may issue {command}"), command=type(command).__name__)
    if who.decider_explains or who.allows(state, command):
        return None
    explained = who.explain(state, command) if who.explain is not None else None
    if explained is not None:
        return explained
    if isinstance(command, DecideSecession | WithdrawSecession):
        return Refusal.of(
            "P3",
            N_(
                "secession is decided by {member}'s own congress; "
                "{actor} cannot decide, block or condition it"
            ),
            member=command.member,
            actor=command.actor,
        )
    name = type(command).__name__
    return Refusal.of(
        who.principle,
        N_("{command} is for {who}; {actor} cannot issue it"),
        command=name,
        who=who.description,
        actor=command.actor,
    )
