"""A member's export bound to the transparency log (P3, P18), and its offline check.

An export is version 2 (``ledger.export_tlog``): every entry up to the ledger's head, so
nothing of the member's is left out (P3), each full entry with its inclusion proof: in the
latest checkpoint the councils co-signed for the entries it covers, and for the entries
after it in the newest checkpoint (the stored one of the whole ledger with its
cosignatures, else one the log signs for this export alone), with the proof that the newest
extends the co-signed one; and a statement signed by the log naming the member, the size
and the entries given in full. It is made only with the union's log key at hand: version 1
(the hash chain alone) proves nothing against a forger who re-hashes an entry, so it is no
longer written, and `verify-export` refuses one (a downgrade, P3).

The check trusts nothing the export carries: it is anchored only by what its reader pinned
(``pins``), and without a pin it is never OK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isonomia.domain import actors
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.export import build_export, read_export, verify_export, write_export
from isonomia.ledger.export_tlog import (
    TLOG_EXPORT_VERSION,
    ExportFault,
    ProvedPart,
    attach,
    statement_text,
    verify_tlog,
)
from isonomia.ledger.keys import key_id
from isonomia.ledger.merkle import MerkleTree
from isonomia.ledger.notes import ED25519, Checkpoint, Signer, sign_note
from isonomia.ledger.verify import ChainReport
from isonomia.service.errors import BadRequest, ExportRefused
from isonomia.service.pins import export_pins
from isonomia.service.pipeline import now, recorded_at
from isonomia.service.transparency import Transparency, cosigner_keys, leaf, log_origin
from isonomia.service.unit_of_work import event_of
from isonomia.store import checkpoints, ledger_store

if TYPE_CHECKING:
    from isonomia.service.federation import Federation
    from isonomia.service.keyring import Signer as KeySource

__all__ = ["DOWNGRADED", "ExportCheck", "ProvedPart", "export_member", "verify_export_file"]

EXPORT_FORMAT = "isonomia-member-export"

#: Why no export is written without the log key.
NO_LOG_KEY = N_(
    "{member}'s export must be signed with the union's log key, which is not at hand here: "
    "make it where the log key is kept (`isonomia member export {member} --keyring DIR`)"
)


def export_member(
    federation: Federation,
    member: str,
    out: str | Path,
    at: datetime | None = None,
    log: KeySource | None = None,
) -> int:
    """Write member's export; returns the number of entries in full."""
    state = federation.state()
    charter = state.charter
    if charter is None or member not in state.members:
        raise BadRequest.of(N_("{member} has never been a member of this union"), member=member)
    meta = {
        "format": EXPORT_FORMAT,
        "union": charter.union.id,
        "union_name": charter.union.name,
        "member": member,
        "exported_at": recorded_at(at or now()),
    }
    key = log.key_for(actors.LOG) if log is not None else None
    if key is None or not any(
        k.key_id == key_id(key.public_key()) and k.principal == actors.LOG and k.valid()
        for k in state.keys.values()
    ):
        raise BadRequest.of(NO_LOG_KEY, member=member)
    # Every entry up to the head (P3): those up to the latest co-signed checkpoint proved
    # against it, the rest against the newest checkpoint. Without a stored checkpoint of the
    # whole ledger, one is signed for this export alone (not kept): an export only reads.
    with federation.db.reading() as conn:
        size = ledger_store.head(conn)[0]
        stored = checkpoints.checkpoint_at(conn, size) is not None
        cosigned = checkpoints.latest_cosigned(conn)
        entries = list(takewhile(lambda e: e.sequence <= size, ledger_store.read_entries(conn)))

    def concerns(entry: Any) -> bool:
        return bool(event_of(entry).concerns(member))

    doc = build_export(entries, concerns, meta)
    origin = log_origin(state)
    tree = MerkleTree.from_entries(leaf(e) for e in entries)
    signer = Signer(origin, ED25519, key)
    transparency = Transparency(federation)
    newest = (
        transparency.note_at(size)
        if stored
        else sign_note(Checkpoint(origin, size, tree.root()).body(), signer)
    )
    base, tail = newest, None
    if cosigned is not None and 0 < cosigned < size:
        base, tail = transparency.note_at(cosigned), newest
    full = [item["sequence"] for item in doc["entries"] if "payload" in item]
    statement = sign_note(statement_text(origin, member, size, full), signer)
    doc = attach(doc, tree, base, statement, signer.verifier_key, cosigner_keys(state), tail)
    try:
        write_export(out, doc)
    except OSError as error:
        raise BadRequest.of(
            N_("cannot write {out}: {strerror}"), out=out, strerror=error.strerror
        ) from error
    return sum(1 for e in doc["entries"] if "payload" in e)


@dataclass(frozen=True)
class ExportCheck:
    """What `verify_export_file` found: the export's own checks (``report``), and what
    anchored it. It is ``ok`` only when both hold: an export that verifies against nothing
    its reader pinned vouches for itself, and is never OK."""

    report: ChainReport
    meta: dict[str, Any]
    #: Whether a pin tied the export to the log: a key, witnesses or the expected head.
    anchored: bool = False
    #: Whether the log's key was pinned (given, or the key that signed a kept checkpoint);
    #: if not, the log's statement of the member's entries is checked with the carried key.
    log_key_pinned: bool = False
    #: The expected head, when one was given: "root" or "checkpoint" (a kept file).
    head: str | None = None
    #: The pinned witnesses whose cosignatures verified, and how many were required.
    cosigners: tuple[str, ...] = ()
    required: int = 0
    #: The number of entries the export holds.
    size: int = 0
    #: Its parts, each with the checkpoint it is proved against: the co-signed one, then
    #: (for entries after it) the newest.
    parts: tuple[ProvedPart, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report.ok and self.anchored


#: Why an export of an older version is refused rather than read.
DOWNGRADED = N_(
    "{path} is a version-{version} export: it has no checkpoint and no inclusion proofs, "
    "which this version of isonomia writes (version {current}), so nothing proves its "
    "entries are the union's record; ask for a new export"
)


def verify_export_file(
    path: str | Path,
    expect_head: str | None = None,
    log_key: str | None = None,
    witness_keys: str | Path | None = None,
    require_cosigners: int | None = None,
) -> ExportCheck:
    """Check a member's export offline, with no database, against what its reader pinned
    (``pins.export_pins``); an export of an older version is refused (P3)."""
    pins = export_pins(expect_head, log_key, witness_keys, require_cosigners)
    try:
        doc = read_export(path)
    except (OSError, ValueError) as error:
        raise BadRequest.of(N_("cannot read {path}: {error}"), path=path, error=error) from error
    meta = doc.get("meta", {}) if isinstance(doc, dict) else {}
    meta = meta if isinstance(meta, dict) else {}
    version = doc.get("version")
    if doc.get("format") == EXPORT_FORMAT and _is_older(version):
        refusal = Refusal.of(
            "P3", DOWNGRADED, path=path, version=version, current=TLOG_EXPORT_VERSION
        )
        raise ExportRefused(refusal)
    report = verify_export({**doc, "version": 1} if version == TLOG_EXPORT_VERSION else doc)
    if not report.ok:
        return ExportCheck(report, meta)
    try:
        parts = verify_tlog(doc, pins)
    except ExportFault as fault:
        failed = ChainReport(False, report.count, report.head, fault.sequence, str(fault))
        return ExportCheck(failed, meta)
    cosigners = parts[0].cosigners
    return ExportCheck(
        report,
        meta,
        anchored=pins.anchored,
        log_key_pinned=pins.log_key_pinned,
        head="checkpoint" if pins.kept else "root" if pins.root else None,
        cosigners=tuple(cosigners),
        required=pins.anchor.cosigners,
        size=report.count,
        parts=tuple(parts),
    )


def _is_older(version: Any) -> bool:
    """A version this software once wrote, older than the one it writes now."""
    return type(version) is int and 1 <= version < TLOG_EXPORT_VERSION
