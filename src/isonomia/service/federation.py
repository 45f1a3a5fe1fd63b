"""The federation's database handle: open it, run commands through the pipeline, verify
and export its record. Queries live in `isonomia.service.queries`, one module per area."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pydantic

from isonomia.charter.load import CharterInvalid, load_charter
from isonomia.charter.model import Charter
from isonomia.domain import AdoptCharter, Command, FederationState, actors
from isonomia.domain.base import UnknownEvent
from isonomia.domain.refusal import Refusal
from isonomia.ledger.chain import Entry
from isonomia.ledger.export import build_export, read_export, verify_export, write_export
from isonomia.ledger.verify import ChainReport
from isonomia.rules import decide
from isonomia.service.errors import (
    BadRequest,
    CharterRejected,
    NotInitialized,
    RecordBroken,
    Refused,
    Unavailable,
)
from isonomia.service.pipeline import Recorded, new_command_id, now, recorded_at, run_command
from isonomia.service.unit_of_work import CheckedDatabase, SqlUnitOfWork, StateCache, event_of
from isonomia.store import ledger_store, projections
from isonomia.store.db import Schema

__all__ = ["EXPORT_FORMAT", "Federation", "verify_export_file"]

EXPORT_FORMAT = "isonomia-member-export"


class Federation:
    """A union database, and everything that can be done with it."""

    def __init__(self, url: str | None = None) -> None:
        self.db = CheckedDatabase(url)
        self._cache = StateCache()
        self.uow = SqlUnitOfWork(self.db, self._cache)

    # -- opening ---------------------------------------------------------------------------

    def schema(self) -> Schema:
        """What the database holds, found without creating or changing anything."""
        with self.db.translated():
            return self.db.schema()

    def exists(self) -> bool:
        """True when the database holds a union (a ledger with its charter)."""
        if self.schema().state not in ("current", "behind", "newer"):
            return False
        with self.db.plain_reading() as conn:
            return ledger_store.head(conn)[0] > 0

    def open(self) -> Federation:
        """Check there is a union here, without writing anything: an old schema is
        migrated by the next write, never by a read."""
        schema = self.schema()
        where = self.describe_url()
        if schema.state == "foreign":
            raise Unavailable(
                f"{where} is not an isonomia database ({schema.detail}): "
                "give the database of a union with --db"
            )
        if schema.state == "newer":
            raise Unavailable(
                f"{where} was written by a newer isonomia (schema {schema.revision}): "
                "upgrade isonomia to use it"
            )
        if schema.state == "behind":
            self.db.behind = schema.revision
        if schema.state in ("missing", "empty") or not self.ledger_length():
            raise NotInitialized(f"no union database at {where}: run `isonomia init` first")
        return self

    def ensure_new(self) -> None:
        """Refuse to create a union where anything is stored already."""
        schema = self.schema()
        where = self.describe_url()
        if schema.state == "foreign":
            raise BadRequest(
                f"{where} is not empty ({schema.detail}): a new union is created only in a "
                "new file or an empty database; give another --db"
            )
        if self.exists():
            raise BadRequest(
                f"{where} already holds a union; the charter changes only by amendment (P10)"
            )

    def describe_url(self) -> str:
        return self.db.describe()

    def close(self) -> None:
        self.db.dispose()

    def initialize(self, charter_path: str | Path, at: datetime | None = None) -> Recorded:
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
        refusal = decide(FederationState(), command)
        if isinstance(refusal, Refusal):  # checked before the database is touched
            raise Refused(refusal)
        self.ensure_new()
        self.db.migrate()
        return self.execute(command)

    # -- the pipeline ----------------------------------------------------------------------

    def execute(self, command: Command) -> Recorded:
        """Run a command through the one pipeline, or raise `Refused`."""
        return run_command(self.uow, command)

    # -- queries ---------------------------------------------------------------------------

    def state(self) -> FederationState:
        with self.db.reading() as conn:
            return self._cache.catch_up(conn)

    def charter(self) -> Charter:
        charter = self.state().charter
        if charter is None:
            raise NotInitialized("this database has no charter: run `isonomia init`")
        return charter

    def ledger_length(self) -> int:
        with self.db.plain_reading() as conn:
            return ledger_store.head(conn)[0]

    def verify_ledger(self, progress: Callable[[int], None] | None = None) -> ChainReport:
        """Walk the whole chain (P18); `progress` hears the sequence number reached."""
        with self.db.plain_reading() as conn:
            return ledger_store.verify(conn, progress)

    def entries(self, after: int = 0) -> Iterator[Entry]:
        with self.db.reading() as conn:
            yield from ledger_store.read_entries(conn, after=after)

    def rebuild_projections(
        self, progress: Callable[[int], None] | None = None
    ) -> tuple[int, bool]:
        """Replay the ledger into fresh read tables (upgrading an old schema first); returns
        (entries, equal to before). The whole chain is verified first: nothing is loaded
        from a record that does not verify."""
        reached = 0

        def advance(sequence: int) -> None:
            nonlocal reached
            reached = sequence
            if progress is not None:
                progress(sequence)

        with self.db.writing() as conn:
            ledger_store.check_since(conn)
            before = projections.snapshot(conn)
            try:
                replayed = projections.rebuild(conn, advance)
            except (pydantic.ValidationError, UnknownEvent) as error:
                raise RecordBroken(reached + 1, str(error).splitlines()[0]) from None
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
                lambda entry: event_of(entry).concerns(member),
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
