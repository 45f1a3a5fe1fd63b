"""A member's export bound to the transparency log (version 2 of ``isonomia-member-export``).

Version 1 (``export``) carries the hash chain only: a full entry's hash is recomputed, but
an entry redacted to a link cannot be, so a forger may edit a full entry, re-hash it and
re-point the next link. Version 2 adds a ``transparency`` object::

    {"log_key": "<vkey of the union's log>",
     "cosigner_keys": ["<vkey of a council>", ...],
     "checkpoint": "<signed note: the tree of the first `size` entries, with cosignatures>",
     "statement": "<signed note by the log: which member, which size, which entries in full>",
     "proofs": {"<sequence>": ["<base64 hash>", ...], ...}}

The ``checkpoint`` is the latest one the members' councils co-signed. When the ledger has
grown since, the entries after it are not left out (P3): ``transparency.tail`` proves them
against the newest checkpoint, which the log signs on demand::

    "tail": {"checkpoint": "<signed note: the tree of every entry, up to the head>",
             "consistency": ["<base64 hash>", ...],   # the co-signed tree is its prefix
             "proofs": {"<sequence>": [...], ...}}    # the full entries after the co-signed

so each part says which checkpoint proves it: entries 1 to the co-signed size against the
co-signed checkpoint, the rest against the newest, which the consistency proof shows
extends it. The statement then names the newest size.

Checks: the checkpoint is signed by the log; each full entry's canonical bytes are in the
tree (RFC 9162 inclusion proof at index sequence - 1); the log's statement names the
export's member (a relabelled export fails), its size (a truncated export, or one whose tail
was cut off, fails) and the entries given in full (an entry of the member turned into a
link fails, named).

Keys the export carries prove nothing: anyone can make a self-consistent export with a log
key of their own. What anchors it is what its reader pins (``ExportPins``): the log's key,
members' witness keys with how many must have co-signed (``anchor``), the root of the
checkpoint expected, or a checkpoint kept from the log (which pins its root and the log
key that signed it). The carried ``log_key`` checks the signatures only when the reader
pinned no log key; ``cosigner_keys`` is never used (it says who the log lists as witnesses).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from isonomia.ledger.anchor import Anchor, verify_cosigned
from isonomia.ledger.chain import Entry, canonical_entry
from isonomia.ledger.merkle import MerkleTree, leaf_hash, verify_consistency, verify_inclusion
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    Checkpoint,
    Note,
    VerifierKey,
    parse_checkpoint,
    parse_note,
    verify_note,
)

__all__ = [
    "TLOG_EXPORT_VERSION",
    "ExportFault",
    "ExportPins",
    "ProvedPart",
    "attach",
    "statement_text",
    "verify_tlog",
]

TLOG_EXPORT_VERSION = 2


class ExportFault(ValueError):
    """The export does not prove what it claims; ``sequence`` names the entry if one."""

    def __init__(self, reason: str, sequence: int | None = None) -> None:
        super().__init__(reason)
        self.sequence = sequence


def _ranges(sequences: Iterable[int]) -> str:
    parts: list[str] = []
    run: list[int] = []
    for n in sorted(sequences):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
        run = [n]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ",".join(parts) or "none"


def _parse_ranges(text: str) -> set[int]:
    if text == "none":
        return set()
    found: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def statement_text(origin: str, member: str, size: int, full: Iterable[int]) -> str:
    """What the log signs about one export."""
    return f"{origin}\nmember-export {member}\nsize {size}\nfull {_ranges(full)}\n"


def _proofs(tree: MerkleTree, doc: dict[str, Any], first: int, size: int) -> dict[str, Any]:
    return {
        str(item["sequence"]): [
            base64.b64encode(h).decode() for h in tree.inclusion_proof(item["sequence"] - 1, size)
        ]
        for item in doc["entries"]
        if "payload" in item and first <= item["sequence"] <= size
    }


def attach(
    doc: dict[str, Any],
    tree: MerkleTree,
    checkpoint: Note,
    statement: Note,
    log_key: VerifierKey,
    cosigner_keys: Iterable[VerifierKey],
    tail: Note | None = None,
) -> dict[str, Any]:
    """Make ``doc`` (a version-1 export of the first ``size`` entries) a version-2 export:
    its full entries proved against ``checkpoint``, or, when ``tail`` (a newer checkpoint of
    every entry) is given, those after ``checkpoint`` against ``tail``."""
    size = parse_checkpoint(checkpoint.text).size
    section: dict[str, Any] = {
        "log_key": log_key.encode(),
        "cosigner_keys": [key.encode() for key in cosigner_keys],
        "checkpoint": checkpoint.encode().decode(),
        "statement": statement.encode().decode(),
        "proofs": _proofs(tree, doc, 1, size),
    }
    if tail is not None:
        newest = parse_checkpoint(tail.text).size
        section["tail"] = {
            "checkpoint": tail.encode().decode(),
            "consistency": [
                base64.b64encode(h).decode() for h in tree.consistency_proof(size, newest)
            ],
            "proofs": _proofs(tree, doc, size + 1, newest),
        }
    return {**doc, "version": TLOG_EXPORT_VERSION, "transparency": section}


@dataclass(frozen=True)
class ProvedPart:
    """Entries ``first`` to ``last`` of an export, proved against the checkpoint of ``size``
    entries, which the pinned witnesses named in ``cosigners`` co-signed."""

    first: int
    last: int
    size: int
    cosigners: tuple[str, ...]


@dataclass(frozen=True)
class ExportPins:
    """What the reader of an export pinned beforehand: keys (``anchor``), and the checkpoint
    expected, by its root or as a kept signed note."""

    anchor: Anchor = field(default_factory=Anchor)
    root: bytes | None = None
    kept: Note | None = None

    @property
    def anchored(self) -> bool:
        """Whether anything ties the export to the log beyond what it says of itself."""
        return self.anchor.anchored or self.root is not None or self.kept is not None

    @property
    def log_key_pinned(self) -> bool:
        """Whether the log's key is pinned: given, or the key that signed a kept checkpoint."""
        return bool(self.anchor.log_keys) or self.kept is not None


def verify_tlog(doc: dict[str, Any], pins: ExportPins | None = None) -> list[ProvedPart]:
    """Check the ``transparency`` object of a version-2 export whose chain has verified,
    against what the reader pinned. Returns its parts, each with the checkpoint it is
    proved against and the pinned witnesses whose cosignatures verified there (the
    required cosignatures are those of the co-signed checkpoint); raises ``ExportFault``."""
    pins = pins or ExportPins()
    section = doc.get("transparency")
    if not isinstance(section, dict):
        raise ExportFault("a version-2 export carries a transparency object")
    try:
        carried = VerifierKey.parse(str(section["log_key"]))
        note = parse_note(str(section["checkpoint"]).encode())
        statement = parse_note(str(section["statement"]).encode())
    except (KeyError, TypeError, ValueError) as error:
        raise ExportFault(f"the export's checkpoint or statement is malformed: {error}") from None
    log_keys = pins.anchor.log_keys or (carried,)
    whose = "the log key you pinned" if pins.anchor.log_keys else "the log key the export carries"
    root = _expected_root(pins, log_keys, whose)
    head = _check_checkpoint(note, log_keys, whose)
    try:
        verify_note(statement, log_keys)
    except ValueError as error:
        raise ExportFault(f"the log's statement is not signed by {whose}: {error}") from None
    try:
        _, verified = verify_cosigned(note, log_keys, pins.anchor.witnesses, pins.anchor.cosigners)
    except ValueError as error:
        raise ExportFault(
            f"the export's checkpoint is not co-signed as required: {error}"
        ) from None
    parts = [ProvedPart(1, head.size, head.size, _names(verified))]
    newest = head
    tail = section.get("tail")
    if tail is not None:
        newest, cosigners = _check_tail(tail, head, log_keys, pins, whose)
        parts.append(ProvedPart(head.size + 1, newest.size, newest.size, cosigners))
    if root is not None and root not in (head.root_hash, newest.root_hash):
        raise ExportFault("the export's checkpoint is not the one expected (--expect-head)")
    _check_statement(doc, statement.text, head.origin, newest.size)
    proofs = section.get("proofs")
    if not isinstance(proofs, dict):
        raise ExportFault("the export carries no inclusion proofs")
    later = tail.get("proofs") if isinstance(tail, dict) else None
    for item in doc["entries"]:
        if "payload" not in item:
            continue
        if item["sequence"] <= head.size:
            _check_included(Entry(**item), proofs.get(str(item["sequence"])), head)
        elif isinstance(later, dict):
            _check_included(Entry(**item), later.get(str(item["sequence"])), newest)
        else:
            raise ExportFault("has no inclusion proof", item["sequence"])
    return parts


def _names(verified: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted(v.key.name for v in verified if v.key.sig_type == COSIGNATURE_V1))


def _check_tail(
    tail: Any, base: Checkpoint, log_keys: Sequence[VerifierKey], pins: ExportPins, whose: str
) -> tuple[Checkpoint, tuple[str, ...]]:
    """The newest checkpoint, signed by the log and extending the co-signed one, with the
    pinned witnesses that co-signed it too (none is required: it is newer than they saw)."""
    try:
        note = parse_note(str(tail["checkpoint"]).encode())
        hashes = [base64.b64decode(str(h), validate=True) for h in tail["consistency"]]
    except (KeyError, TypeError, ValueError) as error:
        raise ExportFault(f"the export's newest checkpoint is malformed: {error}") from None
    try:
        newest, verified = verify_cosigned(note, log_keys, pins.anchor.witnesses, 0)
    except ValueError as error:
        raise ExportFault(
            f"the export's newest checkpoint is not signed by {whose}: {error}"
        ) from None
    if newest.origin != base.origin or newest.size <= base.size:
        raise ExportFault("the export's newest checkpoint is not a later one of the same log")
    try:
        verify_consistency(base.size, newest.size, base.root_hash, newest.root_hash, hashes)
    except ValueError:
        raise ExportFault(
            f"the newest checkpoint ({newest.size} entries) does not extend the co-signed one "
            f"({base.size} entries)"
        ) from None
    return newest, _names(verified)


def _check_checkpoint(note: Note, log_keys: Sequence[VerifierKey], whose: str) -> Checkpoint:
    try:
        return verify_cosigned(note, log_keys)[0]
    except ValueError as error:
        raise ExportFault(f"the export's checkpoint is not signed by {whose}: {error}") from None


def _expected_root(pins: ExportPins, log_keys: Sequence[VerifierKey], whose: str) -> bytes | None:
    """The root the export's checkpoint must have: the pinned root, or the kept
    checkpoint's, which must itself be signed by the log key in use."""
    if pins.kept is None:
        return pins.root
    try:
        return verify_cosigned(pins.kept, log_keys)[0].root_hash
    except ValueError as error:
        raise ExportFault(f"the checkpoint you kept is not signed by {whose}: {error}") from None


def _check_statement(doc: dict[str, Any], text: str, origin: str, size: int) -> None:
    lines = text.rstrip("\n").split("\n")
    found = doc.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    if len(lines) != 4 or lines[0] != origin or not lines[1].startswith("member-export "):
        raise ExportFault("the log's statement is not about this log's export")
    member = lines[1].removeprefix("member-export ")
    if meta.get("member") != member:
        raise ExportFault(f"the log signed this export for {member}, not {meta.get('member')}")
    if lines[2] != f"size {size}" or len(doc["entries"]) != size:
        raise ExportFault(
            f"the export holds {len(doc['entries'])} entries; the log signed {lines[2]}"
        )
    full = _parse_ranges(lines[3].removeprefix("full "))
    for item in doc["entries"]:
        given = "payload" in item
        if (item["sequence"] in full) != given:
            state = "hidden (given as a link only)" if not given else "not one the log named"
            raise ExportFault(f"an entry of {member} {state}", item["sequence"])


def _check_included(entry: Entry, proof: Any, head: Any) -> None:
    if not isinstance(proof, list):
        raise ExportFault("has no inclusion proof", entry.sequence)
    try:
        hashes = [base64.b64decode(str(h), validate=True) for h in proof]
        leaf = leaf_hash(canonical_entry(entry.sequence, entry.content()))
        verify_inclusion(leaf, entry.sequence - 1, head.size, hashes, head.root_hash)
    except ValueError:
        raise ExportFault("is not in the tree the checkpoint signs", entry.sequence) from None
