"""An insider's forgery for the nodes' tests: an entry appended to the union's ledger by
SQL, chained and hashed so the chain verifies, that no signed command derives."""

from __future__ import annotations

import sqlalchemy as sa

from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.chain import NewEntry, link
from tlog_world import unguarded


def plant_secession(url: str, member: str = "ukraine") -> int:
    """Append a `SecessionDecided` of ``member`` nobody signed; returns its sequence."""
    engine = unguarded(url)
    with engine.begin() as conn:
        row = conn.execute(
            sa.text("SELECT sequence, hash, recorded_at FROM ledger ORDER BY sequence DESC LIMIT 1")
        ).one()
        planted = NewEntry(
            recorded_at=str(row[2]),
            actor=f"congress:{member}",
            command_id="planted",
            event_type="SecessionDecided",
            schema_version=1,
            payload={
                "member": member,
                "congress": f"congress:{member}",
                "decided_on": "1923-01-02",
                "effective_on": "1923-07-02",
            },
        )
        [linked] = link(int(row[0]), str(row[1]), [planted])
        conn.execute(
            sa.text(
                "INSERT INTO ledger (sequence, recorded_at, actor, command_id, event_type, "
                "schema_version, payload, prev_hash, hash) VALUES (:s, :r, :a, :c, :e, :v, :p, "
                ":ph, :h)"
            ),
            {
                "s": linked.sequence,
                "r": linked.recorded_at,
                "a": linked.actor,
                "c": linked.command_id,
                "e": linked.event_type,
                "v": linked.schema_version,
                "p": canonical_json(linked.payload).decode(),
                "ph": linked.prev_hash,
                "h": linked.hash,
            },
        )
        conn.execute(
            sa.text("UPDATE verified_head SET sequence = :s, hash = :h"),
            {"s": linked.sequence, "h": linked.hash},
        )
    engine.dispose()
    return linked.sequence
