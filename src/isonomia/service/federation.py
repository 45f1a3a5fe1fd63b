"""The one pipeline every command goes through, and the queries over the union.

    command ─► decide (pure rules) ─► events ─► ledger append ─► read tables
                   └─ refusal: nothing written

All of it runs in one database transaction that holds the append lock, so a command is
written whole or not at all, and two writers never fork the chain.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, make_url

from isonomia.charter.load import CharterInvalid, load_charter
from isonomia.charter.model import Charter
from isonomia.domain import actors
from isonomia.domain.commands import AdoptCharter, Command
from isonomia.domain.events import Event
from isonomia.domain.refusal import Refusal
from isonomia.domain.state import UnionState, evolve
from isonomia.ledger.chain import Entry, NewEntry
from isonomia.ledger.export import build_export, read_export, verify_export, write_export
from isonomia.ledger.verify import ChainReport
from isonomia.rules import decide, due_events
from isonomia.service.errors import BadRequest, CharterRejected, NotInitialized, Refused
from isonomia.store import ledger_store, projections
from isonomia.store.db import Database

#: Actor recorded for events that fall due by the calendar alone (a secession's effect).
CALENDAR = "calendar"

EXPORT_FORMAT = "isonomia-member-export"


def new_command_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def recorded_at(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Outcome:
    """What a command did: the entries appended (events that fell due come first)."""

    entries: list[Entry]
    events: list[Event]


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    status: str
    population: int
    languages: list[str]
    joined_on: str | None
    leaves_on: str | None
    founding: bool


class Federation:
    """A union database, and everything that can be done with it."""

    def __init__(self, url: str | None = None) -> None:
        self.db = Database(url)
        self._cache: tuple[int, UnionState] = (0, UnionState())

    # -- opening ---------------------------------------------------------------------------

    def exists(self) -> bool:
        """True when the database holds a union (a ledger with its charter)."""
        url = make_url(self.db.url)
        on_disk = url.database not in (None, "", ":memory:")
        if self.db.dialect_name == "sqlite" and on_disk and not Path(str(url.database)).exists():
            return False
        if not sa.inspect(self.db.engine).has_table("ledger"):
            return False
        with self.db.reading() as conn:
            return ledger_store.head(conn)[0] > 0

    def open(self) -> Federation:
        """Check there is a union here, and bring its schema up to date."""
        if not self.exists():
            raise NotInitialized(
                f"no union database at {self.describe_url()}: run `isonomia init` first"
            )
        self.db.migrate()
        return self

    def describe_url(self) -> str:
        return make_url(self.db.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.db.dispose()

    def initialize(self, charter_path: str | Path, at: datetime | None = None) -> Outcome:
        """Create the schema and record the charter as the ledger's first entry."""
        try:
            charter = load_charter(charter_path)
        except CharterInvalid as error:
            raise CharterRejected(error) from error
        command = AdoptCharter(
            command_id=new_command_id(),
            actor=actors.SECRETARIAT,
            at=at or now(),
            charter=charter.model_dump(mode="json"),
        )
        refusal = decide(UnionState(), command)
        if isinstance(refusal, Refusal):  # checked before the database is touched
            raise Refused(refusal)
        self.db.migrate()
        return self.execute(command)

    # -- the pipeline ----------------------------------------------------------------------

    def _state(self, conn: Connection) -> UnionState:
        sequence, state = self._cache
        top, _ = ledger_store.head(conn)
        if top < sequence:  # the database was replaced under us
            sequence, state = 0, UnionState()
        for entry in ledger_store.read_entries(conn, after=sequence):
            state = evolve(state, projections.event_of(entry))
            sequence = entry.sequence
        self._cache = (sequence, state)
        return state

    def execute(self, command: Command) -> Outcome:
        """Run a command: decide, append, project, in one transaction; or raise `Refused`."""
        with self.db.writing() as conn:
            state = self._state(conn)
            due = due_events(state, command.day)
            for event in due:
                state = evolve(state, event)
            decision = decide(state, command)
            if isinstance(decision, Refusal):
                raise Refused(decision)  # rolls the transaction back: nothing is written
            at = recorded_at(command.at)
            new = [_new_entry(e, at, CALENDAR, command.command_id) for e in due]
            new += [_new_entry(e, at, command.actor, command.command_id) for e in decision]
            entries = ledger_store.append(conn, new)
            for entry, event in zip(entries, [*due, *decision], strict=True):
                projections.apply(conn, entry.sequence, event)
        return Outcome(entries=entries, events=[*due, *decision])

    # -- queries ---------------------------------------------------------------------------

    def state(self) -> UnionState:
        with self.db.reading() as conn:
            return self._state(conn)

    def charter(self) -> Charter:
        charter = self.state().charter
        if charter is None:
            raise NotInitialized("this database has no charter: run `isonomia init`")
        return charter

    def members(self, on: date | None = None) -> list[MemberRow]:
        """Members and candidates from the read tables, with status as of `on` (P3)."""
        day = on or now().date()
        with self.db.reading() as conn:
            rows = conn.execute(
                sa.select(projections.member_view).order_by(
                    projections.member_view.c.rotation_position.is_(None),
                    projections.member_view.c.rotation_position,
                    projections.member_view.c.id,
                )
            ).all()
        result = []
        for row in rows:
            status = row.status
            if status == "seceding" and row.leaves_on and row.leaves_on <= day.isoformat():
                status = "seceded"
            result.append(
                MemberRow(
                    id=row.id,
                    name=row.name,
                    status=status,
                    population=int(row.population),
                    languages=list(json.loads(row.languages)),
                    joined_on=row.joined_on,
                    leaves_on=row.leaves_on,
                    founding=bool(row.founding),
                )
            )
        return result

    def ledger_length(self) -> int:
        with self.db.reading() as conn:
            return ledger_store.head(conn)[0]

    def verify_ledger(self, progress: Callable[[int], None] | None = None) -> ChainReport:
        """Walk the whole chain (P18); `progress` hears the sequence number reached."""
        with self.db.reading() as conn:
            return ledger_store.verify(conn, progress)

    def entries(self, after: int = 0) -> Iterator[Entry]:
        with self.db.reading() as conn:
            yield from ledger_store.read_entries(conn, after=after)

    def rebuild_projections(self) -> tuple[int, bool]:
        """Replay the ledger into fresh read tables; returns (entries, equal to before)."""
        with self.db.writing() as conn:
            before = projections.snapshot(conn)
            replayed = projections.rebuild(conn)
            return replayed, projections.snapshot(conn) == before

    def export_member(self, member: str, out: str | Path, at: datetime | None = None) -> int:
        """Write member's export (P3): its entries in full, the rest as links. Returns count."""
        state = self.state()
        charter = state.charter
        if charter is None or member not in state.members:
            raise BadRequest(f"{member} has never been a member of this union")
        with self.db.reading() as conn:
            doc = build_export(
                ledger_store.read_entries(conn),
                lambda entry: projections.event_of(entry).concerns(member),
                {
                    "format": EXPORT_FORMAT,
                    "union": charter.union.id,
                    "union_name": charter.union.name,
                    "member": member,
                    "exported_at": recorded_at(at or now()),
                },
            )
        try:
            write_export(out, doc)
        except OSError as error:
            raise BadRequest(f"cannot write {out}: {error.strerror}") from error
        return sum(1 for e in doc["entries"] if "payload" in e)


def verify_export_file(path: str | Path) -> tuple[ChainReport, dict[str, Any]]:
    """Check a member's export offline, with no database."""
    try:
        doc = read_export(path)
    except (OSError, ValueError) as error:
        raise BadRequest(f"cannot read {path}: {error}") from error
    meta = doc.get("meta", {}) if isinstance(doc, dict) else {}
    return verify_export(doc), meta if isinstance(meta, dict) else {}


def _new_entry(event: Event, at: str, actor: str, command_id: str) -> NewEntry:
    return NewEntry(
        recorded_at=at,
        actor=actor,
        command_id=command_id,
        event_type=event.type_name(),
        schema_version=event.schema_version,
        payload=event.payload(),
    )


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


__all__: Sequence[str] = [
    "CALENDAR",
    "Federation",
    "MemberRow",
    "Outcome",
    "at_day",
    "new_command_id",
    "now",
    "parse_day",
    "verify_export_file",
]
