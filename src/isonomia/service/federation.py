"""The federation's database handle: the service (`recording.Service`) over the union's
database, and what only a database has: its schema, its first entry, verification, exports.
Queries live in `isonomia.service.queries`, in each area's module."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic
from sqlalchemy.engine import make_url

from isonomia.charter.load import CharterInvalid, load_charter
from isonomia.domain import (
    FederationState,
)
from isonomia.domain.base import UnknownEvent
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.chain import Entry
from isonomia.ledger.signatures import SignatureReport
from isonomia.ledger.verify import ChainReport
from isonomia.rules import decide
from isonomia.rules.principals import authenticate
from isonomia.rules.replay import ReplayReport
from isonomia.service import snapshot_audit, verification
from isonomia.service.auto_checkpoint import checkpoint_if_due
from isonomia.service.building import charter_command
from isonomia.service.clock import Clock, now
from isonomia.service.errors import (
    BadRequest,
    CharterRejected,
    NotInitialized,
    RecordBroken,
    Refused,
    Unavailable,
)
from isonomia.service.keyring import Keyring, Signer
from isonomia.service.member_export import export_member
from isonomia.service.recording import Service
from isonomia.service.unit_of_work import CheckedDatabase, SqlUnitOfWork, StateCache
from isonomia.store import ledger_store, projections
from isonomia.store.db import Schema
from isonomia.store.state_levels import StaleSnapshot

if TYPE_CHECKING:
    from isonomia.service.pipeline import Recorded

__all__ = ["EXPORT_FORMAT", "Federation"]

EXPORT_FORMAT = "isonomia-member-export"


class Federation(Service):
    """A union database, and everything that can be done with it."""

    def __init__(
        self,
        url: str | None = None,
        clock: Clock = now,
        signer: Signer | None = None,
    ) -> None:
        self.db = CheckedDatabase(url)
        self._cache = StateCache()
        super().__init__(SqlUnitOfWork(self.db, self._cache), clock, signer)

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
            raise Unavailable.of(
                N_(
                    "{where} is not an isonomia database ({detail}): give the database of a "
                    "union with --db"
                ),
                where=where,
                detail=schema.detail,
            )
        if schema.state == "newer":
            raise Unavailable.of(
                N_(
                    "{where} was written by a newer isonomia (schema {revision}): upgrade "
                    "isonomia to use it"
                ),
                where=where,
                revision=schema.revision,
            )
        if schema.state == "behind":
            self.db.behind = schema.revision
        if schema.state in ("missing", "empty") or not self.ledger_length():
            raise NotInitialized.of(
                N_("no union database at {where}: run `isonomia init` first"), where=where
            )
        return self

    def keyring_folder(self) -> Path | None:
        """The keyring folder `init` makes beside a SQLite union's file (`FILE.keys`)."""
        url = make_url(self.db.url)
        if self.db.dialect_name != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return Path(f"{url.database}.keys")

    def ensure_new(self) -> None:
        """Refuse to create a union where anything is stored already."""
        schema = self.schema()
        where = self.describe_url()
        if schema.state == "foreign":
            raise BadRequest.of(
                N_(
                    "{where} is not empty ({detail}): a new union is created only in a new file "
                    "or an empty database; give another --db"
                ),
                where=where,
                detail=schema.detail,
            )
        if self.exists():
            raise BadRequest.of(
                N_("{where} already holds a union; the charter changes only by amendment (P10)"),
                where=where,
            )

    def describe_url(self) -> str:
        return self.db.describe()

    def close(self) -> None:
        self.db.dispose()

    def initialize(
        self,
        charter_path: str | Path,
        keyring: Keyring | None = None,
        at: datetime | None = None,
        clock: str = "live",
    ) -> Recorded:
        """Create the schema and record the charter as the ledger's first entry, with the
        union's first keys (made in `keyring`): the secretariat, the inspection, the log,
        each organ's presiding officer and each founding member's congress."""
        try:
            charter = load_charter(charter_path)
        except CharterInvalid as error:
            raise CharterRejected(error) from error
        probe = charter_command(charter, at or now(), clock)
        refusal = decide(FederationState(), probe)
        if isinstance(refusal, Refusal):  # checked before the database or a key is touched
            raise Refused(refusal)
        self.ensure_new()
        if keyring is None:
            if not isinstance(self.signer, Keyring):
                raise BadRequest.of(N_("a new union needs a keyring for its first keys"))
            keyring = self.signer
        return self.adopt(probe, keyring, before=self.db.migrate)

    # -- the pipeline ----------------------------------------------------------------------

    def submit(self, envelope: Mapping[str, Any]) -> Recorded:
        """Record a signed command (`Service.submit`); when another process's snapshot
        replaced the levels this one read (or one is damaged), start again from the newest
        snapshot (or from the ledger); then sign a checkpoint when one is due."""
        self._check_ahead(envelope)
        try:
            recorded = super().submit(envelope)
        except Unavailable as error:
            stale = error.__cause__
            if not isinstance(stale, StaleSnapshot):
                raise
            self._cache.forget(distrust=stale.damaged)
            recorded = super().submit(envelope)
        checkpoint_if_due(self, recorded.entries)  # every N entries (charter: transparency)
        return recorded

    def _check_ahead(self, envelope: Mapping[str, Any]) -> None:
        """Check the signature before the append lock, on the state this process holds (no
        read), so that the same check inside the lock finds it done
        (`ledger.keys.verify_remembered`). It decides nothing: whether the command is taken
        is decided inside the lock, on the record as it stands there."""
        if isinstance(envelope, Mapping):
            with suppress(Exception):  # met again, and answered, inside the lock
                authenticate(self._cache.state, dict(envelope))

    # -- queries ---------------------------------------------------------------------------

    def ledger_length(self) -> int:
        with self.db.plain_reading() as conn:
            return ledger_store.head(conn)[0]

    def verify_ledger(self, progress: Callable[[int], None] | None = None) -> ChainReport:
        """Walk the whole chain (P18); `progress` hears the sequence number reached."""
        return verification.verify_chain(self, progress)

    def verify_replay(self, progress: Callable[[int], None] | None = None) -> ReplayReport:
        """Replay the whole record: every entry re-derived from a signed command (P18)."""
        return verification.replay_record(self, progress)

    def verify_signatures(self, progress: Callable[[int], None] | None = None) -> SignatureReport:
        """Check every recorded signature against the key register as of its entry (P18)."""
        return verification.verify_signatures(self, progress)

    def verify_snapshots(self, progress: Callable[[int], None] | None = None) -> int | None:
        """The entry of a stored snapshot that differs from the ledger's fold (edited behind
        isonomia's back), or None; `progress` hears the sequence number reached."""
        return verification.verify_snapshots(self, progress)

    def entries(self, after: int = 0) -> Iterator[Entry]:
        with self.db.reading() as conn:
            yield from ledger_store.read_entries(conn, after=after)

    def rebuild_projections(
        self, progress: Callable[[int], None] | None = None
    ) -> tuple[int, bool]:
        """Replay the ledger into fresh read tables (upgrading an old schema first); returns
        (entries, equal to before). Each entry is verified as it is replayed, and the first
        that does not verify rolls all of it back: nothing is loaded from a broken record."""
        reached = 0

        def advance(sequence: int) -> None:
            nonlocal reached
            reached = sequence
            if progress is not None:
                progress(sequence)

        with self.db.writing() as conn:
            snapshot_audit.drop(conn)  # a cache too: whatever it held, the ledger's fold wins
            before = projections.fingerprint(conn)
            after: dict[str, str] = {}
            try:
                replayed = projections.rebuild(conn, advance, after)
            except (pydantic.ValidationError, UnknownEvent) as error:
                raise RecordBroken(reached + 1, str(error).splitlines()[0]) from None
            return replayed, after == before

    def export_member(
        self,
        member: str,
        out: str | Path,
        at: datetime | None = None,
        log: Signer | None = None,
    ) -> int:
        """Write member's export (P3): its entries in full, the rest as links, bound to the
        transparency log when the log key is at hand (`member_export`). Returns the number
        of entries in full."""
        folder = self.keyring_folder()
        if log is None and folder is not None and folder.is_dir():
            log = Keyring(folder)
        return export_member(self, member, out, at, log or self.signer)
