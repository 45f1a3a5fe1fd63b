"""A founded 1922 union with two councils' keys registered, and ways to tamper with its
record behind isonomia's back (for the transparency log's tests)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import sqlalchemy as sa

from builders import found, union_1922
from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.chain import GENESIS_HASH, Entry, link
from isonomia.service import Federation, Keyring, at_day, example_charter

FOUNDED = date(1922, 12, 30)
WITNESSES = ("ukraine", "armenia")


def founded(url: str, keyring: Keyring) -> Federation:
    federation = Federation(url, signer=keyring)
    federation.initialize(example_charter("union-1922"), clock="simulated", at=at_day(FOUNDED))
    federation.execute(found(union_1922(), signed_in=federation))
    for member in WITNESSES:
        federation.provide_key(keyring, f"council:{member}", member, at_day(date(1923, 1, 2)))
    return federation


def unguarded(url: str) -> sa.Engine:
    """An engine on the database with the ledger's guards switched off, as an intruder with
    the database's own rights would do."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            for name in ("ledger_refuse_update", "ledger_refuse_delete", "ledger_check_link"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS ledger_refuse_replace")
        else:
            conn.exec_driver_sql("ALTER TABLE ledger DISABLE TRIGGER USER")
    return engine


def _rows(conn: sa.Connection) -> list[Entry]:
    rows = conn.exec_driver_sql(
        "SELECT sequence, recorded_at, actor, command_id, event_type, schema_version, "
        "payload, prev_hash, hash FROM ledger ORDER BY sequence"
    ).all()
    return [
        Entry(int(r[0]), r[1], r[2], r[3], r[4], int(r[5]), json.loads(r[6]), r[7], r[8])
        for r in rows
    ]


def rewrite(url: str, sequence: int) -> None:
    """Change entry ``sequence`` (its command id) and re-hash every entry after it, so the
    hash chain verifies again; the verified head is moved along."""
    engine = unguarded(url)
    with engine.begin() as conn:
        entries = _rows(conn)
        before = entries[sequence - 2] if sequence > 1 else None
        forged = replace(entries[sequence - 1].content(), command_id="forged")
        tail = [forged, *(e.content() for e in entries[sequence:])]
        relinked = link(sequence - 1, before.hash if before else GENESIS_HASH, tail)
        for entry in relinked:
            conn.execute(
                sa.text(
                    "UPDATE ledger SET command_id = :c, payload = :p, prev_hash = :ph, "
                    "hash = :h WHERE sequence = :s"
                ),
                {
                    "c": entry.command_id,
                    "p": canonical_json(entry.payload).decode(),
                    "ph": entry.prev_hash,
                    "h": entry.hash,
                    "s": entry.sequence,
                },
            )
        last = relinked[-1]
        conn.execute(
            sa.text("UPDATE verified_head SET sequence = :s, hash = :h"),
            {"s": last.sequence, "h": last.hash},
        )
    engine.dispose()


def truncate(url: str, keep: int) -> None:
    """Drop every entry after ``keep``, and the verified head with them."""
    engine = unguarded(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM ledger WHERE sequence > :k"), {"k": keep})
        conn.exec_driver_sql("DELETE FROM verified_head")
    engine.dispose()
