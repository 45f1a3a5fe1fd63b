"""From a signed envelope to the entries the record must hold: one pure derivation that
recording and verification share.

    envelope ─► authenticate (signature, key register, replay) ─► the union it names
             ─► the record's clock ─► handle (fall-due events, authorize, decide)
             ─► the entries, exactly

The service calls `derive` with its clock's time, read inside the append lock, and appends
what it returns; `isonomia ledger verify` (and a member's node) calls it again for every
signed command in the record, with the time the entry was recorded, and requires the
entries that follow to be byte for byte what it returns (`rules.replay`). Because both go
through this one function, an entry that no signed command derives is a forgery however
well it is hashed, and a derived entry that was edited and re-hashed is named.

What the record knows and the state does not (its hashes, the time of its newest entry) is
given as a `RecordView`.

The record's clock: in a live union every entry is recorded at the service's time, never a
time a command claims, and never before the entry before it; a command must have been
signed within `SIGNED_WITHIN` (a member may sign at home and send the file) and not in the
future. In a union created with a simulated clock (worked examples, tests, replays of
history) the command's own time is recorded, asserted not witnessed, and still never goes
backwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from isonomia.domain import AdoptCharter, Command, CommandSigned, Event, FederationState
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.chain import NewEntry
from isonomia.ledger.envelope import Binding
from isonomia.rules.pipeline import handle
from isonomia.rules.principals import authenticate

__all__ = [
    "CALENDAR",
    "CLOCK_SKEW",
    "SIGNED_WITHIN",
    "Derived",
    "RecordView",
    "binding_of",
    "derive",
    "log_origin",
    "new_entry",
    "recorded_at",
    "recorded_time",
]

#: Actor recorded for events that fall due by the calendar alone (a secession's effect).
CALENDAR = "calendar"
#: How long a signed command stays valid: time for a member to send its signed file.
SIGNED_WITHIN = timedelta(days=7)
#: How far ahead of the service's clock a signer's clock may be.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class RecordView:
    """What the record holds beyond the state: its size, the hash of its charter's entry
    (entry 1), the hash of any entry by its size, and when its newest entry was recorded."""

    size: int
    charter_hash: str | None
    hash_at: Callable[[int], str | None]
    last_recorded_at: str | None


@dataclass(frozen=True)
class Derived:
    """What one signed command makes of the record: its entries, their events, the state
    after them, and the command as recorded (dated by the record's clock)."""

    command: Command
    entries: list[NewEntry]
    events: list[Event]
    state: FederationState


def log_origin(charter_union_id: str) -> str:
    """The log's origin line (C2SP checkpoints), which envelopes name: ``isonomia/<union>``."""
    return f"isonomia/{charter_union_id}"


def binding_of(state: FederationState, view: RecordView) -> Binding | None:
    """What an envelope signed now for this record names: its union and the head seen."""
    if state.charter is None or view.size == 0:
        return None
    seen_hash = view.hash_at(view.size)
    seen = (view.size, seen_hash) if seen_hash is not None else None
    return Binding(log_origin(state.charter.union.id), view.charter_hash, seen)


def recorded_at(moment: datetime) -> str:
    """How a moment is written in an entry: ISO-8601 UTC to the second, with a ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def recorded_time(
    state: FederationState, command: Command, now: datetime, last: str | None
) -> datetime | Refusal:
    """When a command is recorded, by the record's clock reading `now`; or why it cannot
    be (see the module's docstring)."""
    mode = state.clock
    if isinstance(command, AdoptCharter) and state.charter is None:
        mode = command.clock  # the charter's first entry sets the union's clock
    previous = _parse(last) if last else None
    if mode == "simulated":
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


def _binding_problem(
    state: FederationState,
    command: Command,
    signed: CommandSigned,
    view: RecordView,
    legacy: bool,
) -> Refusal | None:
    """Why an envelope is not for this record, or None (P18)."""
    if signed.envelope_version < 2:
        if state.binds_envelopes or not legacy:
            return Refusal.of(
                "P18",
                N_(
                    "the envelope names no union (version 1): sign the command again, "
                    "for this union"
                ),
            )
        return None
    union = signed.union or {}
    if isinstance(command, AdoptCharter) and state.charter is not None:
        return None  # refused by its rule: the charter changes only by amendment (P10)
    if isinstance(command, AdoptCharter):
        charter_union = command.charter.get("union", {})
        origin = log_origin(
            str(charter_union.get("id", "")) if isinstance(charter_union, dict) else ""
        )
        charter_hash = None
    else:
        origin = log_origin(state.charter.union.id) if state.charter else ""
        charter_hash = view.charter_hash
    if union.get("origin") != origin or union.get("charter") != charter_hash:
        return Refusal.of(
            "P18",
            N_("the command was signed for another union ({origin}, charter {charter})"),
            origin=union.get("origin"),
            charter=union.get("charter"),
        )
    return _seen_problem(signed.seen, view)


def _seen_problem(seen: Mapping[str, Any] | None, view: RecordView) -> Refusal | None:
    if seen is None:
        return None
    size, digest = seen.get("size"), seen.get("hash")
    if not isinstance(size, int) or size > view.size:
        return Refusal.of(
            "P18",
            N_("the signer saw entry {size}, which this record does not hold: a fork"),
            size=size,
        )
    if view.hash_at(size) != digest:
        return Refusal.of(
            "P18",
            N_("the record the signer saw differs from this one at entry {size}: a fork"),
            size=size,
        )
    return None


def derive(
    state: FederationState,
    envelope: Mapping[str, Any],
    now: datetime,
    view: RecordView,
    legacy: bool = False,
) -> Derived | Refusal:
    """The entries a signed command makes of the record at `view`, recorded by a clock
    reading `now`; or why it is refused (nothing is written then). With `legacy`, an
    envelope that names no union (version 1) is still taken while the record holds no
    version-2 one: a replay of a record made before envelopes named their union."""
    authenticated = authenticate(state, dict(envelope))
    if isinstance(authenticated, Refusal):
        return authenticated
    command, signed = authenticated
    problem = _binding_problem(state, command, signed, view, legacy)
    if problem is not None:
        return problem
    moment = recorded_time(state, command, now, view.last_recorded_at)
    if isinstance(moment, Refusal):
        return moment
    # The rules count deadlines from the recorded time, not from the time the signer
    # claims; the signed envelope, with its own time, is kept in `signed`.
    command = command.model_copy(update={"at": moment})
    day = moment.date()
    handled = handle(state, command, day, signed, recorded_on=day)
    if isinstance(handled, Refusal):
        return handled
    at = recorded_at(moment)
    entries = [new_entry(e, at, CALENDAR, command.command_id) for e in handled.due]
    entries += [new_entry(e, at, command.actor, command.command_id) for e in handled.decided]
    return Derived(command, entries, handled.events, handled.state)


def new_entry(event: Event, at: str, actor: str, command_id: str) -> NewEntry:
    return NewEntry(
        recorded_at=at,
        actor=actor,
        command_id=command_id,
        event_type=event.type_name(),
        schema_version=event.schema_version,
        payload=event.payload(),
    )
