"""The federation's database handle: open it, run commands through the pipeline, verify
and export its record. Queries live in `isonomia.service.queries`, one module per area."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pydantic
from sqlalchemy.engine import make_url

from isonomia.charter.load import CharterInvalid, load_charter
from isonomia.charter.model import Charter
from isonomia.domain import (
    AdoptCharter,
    Command,
    DecideAccession,
    FederationState,
    FoundingDecision,
    RegisterKey,
)
from isonomia.domain.base import UnknownEvent
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.chain import Entry
from isonomia.ledger.envelope import Binding
from isonomia.ledger.keys import Ed25519PrivateKey, public_key_text
from isonomia.ledger.signatures import SignatureReport
from isonomia.ledger.verify import ChainReport
from isonomia.rules import decide
from isonomia.rules.capacity import home_of
from isonomia.rules.record import log_origin
from isonomia.rules.replay import ReplayReport
from isonomia.service import snapshot_audit, verification
from isonomia.service.building import charter_command, check_signed
from isonomia.service.errors import (
    BadRequest,
    CharterRejected,
    NotInitialized,
    RecordBroken,
    Refused,
    Unavailable,
)
from isonomia.service.keyring import Keyring, Signer, envelope_of
from isonomia.service.pipeline import Recorded, new_command_id, now
from isonomia.service.principals import authority_for, founding_decision, union_principals
from isonomia.service.submission import submit
from isonomia.service.unit_of_work import CheckedDatabase, SqlUnitOfWork, StateCache
from isonomia.store import ledger_store, projections
from isonomia.store.db import Schema
from isonomia.store.state_levels import StaleSnapshot

__all__ = ["EXPORT_FORMAT", "Federation"]

EXPORT_FORMAT = "isonomia-member-export"


class Federation:
    """A union database, and everything that can be done with it."""

    def __init__(
        self,
        url: str | None = None,
        clock: Callable[[], datetime] = now,
        signer: Signer | None = None,
    ) -> None:
        self.db = CheckedDatabase(url)
        #: Who signs commands run through `execute` when no signer is given: a keyring that
        #: plays every part, for worked examples and tests. Interfaces pass the person's own.
        self.signer = signer
        #: The service's clock: the time every entry of a live union is recorded at.
        self.clock = clock
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
        principals = union_principals(charter)
        taken = [p for p in principals if keyring.path(p).exists()]
        if taken:
            raise BadRequest.of(
                N_("{path} exists already: keys are never overwritten"), path=keyring.path(taken[0])
            )
        keys = keyring.create_all(principals)
        offices = {p: k for p, k in keys.items() if not p.startswith("congress:")}
        self.db.migrate()
        return self.execute(probe.model_copy(update={"keys": offices}), keyring)

    # -- the pipeline ----------------------------------------------------------------------

    def submit(self, envelope: Mapping[str, Any]) -> Recorded:
        """Record a signed command (authenticate, authorize, decide, append), or raise
        `Refused` naming the principle, with nothing written."""
        check_signed(envelope.get("command") if isinstance(envelope, Mapping) else None)
        try:
            recorded = submit(self.uow, envelope, self.clock)
        except Unavailable as error:
            stale = error.__cause__
            if not isinstance(stale, StaleSnapshot):
                raise
            # Another process's snapshot replaced the levels this one read (or one is
            # damaged): start again from the newest snapshot (or from the ledger).
            self._cache.forget(distrust=stale.damaged)
            recorded = submit(self.uow, envelope, self.clock)
        from isonomia.service.tlog_tree import checkpoint_if_due

        checkpoint_if_due(self, recorded.entries)  # every N entries (charter: transparency)
        return recorded

    def execute(self, command: Command, signer: Signer | None = None) -> Recorded:
        """Sign `command` with its actor's key from `signer` (or this handle's own signer),
        and submit it."""
        chosen = signer or self.signer
        if chosen is None:
            raise BadRequest.of(
                N_("{command} must be signed by {actor}"),
                command=type(command).__name__,
                actor=command.actor,
            )
        # A keyring that plays the candidate too brings the congress's key for it (P2).
        plays_all = isinstance(chosen, Keyring) and chosen.provision
        if plays_all and isinstance(command, DecideAccession) and command.congress_key is None:
            brought = self.own_key(chosen, command.actor)
            command = command.model_copy(update={"congress_key": brought})
        key = self.signing_key(command, chosen)
        return self.submit(envelope_of(command, key, self.binding(command)))

    def sign(self, command: Command, signer: Signer) -> dict[str, Any]:
        """The signed envelope of `command`, to submit later or elsewhere."""
        key = self.signing_key(command, signer)
        return envelope_of(command, key, self.binding(command))

    def binding(self, command: Command | None = None) -> Binding:
        """What an envelope signed now for this union names: the union (its log's origin
        and its charter entry's hash) and the head of the record as it stands."""
        if isinstance(command, AdoptCharter):
            union = command.charter.get("union") or {}
            return Binding(log_origin(str(union.get("id", ""))), None)
        with self.db.reading(check=False) as conn:
            size, digest = ledger_store.head(conn)
            charter = ledger_store.hash_at(conn, 1)
            first = next(ledger_store.read_entries(conn, batch=1), None)
        if first is None or charter is None:
            raise NotInitialized.of(N_("this database has no charter: run `isonomia init`"))
        # Entry 1 records the charter's signed command (or, unsigned, its adoption).
        adopted = first.payload.get("command", first.payload)
        union_id = str(adopted.get("charter", {}).get("union", {}).get("id", ""))
        return Binding(log_origin(union_id), charter, (size, digest))

    def signing_key(self, command: Command, signer: Signer) -> Ed25519PrivateKey:
        """The actor's key from `signer`; a provisioning keyring makes and registers a
        missing one through the body that answers for the actor."""
        key = signer.key_for(command.actor)
        if key is not None:
            return key
        if isinstance(signer, Keyring) and signer.provision:
            member = home_of(self.state(), command.actor) or getattr(command, "member", None)
            return self.provide_key(signer, command.actor, member, command.at)
        raise BadRequest.of(
            N_("no key for {actor}: give the key file of {actor}"), actor=command.actor
        )

    def own_key(self, signer: Signer, principal: str) -> str:
        """The public key a principal brings with its own decision (a candidate's congress,
        P2): its key from `signer`, made in a keyring if it has none yet."""
        key = signer.key_for(principal)
        if key is None and isinstance(signer, Keyring):
            key = signer.obtain(principal)
        if key is None:
            raise BadRequest.of(
                N_("no key for {principal}: give its key file"), principal=principal
            )
        return public_key_text(key.public_key())

    def founding_decisions(
        self, signer: Signer, decisions: list[tuple[str, date]]
    ) -> list[FoundingDecision]:
        """Each founding member's decision, signed by its congress's key (P1)."""
        if not isinstance(signer, Keyring):
            raise BadRequest.of(
                N_(
                    "each founding decision is signed by that member's congress: give --keyring "
                    "with the congresses' keys"
                )
            )
        union = self.charter().union.id
        return [founding_decision(signer, union, member, day) for member, day in decisions]

    def provide_key(
        self, keyring: Keyring, principal: str, member: str | None, at: datetime
    ) -> Ed25519PrivateKey:
        """Make `principal`'s key in the keyring and have its authority register it."""
        authority = authority_for(principal, member if isinstance(member, str) else None)
        if authority is None:
            raise BadRequest.of(
                N_("no key for {principal}, and no body can register one for it"),
                principal=principal,
            )
        key = keyring.create(principal)
        register = RegisterKey(
            command_id=new_command_id(),
            actor=authority,
            at=at,
            principal=principal,
            public_key=public_key_text(key.public_key()),
            for_member=member if principal.startswith("person:") else None,
        )
        self.execute(register, keyring)
        return key

    # -- queries ---------------------------------------------------------------------------

    def state(self) -> FederationState:
        with self.db.reading() as conn:
            return self._cache.catch_up(conn)

    def charter(self) -> Charter:
        charter = self.state().charter
        if charter is None:
            raise NotInitialized.of(N_("this database has no charter: run `isonomia init`"))
        return charter

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
            try:
                replayed = projections.rebuild(conn, advance)
            except (pydantic.ValidationError, UnknownEvent) as error:
                raise RecordBroken(reached + 1, str(error).splitlines()[0]) from None
            return replayed, projections.fingerprint(conn) == before

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
        from isonomia.service.member_export import export_member

        folder = self.keyring_folder()
        if log is None and folder is not None and folder.is_dir():
            log = Keyring(folder)
        return export_member(self, member, out, at, log or self.signer)
