"""Submitting a signed command: authenticate, date it by the record's clock, then the pipeline.

    envelope ─► authenticate (signature, key register, replay) ─► the record's clock
             ─► handle (authorize, fall-due events, decide) ─► append ─► read tables

The record's clock: in a live union every entry is recorded at the service's time, never a
time a command claims, and never before the entry before it; a command must have been
signed within `SIGNED_WITHIN` (a member may sign at home and send the file) and not in the
future. In a union created with a simulated clock (worked examples, tests, replays of
history) the command's own time is recorded, asserted not witnessed, and still never goes
backwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from isonomia.domain import AdoptCharter, Command, FederationState
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.principals import authenticate
from isonomia.service.errors import Refused
from isonomia.service.pipeline import Recorded, record_in
from isonomia.service.unit_of_work import UnitOfWork

__all__ = ["SIGNED_WITHIN", "SIMULATED_NOTE", "recorded_time", "submit"]

#: How long a signed command stays valid: time for a member to send its signed file.
SIGNED_WITHIN = timedelta(days=7)
#: How far ahead of the service's clock a signer's clock may be.
CLOCK_SKEW = timedelta(minutes=5)
SIMULATED_NOTE = "simulated clock: dates asserted, not witnessed"


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def recorded_time(
    state: FederationState, command: Command, now: datetime, last: str | None
) -> datetime | Refusal:
    """When a command is recorded, by the union's clock; or why it cannot be."""
    mode = state.clock
    if isinstance(command, AdoptCharter) and state.charter is None:
        mode = command.clock  # the charter's first entry sets the union's clock
    simulated = mode == "simulated"
    previous = _parse(last) if last else None
    if simulated:
        moment = command.at.astimezone(UTC)
        if moment > now + CLOCK_SKEW:  # asserted dates are history, never the future
            return Refusal.of(
                "P18",
                N_("an act dated {moment} cannot be recorded on {now}"),
                moment=f"{moment:%Y-%m-%d}",
                now=f"{now:%Y-%m-%d}",
            )
        if previous is not None and moment < previous:
            return Refusal.of(
                "P18",
                N_(
                    "the record's clock never goes back: the last entry was recorded at "
                    "{previous}, this command is dated {moment}"
                ),
                previous=f"{previous:%Y-%m-%dT%H:%M:%SZ}",
                moment=f"{moment:%Y-%m-%dT%H:%M:%SZ}",
            )
        return moment
    if command.at > now + CLOCK_SKEW:
        return Refusal.of(
            "P18", N_("the command is dated {at}, in the future"), at=f"{command.at:%Y-%m-%d %H:%M}"
        )
    if command.at < now - SIGNED_WITHIN:
        return Refusal.of(
            "P18",
            N_("the command was signed on {at}, more than {days} days ago: sign it again"),
            at=f"{command.at:%Y-%m-%d}",
            days=SIGNED_WITHIN.days,
        )
    if previous is not None and now < previous:
        return Refusal.of(
            "P18", N_("the service's clock is behind the record's: nothing is recorded")
        )
    return now


def submit(uow: UnitOfWork, envelope: Mapping[str, Any], now: datetime) -> Recorded:
    """Record a signed command, or raise `Refused` naming the principle; nothing is written
    on a refusal."""
    with uow.begin() as work:
        state = work.state()
        authenticated = authenticate(state, dict(envelope))
        if isinstance(authenticated, Refusal):
            raise Refused(authenticated)
        command, signed = authenticated
        moment = recorded_time(state, command, now, work.last_recorded_at())
        if isinstance(moment, Refusal):
            raise Refused(moment)
        # The rules count deadlines from the recorded time, not from the time the signer
        # claims; the signed envelope, with its own time, is kept in `signed`.
        return record_in(work, command.model_copy(update={"at": moment}), signed)
