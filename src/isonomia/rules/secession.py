"""Secession (P3): each member leaves by its own congress's decision, after the charter's
notice period; no union organ can decide, block, delay or condition it.
"""

from __future__ import annotations

from datetime import date

from isonomia.domain import (
    DecideSecession,
    FederationState,
    ObstructSecession,
    SecessionDecided,
    SecessionWithdrawn,
    Status,
    WithdrawSecession,
    actors,
)
from isonomia.domain.dates import add_days
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.organs import founded
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, kind_of


@decides(
    DecideSecession,
    who=Who("P3", "the member's own congress", lambda s, c: c.actor == actors.congress(c.member)),
)
def decide_secession(state: FederationState, command: DecideSecession) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    member = state.members.get(command.member)
    if command.actor != actors.congress(command.member):
        return Refusal.of(
            "P3",
            N_(
                "secession is decided by {member}'s own congress; {actor} cannot decide, "
                "block or condition it"
            ),
            member=command.member,
            actor=command.actor,
        )
    if member is None or not member.is_member(command.day):
        return Refusal.of("P3", N_("{member} is not a member of the union"), member=command.member)
    if member.status(command.day) is Status.SECEDING:
        return Refusal.of(
            "P3",
            N_("{member} has already decided to secede; it leaves on {leaves_on}"),
            member=command.member,
            leaves_on=member.leaves_on,
        )
    if command.decided_on > command.day:
        return Refusal.of(
            "P3",
            N_("a decision dated {decided_on} has not been taken yet"),
            decided_on=command.decided_on,
        )
    if command.decided_on < member.joined_on:
        return Refusal.of(
            "P3",
            N_("a decision dated {decided_on} predates membership"),
            decided_on=command.decided_on,
        )
    try:
        # The notice runs from the day the decision is recorded, never from an earlier
        # date it claims (P3, P18).
        effective = add_days(command.day, charter.secession.notice_days)
    except OverflowError:
        return Refusal.of(
            "P3",
            N_(
                "a decision dated {decided_on} would take effect after {max}, the last day "
                "the calendar holds"
            ),
            decided_on=command.decided_on,
            max=date.max,
        )
    return [
        SecessionDecided(
            member=member.id,
            congress=member.congress,
            decided_on=command.decided_on,
            effective_on=effective,
        )
    ]


@decides(
    WithdrawSecession,
    who=Who("P3", "the member's own congress", lambda s, c: c.actor == actors.congress(c.member)),
)
def withdraw_secession(state: FederationState, command: WithdrawSecession) -> Decision:
    member = state.members.get(command.member)
    if command.actor != actors.congress(command.member):
        return Refusal.of(
            "P3",
            N_("only {member}'s own congress can withdraw its secession decision"),
            member=command.member,
        )
    if member is None or member.status(command.day) is not Status.SECEDING:
        return Refusal.of("P3", N_("{member} has no secession pending"), member=command.member)
    return [SecessionWithdrawn(member=member.id, withdrawn_on=command.day)]


@decides(
    ObstructSecession,
    who=Who("P3", "a union organ", lambda s, c: kind_of(c.actor) in ("organ", "secretariat")),
)
def obstruct_secession(state: FederationState, command: ObstructSecession) -> Decision:
    msgid = {
        "block": N_(
            "secession is decided by the member's own congress; no union organ can block it"
        ),
        "condition": N_(
            "secession is decided by the member's own congress; "
            "no union organ can add conditions to it"
        ),
        "delay": N_(
            "secession is decided by the member's own congress; "
            "no union organ can delay it past the notice period"
        ),
    }[command.action]
    return Refusal.of("P3", msgid)
