"""Persistence: SQLAlchemy tables, the serialized writer, the stored ledger, migrations."""

from isonomia.store import accounts, checkpoints, merkle_nodes, node_records, outbox, snapshots
from isonomia.store.db import Database, resolve_url
from isonomia.store.ledger_store import (
    NotWritingError,
    StoredPayloadError,
    append,
    head,
    read_entries,
    verify,
)
from isonomia.store.tables import ledger, metadata

__all__ = [
    "Database",
    "NotWritingError",
    "StoredPayloadError",
    "accounts",
    "append",
    "checkpoints",
    "head",
    "ledger",
    "merkle_nodes",
    "metadata",
    "node_records",
    "outbox",
    "read_entries",
    "resolve_url",
    "snapshots",
    "verify",
]
