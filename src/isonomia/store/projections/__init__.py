"""Read models: SQL tables kept in step with the ledger, for queries and pages.

Each area keeps its read tables and their projectors in a module named after it; this
package holds the registry they fill and the operations over all of them. Each event
updates the read tables in the same transaction as its append, so readers never see one
without the other. The tables hold nothing the ledger does not: `rebuild` empties them
and replays the whole ledger, and a test shows the result equals the live tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import Event, event_from_record
from isonomia.ledger.chain import Entry
from isonomia.store.ledger_store import read_entries
from isonomia.store.projections import (  # noqa: F401  (each registers its projectors)
    appeals,
    competences,
    departments,
    directives,
    inspection,
    languages,
    membership,
    motions,
    offices,
    organs,
    principals,
    secessions,
)
from isonomia.store.projections.registry import PROJECTORS, VIEW_TABLES, projects

__all__ = [
    "PROJECTORS",
    "VIEW_TABLES",
    "apply",
    "apply_entries",
    "event_of",
    "fingerprint",
    "projects",
    "rebuild",
    "snapshot",
]


def apply(conn: Connection, sequence: int, event: Event) -> None:
    """Update the read tables for one event."""
    projectors = PROJECTORS.get(type(event))
    if not projectors:
        raise TypeError(f"no projection for {type(event).__name__}")
    for projector in projectors:
        projector(conn, sequence, event)


def event_of(entry: Entry) -> Event:
    return event_from_record(entry.event_type, entry.schema_version, entry.payload)


def apply_entries(conn: Connection, entries: Iterable[Entry]) -> None:
    for entry in entries:
        apply(conn, entry.sequence, event_of(entry))


def rebuild(conn: Connection, progress: Callable[[int], None] | None = None) -> int:
    """Empty the read tables and replay the whole ledger into them; returns entries replayed.

    `progress` hears the sequence number reached, for a progress bar."""
    for table in VIEW_TABLES:
        conn.execute(sa.delete(table))
    replayed = 0
    for entry in read_entries(conn):
        apply(conn, entry.sequence, event_of(entry))
        replayed += 1
        if progress is not None:
            progress(entry.sequence)
    return replayed


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read table, in key order: for comparing live and rebuilt state."""
    return {
        table.name: [
            tuple(row)
            for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
        ]
        for table in VIEW_TABLES
    }


def fingerprint(conn: Connection, batch: int = 10_000) -> dict[str, str]:
    """A digest of every read table's rows in key order, read a batch at a time: compares
    like `snapshot` without holding a large record's tables in memory."""
    digests: dict[str, str] = {}
    for table in VIEW_TABLES:
        digest = hashlib.sha256()
        query = sa.select(table).order_by(*table.primary_key.columns)
        result = conn.execute(query.execution_options(yield_per=batch))
        for rows in result.partitions():
            for row in rows:
                digest.update(repr(tuple(row)).encode("utf-8"))
                digest.update(b"\n")
        digests[table.name] = digest.hexdigest()
    return digests
