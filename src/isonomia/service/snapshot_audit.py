"""Checking the stored snapshots against the ledger: a snapshot is a cache, but a write
decides on the state it holds, so an inspector must be able to tell one that was edited.

`ledger verify` folds the whole ledger from its first entry and compares each stored
snapshot that would be used (of this format, at an entry whose hash it names, its levels
there) with the fold at that entry. One that differs was edited behind isonomia's back
(P18): the check names it, and `projections rebuild` drops every snapshot, so the next
writes fold from the ledger and store new ones.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import FederationState, evolve
from isonomia.domain.refusal import N_
from isonomia.store import ledger_store, snapshots, state_levels
from isonomia.store.projections import event_of

__all__ = ["SNAPSHOT_DIFFERS", "check", "drop"]

SNAPSHOT_DIFFERS = N_(
    "the stored snapshot at entry {sequence} differs from the ledger: it was edited; "
    "run `isonomia projections rebuild` to drop it"
)


def check(conn: Connection, progress: Callable[[int], None] | None = None) -> int | None:
    """The entry of the first usable snapshot that differs from the fold, or None."""
    stored = conn.execute(
        sa.select(snapshots.state_snapshot.c.sequence).where(
            snapshots.state_snapshot.c.format == snapshots.FORMAT
        )
    ).scalars()
    wanted = {int(sequence) for sequence in stored}
    if not wanted:
        return None
    state = FederationState()
    for entry in ledger_store.read_entries(conn):
        state = evolve(state, event_of(entry))
        if progress is not None:
            progress(entry.sequence)
        if entry.sequence in wanted:
            found = snapshots.latest(conn, entry.sequence)
            if found is not None and found[0] == entry.sequence and found[1] != state:
                return entry.sequence
            wanted.discard(entry.sequence)
            if not wanted:
                break
    return None


def drop(conn: Connection) -> None:
    """Forget every stored snapshot and level: the next writes fold from the ledger."""
    conn.execute(sa.delete(snapshots.state_snapshot))
    conn.execute(sa.delete(state_levels.state_level))
