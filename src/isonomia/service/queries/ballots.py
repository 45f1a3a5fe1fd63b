"""A delegate's own votes as the record holds them (P4, P18): for each, the entry that
recorded it, so the ballot page can show the entry's number and hash and, once a checkpoint
covers it, link its inclusion proof."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.tables import ledger

__all__ = ["CastVoteEntry", "votes_cast"]


@dataclass(frozen=True)
class CastVoteEntry:
    motion: str
    item: str  # "" for the motion, else the amendment's id
    member: str
    vote: str
    sequence: int
    hash: str
    recorded_at: str


def votes_cast(federation: Federation, principal: str) -> list[CastVoteEntry]:
    """The votes `principal` (a `person:…`) cast, each with the entry that recorded it, in
    the ledger's order."""
    query = (
        sa.select(ledger.c.sequence, ledger.c.hash, ledger.c.recorded_at, ledger.c.payload)
        .where(ledger.c.event_type == "VoteCast", ledger.c.actor == principal)
        .order_by(ledger.c.sequence)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    found = []
    for row in rows:
        payload = json.loads(row.payload)
        found.append(
            CastVoteEntry(
                motion=str(payload.get("motion", "")),
                item=str(payload.get("item", "")),
                member=str(payload.get("member", "")),
                vote=str(payload.get("vote", "")),
                sequence=int(row.sequence),
                hash=str(row.hash),
                recorded_at=str(row.recorded_at),
            )
        )
    return found
