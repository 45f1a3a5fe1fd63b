"""How ledger entries are shown: the list, one entry in full, and which entries concern a
member (for `ledger show --member`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table

from isonomia.cli.i18n import N_, _

#: A ledger entry as the service yields it (interfaces do not import the ledger itself).
Entry = Any

#: What a reader who may not see an entry's case is told in its place.
SEALED_ENTRY = N_(
    "sealed (P17): this entry belongs to a case seen only by its commission, its parties, "
    "its defender and the inspection; give --key FILE to read it as one of them"
)

#: The fields of an entry, in the order of the CSV header and the JSON object.
ENTRY_FIELDS = [
    "sequence",
    "recorded_at",
    "actor",
    "command_id",
    "event_type",
    "schema_version",
    "payload",
    "prev_hash",
    "hash",
]


def _mentions(value: Any, member: str) -> bool:
    if isinstance(value, str):
        return value == member
    if isinstance(value, dict):
        return any(k == member or _mentions(v, member) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_mentions(v, member) for v in value)
    return False


def concerns(entry: Entry, member: str) -> bool:
    """Whether an entry names the member: as its actor's body or anywhere in its payload
    (a sealed entry names nobody)."""
    if entry.actor is None:
        return False
    return entry.actor.rpartition(":")[2] == member or _mentions(entry.payload, member)


def ledger_table(entries: Sequence[Entry]) -> Table:
    table = Table(title=_("Ledger"), title_justify="left")
    for column in ("#", _("recorded"), _("actor"), _("event"), _("hash")):
        table.add_column(column, overflow="fold")
    for entry in entries:
        actor = _("sealed") if entry.actor is None else entry.actor
        table.add_row(
            str(entry.sequence), entry.recorded_at, actor, entry.event_type, entry.hash[:16]
        )
    return table


def entry_text(entry: Entry) -> str:
    """One entry in full, as plain text, its labels in the chosen language; a sealed one
    with its leaf's hash in place of who signed it and what it says."""
    sealed = entry.actor is None
    payload = json.dumps(entry.payload, ensure_ascii=False, indent=2, sort_keys=True)
    hidden = [(_("leaf hash"), entry.leaf_hash)] if sealed else []
    fields = [
        (_("recorded"), entry.recorded_at),
        *([] if sealed else [(_("actor"), entry.actor), (_("command id"), entry.command_id)]),
        (
            _("event"),
            _(
                "{event} (schema version {version})",
                event=entry.event_type,
                version=entry.schema_version,
            ),
        ),
        (_("previous hash"), entry.prev_hash),
        (_("hash"), entry.hash),
        *hidden,
    ]
    width = max(len(label) for label, _value in fields) + 3
    return "\n".join(
        [
            _("entry {sequence}", sequence=entry.sequence),
            *(f"  {(label + ':').ljust(width)}{value}" for label, value in fields),
            *(
                ["  " + _(SEALED_ENTRY)]
                if sealed
                else ["  " + _("payload") + ":", *(f"    {line}" for line in payload.splitlines())]
            ),
        ]
    )
