"""A member's export bound to the transparency log (P3, P18), and its offline check.

With the union's log key at hand, an export is version 2 (``ledger.export_tlog``): the
entries up to a checkpoint (the latest its council co-signed, else the latest, else one
made now), each full entry with its inclusion proof, and a statement signed by the log
naming the member, the size and the entries given in full. Without the log key it is a
version-1 export as before, which `verify-export` still reads.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isonomia.domain import actors
from isonomia.domain.refusal import N_
from isonomia.ledger.export import build_export, read_export, verify_export, write_export
from isonomia.ledger.export_tlog import (
    TLOG_EXPORT_VERSION,
    ExportFault,
    attach,
    statement_text,
    verify_tlog,
)
from isonomia.ledger.keys import key_id
from isonomia.ledger.merkle import MerkleTree
from isonomia.ledger.notes import (
    ED25519,
    Checkpoint,
    NoteError,
    Signer,
    parse_checkpoint,
    parse_note,
    sign_note,
)
from isonomia.ledger.verify import ChainReport
from isonomia.service.errors import BadRequest
from isonomia.service.pipeline import now, recorded_at
from isonomia.service.transparency import Transparency, cosigner_keys, leaf, log_keys, log_origin
from isonomia.service.unit_of_work import event_of
from isonomia.store import checkpoints, ledger_store

if TYPE_CHECKING:
    from isonomia.service.federation import Federation
    from isonomia.service.keyring import Signer as KeySource

__all__ = ["export_member", "verify_export_file"]

EXPORT_FORMAT = "isonomia-member-export"


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
    registered = key is not None and any(
        k.key_id == key_id(key.public_key()) and k.principal == actors.LOG and k.valid()
        for k in state.keys.values()
    )
    with federation.db.reading() as conn:
        last = ledger_store.head(conn)[0]
    # Without a stored checkpoint, one is signed for this export alone (not kept): an
    # export only reads.
    size = (_checkpoint_size(federation, member) or last) if registered else None

    def concerns(entry: Any) -> bool:
        return bool(event_of(entry).concerns(member))

    with federation.db.reading() as conn:
        entries = list(
            takewhile(lambda e: size is None or e.sequence <= size, ledger_store.read_entries(conn))
        )
    doc = build_export(entries, concerns, meta)
    if size is not None and key is not None:
        origin = log_origin(state)
        tree = MerkleTree.from_entries(leaf(e) for e in entries)
        signer = Signer(origin, ED25519, key)
        stored = _checkpoint_size(federation, member)
        note = (
            Transparency(federation).note_at(size)
            if stored == size
            else sign_note(Checkpoint(origin, size, tree.root()).body(), signer)
        )
        full = [item["sequence"] for item in doc["entries"] if "payload" in item]
        statement = sign_note(statement_text(origin, member, size, full), signer)
        doc = attach(doc, tree, note, statement, log_keys(state)[0], cosigner_keys(state))
    try:
        write_export(out, doc)
    except OSError as error:
        raise BadRequest.of(
            N_("cannot write {out}: {strerror}"), out=out, strerror=error.strerror
        ) from error
    return sum(1 for e in doc["entries"] if "payload" in e)


def _checkpoint_size(federation: Federation, member: str) -> int | None:
    """The latest checkpoint the member's council co-signed, else the latest, else None."""
    council = actors.council(member)
    with federation.db.reading() as conn:
        latest = checkpoints.latest_checkpoint(conn)
        size = None if latest is None else latest.size
        for stored in reversed(checkpoints.checkpoints_between(conn, 1, size or 0)):
            if any(c.principal == council for c in checkpoints.cosignatures_of(conn, stored.size)):
                return stored.size
    return size


def _pinned(expect: str | None) -> bytes | None:
    if expect is None:
        return None
    text = expect.strip()
    if len(text) == 64 and all(ch in "0123456789abcdef" for ch in text):
        return bytes.fromhex(text)
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) == 32:
            return raw
    except (binascii.Error, ValueError):
        pass
    try:
        return parse_checkpoint(parse_note(Path(expect).read_bytes()).text).root_hash
    except (OSError, NoteError) as error:
        raise BadRequest.of(
            N_("--expect-head is a root hash (hex or base64) or a checkpoint file: {error}"),
            error=error,
        ) from None


def verify_export_file(
    path: str | Path, expect_head: str | None = None
) -> tuple[ChainReport, dict[str, Any]]:
    """Check a member's export offline, with no database; a version-2 export is checked
    against its checkpoint too (pinned by ``expect_head`` when given)."""
    pinned = _pinned(expect_head)
    try:
        doc = read_export(path)
    except (OSError, ValueError) as error:
        raise BadRequest.of(N_("cannot read {path}: {error}"), path=path, error=error) from error
    meta = doc.get("meta", {}) if isinstance(doc, dict) else {}
    meta = meta if isinstance(meta, dict) else {}
    version = doc.get("version")
    report = verify_export({**doc, "version": 1} if version == TLOG_EXPORT_VERSION else doc)
    if not report.ok or version != TLOG_EXPORT_VERSION:
        if report.ok and pinned is not None:
            raise BadRequest.of(N_("this export has no checkpoint to pin (a version-1 export)"))
        return report, meta
    try:
        cosigners = verify_tlog(doc, pinned)
    except ExportFault as fault:
        failed = ChainReport(False, report.count, report.head, fault.sequence, str(fault))
        return failed, meta
    names = ", ".join(cosigners) if cosigners else "nobody"
    meta = {**meta, "checkpoint": f"checkpoint of {report.count} entries co-signed by {names}"}
    return report, meta
