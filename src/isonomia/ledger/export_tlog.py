"""A member's export bound to the transparency log (version 2 of ``isonomia-member-export``).

Version 1 (``export``) carries the hash chain only: a full entry's hash is recomputed, but
an entry redacted to a link cannot be, so a forger may edit a full entry, re-hash it and
re-point the next link. Version 2 adds a ``transparency`` object::

    {"log_key": "<vkey of the union's log>",
     "cosigner_keys": ["<vkey of a council>", ...],
     "checkpoint": "<signed note: the tree of the first `size` entries, with cosignatures>",
     "statement": "<signed note by the log: which member, which size, which entries in full>",
     "proofs": {"<sequence>": ["<base64 hash>", ...], ...}}

Checks: the checkpoint is signed by the carried log key (pin it with the checkpoint's root,
given by the verifier: ``pinned_root``); each full entry's canonical bytes are in the tree
(RFC 9162 inclusion proof at index sequence - 1); the log's statement names the export's
member (a relabelled export fails), its size (a truncated export fails) and the entries
given in full (an entry of the member turned into a link fails, named).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

from isonomia.ledger.chain import Entry, canonical_entry
from isonomia.ledger.merkle import MerkleTree, leaf_hash, verify_inclusion
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    Note,
    VerifierKey,
    parse_checkpoint,
    parse_note,
    verify_checkpoint,
    verify_note,
)

__all__ = ["TLOG_EXPORT_VERSION", "ExportFault", "attach", "statement_text", "verify_tlog"]

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


def attach(
    doc: dict[str, Any],
    tree: MerkleTree,
    checkpoint: Note,
    statement: Note,
    log_key: VerifierKey,
    cosigner_keys: Iterable[VerifierKey],
) -> dict[str, Any]:
    """Make ``doc`` (a version-1 export of the first ``size`` entries) a version-2 export."""
    size = parse_checkpoint(checkpoint.text).size
    proofs = {
        str(item["sequence"]): [
            base64.b64encode(h).decode() for h in tree.inclusion_proof(item["sequence"] - 1, size)
        ]
        for item in doc["entries"]
        if "payload" in item
    }
    return {
        **doc,
        "version": TLOG_EXPORT_VERSION,
        "transparency": {
            "log_key": log_key.encode(),
            "cosigner_keys": [key.encode() for key in cosigner_keys],
            "checkpoint": checkpoint.encode().decode(),
            "statement": statement.encode().decode(),
            "proofs": proofs,
        },
    }


def verify_tlog(doc: dict[str, Any], pinned_root: bytes | None = None) -> list[str]:
    """Check the ``transparency`` object of a version-2 export whose chain has verified.
    Returns the names of the councils whose cosignatures verified; raises ``ExportFault``."""
    section = doc.get("transparency")
    if not isinstance(section, dict):
        raise ExportFault("a version-2 export carries a transparency object")
    try:
        log_key = VerifierKey.parse(str(section["log_key"]))
        cosigners = [VerifierKey.parse(str(k)) for k in section.get("cosigner_keys", [])]
        note = parse_note(str(section["checkpoint"]).encode())
        head, verified = verify_checkpoint(note, [log_key, *cosigners])
        statement = parse_note(str(section["statement"]).encode())
        verify_note(statement, [log_key])
    except (KeyError, TypeError, ValueError) as error:
        raise ExportFault(
            f"the export's checkpoint or statement does not verify: {error}"
        ) from None
    if pinned_root is not None and head.root_hash != pinned_root:
        raise ExportFault("the export's checkpoint is not the one expected (--expect-head)")
    _check_statement(doc, statement.text, head.origin, head.size)
    proofs = section.get("proofs")
    if not isinstance(proofs, dict):
        raise ExportFault("the export carries no inclusion proofs")
    for item in doc["entries"]:
        if "payload" in item:
            _check_included(Entry(**item), proofs.get(str(item["sequence"])), head)
    return [v.key.name for v in verified if v.key.sig_type == COSIGNATURE_V1]


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
