"""A member's export of the ledger (for secession, P3), and its offline verification.

Format ``isonomia-member-export``, version 1: one UTF-8 JSON object::

    {
      "format": "isonomia-member-export",
      "version": 1,
      "meta": {...},                       # given by the caller: union, member, exported_at
      "head": {"count": 42, "hash": "<hex>"},
      "entries": [
        {"sequence": 1, "recorded_at": "...", "actor": "...", "command_id": "...",
         "event_type": "...", "schema_version": 1, "payload": {...},
         "prev_hash": "<hex>", "hash": "<hex>"},            # an entry that concerns the member
        {"sequence": 2, "prev_hash": "<hex>", "hash": "<hex>"},  # any other entry: its link only
        ...
      ]
    }

Every entry of the chain appears, in order, so the member can check the links of the whole
chain up to the head without seeing other members' payloads. The hash of a full entry is
recomputed from its content; a redacted entry's hash cannot be, so it is trusted only as
far as the next link (or the head) confirms it. ``meta`` is not covered by any hash: it
says what the export is, it proves nothing.

This is the chain part of every export. An export is written as version 2 (``export_tlog``),
which adds the transparency log's proofs; a document of version 1 alone is refused by the
service's verifier, since a forger can edit, re-hash and re-link a full entry here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from isonomia.ledger.canonical import parse_json
from isonomia.ledger.chain import GENESIS_HASH, Entry
from isonomia.ledger.signatures import SignatureChecker
from isonomia.ledger.verify import ChainReport, ChainVerifier

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "build_export",
    "read_export",
    "verify_export",
    "write_export",
]

EXPORT_FORMAT = "isonomia-member-export"
EXPORT_VERSION = 1

_LINK_FIELDS = frozenset({"sequence", "prev_hash", "hash"})
_FULL_FIELDS = _LINK_FIELDS | {
    "recorded_at",
    "actor",
    "command_id",
    "event_type",
    "schema_version",
    "payload",
}
_INT_OR_DICT = frozenset({"sequence", "schema_version", "payload"})
_HEX = frozenset("0123456789abcdef")


def build_export(
    entries: Iterable[Entry],
    concerns: Callable[[Entry], bool],
    meta: Mapping[str, Any],
) -> dict[str, Any]:
    """The export document: entries that ``concerns`` selects in full, the others as links.

    ``entries`` must be the whole chain from sequence 1; it is verified while it is read,
    and a broken chain raises ``ValueError`` rather than producing an export that lies.
    """
    verifier = ChainVerifier()
    items: list[dict[str, Any]] = []
    for entry in entries:
        if not verifier.add(entry):
            raise ValueError(f"cannot export a broken chain: {verifier.report().describe()}")
        if concerns(entry):
            items.append(_full_item(entry))
        else:
            items.append(
                {"sequence": entry.sequence, "prev_hash": entry.prev_hash, "hash": entry.hash}
            )
    report = verifier.report()
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "meta": dict(meta),
        "head": {"count": report.count, "hash": report.head},
        "entries": items,
    }


def verify_export(doc: Any) -> ChainReport:
    """Check an export offline: sequences, every link, full entries' hashes, every
    signature it carries against the key register it carries (P18), and the head.

    Never raises on a malformed document; the report says what is wrong and, when the fault
    is in one entry, names it.
    """
    empty = ChainReport(ok=False, count=0, head=GENESIS_HASH)
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        return _with(empty, None, f"not an {EXPORT_FORMAT} document")
    if doc.get("version") != EXPORT_VERSION:
        return _with(empty, None, f"unsupported export version {doc.get('version')!r}")
    items = doc.get("entries")
    head = doc.get("head")
    if not isinstance(items, list):
        return _with(empty, None, "export has no list of entries")
    if not isinstance(head, dict):
        return _with(empty, None, "export has no head")

    verifier = ChainVerifier()
    signatures = SignatureChecker()
    for position, item in enumerate(items, start=1):
        if not _check_item(verifier, position, item):
            return verifier.report()
        if (
            isinstance(item, dict)
            and set(item) == _FULL_FIELDS
            and not signatures.add(Entry(**item))
        ):
            checked = signatures.report()
            return _with(verifier.report(), checked.broken_at, checked.reason or "signature")

    report = verifier.report()
    if not _is_int(head.get("count")) or head.get("count") != report.count:
        return _with(
            report,
            None,
            f"head says {head.get('count')!r} entries but the export holds {report.count}",
        )
    if head.get("hash") != report.head:
        return _with(report, report.count or None, "hash does not match the export's head")
    return report


def write_export(path: str | os.PathLike[str], doc: Mapping[str, Any]) -> None:
    """Write an export as UTF-8 JSON, replacing ``path`` only once the whole file is written."""
    target = Path(path)
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=1) + "\n"
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


def read_export(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an export written by ``write_export``; raises ``ValueError`` if it is not JSON."""
    text = Path(path).read_text(encoding="utf-8")
    doc = parse_json(text)
    if not isinstance(doc, dict):
        raise ValueError("an export is a JSON object")
    return doc


def _full_item(entry: Entry) -> dict[str, Any]:
    return {
        "sequence": entry.sequence,
        "recorded_at": entry.recorded_at,
        "actor": entry.actor,
        "command_id": entry.command_id,
        "event_type": entry.event_type,
        "schema_version": entry.schema_version,
        "payload": entry.payload,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def _check_item(verifier: ChainVerifier, position: int, item: Any) -> bool:
    expected = verifier.last_sequence + 1
    if not isinstance(item, dict):
        verifier.fail(expected, f"item {position} of the export is not an object")
        return False
    sequence = item.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool):
        verifier.fail(expected, f"item {position} of the export has no integer sequence")
        return False
    keys = set(item)
    if keys == _FULL_FIELDS:
        entry = Entry(**item)
        if not _is_int(entry.schema_version) or not isinstance(entry.payload, dict):
            verifier.fail(sequence, "entry is malformed (schema_version or payload)")
            return False
        if not all(isinstance(v, str) for k, v in item.items() if k not in _INT_OR_DICT):
            verifier.fail(sequence, "entry is malformed (a text field is not a string)")
            return False
        return verifier.add(entry)
    if keys == _LINK_FIELDS:
        prev_hash, digest = item["prev_hash"], item["hash"]
        if not verifier.check_position(sequence, prev_hash):
            return False
        if not _is_hex64(digest):
            verifier.fail(sequence, "hash is not 64 lowercase hex digits")
            return False
        verifier.accept_link(sequence, digest)
        return True
    verifier.fail(sequence, "is neither a full entry nor a link (sequence, prev_hash, hash)")
    return False


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hex64(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _with(report: ChainReport, broken_at: int | None, reason: str) -> ChainReport:
    return ChainReport(
        ok=False, count=report.count, head=report.head, broken_at=broken_at, reason=reason
    )
