"""The hash chain: entries, their canonical form, their hashes, and linking new entries.

``hash(n) = sha256(bytes.fromhex(hash(n - 1)) || canonical_entry(n))`` with
``hash(0) = GENESIS_HASH``. The canonical entry covers the sequence number and every
field except the hashes themselves, so moving, editing or dropping an entry changes
every hash after it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from isonomia.ledger.canonical import canonical_json, parse_json

__all__ = [
    "GENESIS_HASH",
    "Entry",
    "NewEntry",
    "canonical_entry",
    "check_fields",
    "entry_hash",
    "link",
    "spell_entry",
]

GENESIS_HASH = "0" * 64

# The timestamp is hashed as the exact string given, so one spelling per instant is
# enforced: UTC with a literal "Z" (not "+00:00"), optional fractional seconds.
_RECORDED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z")
_HEX64 = re.compile(r"[0-9a-f]{64}")
# What a JSON string must escape: with none of these, '"' + text + '"' is its RFC 8785 form.
_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def check_fields(
    recorded_at: str, actor: str, command_id: str, event_type: str, schema_version: int
) -> None:
    """Raise ``ValueError`` unless an entry's fields (all but its payload) are well formed."""
    if not isinstance(recorded_at, str) or not _RECORDED_AT.fullmatch(recorded_at):
        raise ValueError(
            f"recorded_at must be ISO-8601 UTC like 2024-03-01T12:00:00Z, got {recorded_at!r}"
        )
    for name, value in (("actor", actor), ("command_id", command_id), ("event_type", event_type)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty string")
    if isinstance(schema_version, bool) or not isinstance(schema_version, int):
        raise ValueError("schema_version must be an integer")
    if schema_version < 1:
        raise ValueError("schema_version must be at least 1")


@dataclass(frozen=True)
class NewEntry:
    """An event to be appended; the caller supplies the time (the ledger reads no clock)."""

    recorded_at: str
    actor: str
    command_id: str
    event_type: str
    schema_version: int
    payload: Mapping[str, Any]

    def __post_init__(self) -> None:
        check_fields(
            self.recorded_at, self.actor, self.command_id, self.event_type, self.schema_version
        )
        if not isinstance(self.payload, Mapping):
            raise ValueError("payload must be a JSON object (a mapping)")


@dataclass(frozen=True)
class Entry:
    """An entry as stored: its position in the chain, its fields and its two hashes."""

    sequence: int
    recorded_at: str
    actor: str
    command_id: str
    event_type: str
    schema_version: int
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def content(self) -> NewEntry:
        """The hashed fields of this entry, without its position and hashes."""
        return NewEntry(
            recorded_at=self.recorded_at,
            actor=self.actor,
            command_id=self.command_id,
            event_type=self.event_type,
            schema_version=self.schema_version,
            payload=self.payload,
        )


def canonical_entry(sequence: int, new_entry: NewEntry) -> bytes:
    """The bytes that are hashed for an entry at ``sequence``."""
    return canonical_json(
        {
            "sequence": sequence,
            "recorded_at": new_entry.recorded_at,
            "actor": new_entry.actor,
            "command_id": new_entry.command_id,
            "event_type": new_entry.event_type,
            "schema_version": new_entry.schema_version,
            "payload": new_entry.payload,
        }
    )


def spell_entry(
    sequence: int,
    recorded_at: str,
    actor: str,
    command_id: str,
    event_type: str,
    schema_version: int,
    payload_text: str,
) -> bytes | None:
    """``canonical_entry``'s bytes spelled from the fields and the payload's *text*, without
    encoding the payload again: equal to ``canonical_entry`` when ``payload_text`` is the
    payload's canonical form. None when a text field needs escaping (or is not UTF-8);
    ``canonical_entry`` is then the way.

    Each text field is spelled as one JSON string (nothing escaped, nothing to escape), so
    bytes spelled from different fields never coincide: when the spelling hashes to an
    entry's chain hash, the fields and payload text are exactly those the hash covered.
    """
    texts = actor + command_id + event_type + recorded_at
    if _ESCAPED.search(texts) is not None:
        return None
    try:
        return (
            f'{{"actor":"{actor}","command_id":"{command_id}","event_type":"{event_type}",'
            f'"payload":{payload_text},"recorded_at":"{recorded_at}",'
            f'"schema_version":{int(schema_version)},"sequence":{int(sequence)}}}'
        ).encode()
    except UnicodeEncodeError:
        return None


def entry_hash(prev_hash: str, canonical: bytes) -> str:
    """Hex sha256 of the previous hash's 32 raw bytes followed by the canonical entry."""
    if not _HEX64.fullmatch(prev_hash):
        raise ValueError(f"prev_hash must be 64 lowercase hex digits, got {prev_hash!r}")
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical).hexdigest()


def link(after_sequence: int, after_hash: str, new_entries: Sequence[NewEntry]) -> list[Entry]:
    """Number and chain ``new_entries`` after the entry ``(after_sequence, after_hash)``.

    Use ``(0, GENESIS_HASH)`` for an empty ledger. Payloads are copied through canonical
    JSON, so the returned entries hold exactly what the hash covers (and a payload that
    JSON cannot carry exactly is refused here, before anything is stored).
    """
    entries: list[Entry] = []
    prev_hash = after_hash
    for offset, new_entry in enumerate(new_entries, start=1):
        sequence = after_sequence + offset
        canonical = canonical_entry(sequence, new_entry)
        digest = entry_hash(prev_hash, canonical)
        entries.append(
            Entry(
                sequence=sequence,
                recorded_at=new_entry.recorded_at,
                actor=new_entry.actor,
                command_id=new_entry.command_id,
                event_type=new_entry.event_type,
                schema_version=new_entry.schema_version,
                payload=_plain_payload(new_entry.payload),
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    return entries


def _plain_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = parse_json(canonical_json(payload))
    return result
