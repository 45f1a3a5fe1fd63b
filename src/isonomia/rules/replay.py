"""Verification by re-execution (P18): replay the record and require every entry to be what
the rules make of a signed command.

From the charter's entry on, the entries of each command (they share its id, and follow
one another) are taken together: the `CommandSigned` among them gives the envelope as it
was signed; `rules.record.derive` authenticates it against the key register as the state
then stood, checks the union it names, dates it by the time the entries were recorded, and
decides it; the entries must then be exactly the ones it derives, due events included, in
order, field by field (payloads as their canonical JSON would be). An entry that no signed
command derives (an INSERT nobody signed), a derived entry that differs (an edit re-hashed
to pass the chain check), or a signed command the rules refuse is named by its sequence.

An entry stored under an older version of its event is brought to the current version by
the event's upcasters before it is compared. The chain's hashes are checked elsewhere
(`isonomia.ledger.verify`); this module needs only each entry's hash, for envelopes that
name the head their signer saw.

Pure: no clock (the recorded times are the clock), no storage; entries are fed in order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from isonomia.domain import FederationState
from isonomia.domain.base import UPCASTERS, UnknownEvent, event_from_record
from isonomia.domain.principals import CommandSigned
from isonomia.domain.refusal import Refusal
from isonomia.ledger.chain import Entry, NewEntry
from isonomia.rules.record import RecordView, derive

__all__ = ["ReplayReport", "Replayer", "replay"]


@dataclass(frozen=True)
class ReplayReport:
    """The outcome of a replay: how many entries and signed commands were re-derived, or
    the first entry that was not (``broken_at``) and why."""

    ok: bool
    entries: int
    commands: int
    broken_at: int | None = None
    reason: str | None = None

    def describe(self) -> str:
        if self.ok:
            return f"{self.commands} signed commands re-derived into {self.entries} entries"
        return f"entry {self.broken_at}: {self.reason}"


class Replayer:
    """Feed entries in order with `add`; `finish()` replays the last command and reports."""

    def __init__(self) -> None:
        self.state = FederationState()
        self._group: list[Entry] = []
        #: Every entry's hash, 32 bytes each, for envelopes that name the head they saw.
        self._hashes = bytearray()
        self._last_recorded_at: str | None = None
        self._entries = 0
        self._commands = 0
        self._broken_at: int | None = None
        self._reason: str | None = None

    @property
    def ok(self) -> bool:
        return self._broken_at is None

    def add(self, entry: Entry) -> bool:
        """Take the next entry; False once the replay has failed."""
        if self._broken_at is not None:
            return False
        if self._group and entry.command_id != self._group[0].command_id:
            self._settle()
            if self._broken_at is not None:
                return False
        self._group.append(entry)
        self._hashes += bytes.fromhex(entry.hash)
        return True

    @property
    def derived(self) -> int:
        """How many entries have been re-derived so far (the last command's wait for the
        next command, `settle` or `finish`)."""
        return self._entries

    @property
    def failure(self) -> tuple[int, str] | None:
        """The first entry that did not replay, and why; None while all did."""
        if self._broken_at is None:
            return None
        return self._broken_at, self._reason or ""

    def settle(self) -> bool:
        """Replay the pending command now, its entries being known complete (the record's
        head, or a checkpoint, ends there); False once the replay has failed."""
        if self._group and self._broken_at is None:
            self._settle()
        return self._broken_at is None

    def finish(self) -> ReplayReport:
        if self._group and self._broken_at is None:
            self._settle()
        return ReplayReport(
            ok=self._broken_at is None,
            entries=self._entries,
            commands=self._commands,
            broken_at=self._broken_at,
            reason=self._reason,
        )

    def _fail(self, sequence: int, reason: str) -> None:
        self._broken_at, self._reason = sequence, reason
        self._group = []

    def _hash_at(self, size: int) -> str | None:
        if 1 <= size <= len(self._hashes) // 32:
            return self._hashes[32 * (size - 1) : 32 * size].hex()
        return None

    def _settle(self) -> None:
        group, self._group = self._group, []
        signed_at = next((e for e in group if e.event_type == "CommandSigned"), None)
        if signed_at is None:
            self._fail(group[0].sequence, "no signed command derives this entry")
            return
        try:
            signed = event_from_record("CommandSigned", signed_at.schema_version, signed_at.payload)
        except (ValueError, UnknownEvent) as error:
            self._fail(signed_at.sequence, f"the signed command cannot be read ({error})")
            return
        assert isinstance(signed, CommandSigned)
        size = group[0].sequence - 1
        view = RecordView(size, self._hash_at(1), self._bounded(size), self._last_recorded_at)
        moment = datetime.fromisoformat(group[0].recorded_at.replace("Z", "+00:00"))
        derived = derive(self.state, signed.envelope(), moment, view, legacy=True)
        if isinstance(derived, Refusal):
            self._fail(
                signed_at.sequence,
                f"its signed command is refused by the rules ({derived.principle}): "
                f"{derived.reason}",
            )
            return
        problem = _difference(group, derived.entries)
        if problem is not None:
            self._fail(*problem)
            return
        self.state = derived.state
        self._last_recorded_at = group[-1].recorded_at
        self._entries += len(group)
        self._commands += 1

    def _bounded(self, size: int) -> Any:
        def hash_at(n: int) -> str | None:
            return self._hash_at(n) if n <= size else None

        return hash_at


def _difference(stored: Sequence[Entry], derived: Sequence[NewEntry]) -> tuple[int, str] | None:
    """The first stored entry that is not what was derived, and how; or None."""
    for entry, expected in zip(stored, derived, strict=False):
        what = _field_differs(entry, expected)
        if what is not None:
            return entry.sequence, f"differs from what its signed command derives ({what})"
    if len(stored) > len(derived):
        return stored[len(derived)].sequence, "no signed command derives this entry"
    if len(stored) < len(derived):
        missing = derived[len(stored)].event_type
        return (
            stored[-1].sequence + 1,
            f"the signed command before it derives a {missing} here, which the record lacks",
        )
    return None


def _field_differs(entry: Entry, expected: NewEntry) -> str | None:
    for name in ("recorded_at", "actor", "command_id", "event_type"):
        if getattr(entry, name) != getattr(expected, name):
            return name
    if entry.schema_version > expected.schema_version:
        return "schema_version"
    payload: Mapping[str, Any] = entry.payload
    if entry.schema_version < expected.schema_version:
        payload = upcast_payload(entry.event_type, entry.schema_version, payload)
    if not same_json(payload, expected.payload):
        return "payload"
    return None


def upcast_payload(type_name: str, version: int, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A stored payload brought to its event's current version by the upcasters."""
    data = dict(payload)
    while (type_name, version) in UPCASTERS:
        data = UPCASTERS[(type_name, version)](data)
        version += 1
    return data


def same_json(a: Any, b: Any) -> bool:
    """Whether two JSON values have the same canonical form (RFC 8785): numbers equal by
    value, booleans never equal to numbers, objects by their members."""
    if a != b:  # Python's equality is looser than JSON's, never stricter
        return False
    # Equal to Python: the same spelling (C-fast) settles it, unless only a number's
    # spelling differs (1 and 1.0), which the member-by-member walk below accepts.
    if _spelling(a) == _spelling(b):
        return True
    return _same_walk(a, b)


def _spelling(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _same_walk(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_walk(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_walk(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def replay(entries: Sequence[Entry] | Any) -> ReplayReport:
    """Replay entries given in order from sequence 1; stops at the first that fails."""
    replayer = Replayer()
    for entry in entries:
        if not replayer.add(entry):
            break
    return replayer.finish()
