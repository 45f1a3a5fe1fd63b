"""A founded 1922 union with two councils' keys registered, and ways to tamper with its
record behind isonomia's back (for the transparency log's tests)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import sqlalchemy as sa

from builders import example_1922, found, union_1922
from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.chain import GENESIS_HASH, Entry, NewEntry, link
from isonomia.service import Federation, Keyring, at_day, provide_key

FOUNDED = date(1922, 12, 30)
WITNESSES = ("ukraine", "armenia")


def founded(url: str, keyring: Keyring) -> Federation:
    federation = Federation(url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(FOUNDED))
    federation.execute(found(union_1922(), signed_in=federation))
    for member in WITNESSES:
        provide_key(federation, keyring, f"council:{member}", member, at_day(date(1923, 1, 2)))
    return federation


def log_key_beside(federation: Federation, keyring: Keyring) -> None:
    """Keep the union's log key beside its SQLite file (``FILE.keys``), where a server that
    holds no keyring of its own finds it to sign members' exports."""
    folder = federation.keyring_folder()
    assert folder is not None
    folder.mkdir(exist_ok=True)
    shutil.copy(keyring.path("log"), folder / Keyring.file_name("log"))


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


def forge(
    url: str, change: Callable[[list[NewEntry]], list[NewEntry]], in_place: bool = False
) -> None:
    """Rewrite the ledger as ``change`` makes its entries' contents, re-hashing the whole
    chain so it verifies again, and move the verified head along; the Merkle nodes are left
    as they were. With ``in_place``, the rows are written over in place (SQLite's ``INSERT OR
    REPLACE``, PostgreSQL's ``INSERT ... ON CONFLICT DO UPDATE``) instead of deleted and
    inserted again."""
    engine = unguarded(url)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        if sqlite:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS ledger_check_clock")
        old = _rows(conn)
        new = link(0, GENESIS_HASH, change([e.content() for e in old]))
        if not in_place:
            conn.exec_driver_sql("DELETE FROM ledger")
        elif len(new) < len(old):
            conn.execute(sa.text("DELETE FROM ledger WHERE sequence > :n"), {"n": len(new)})
        verb = "INSERT OR REPLACE" if sqlite and in_place else "INSERT"
        upsert = "" if sqlite or not in_place else _ON_CONFLICT
        for entry in new:
            conn.execute(
                sa.text(f"{verb} INTO ledger ({_COLUMNS}) VALUES ({_VALUES}){upsert}"),
                _values(entry),
            )
        conn.execute(
            sa.text("UPDATE verified_head SET sequence = :s, hash = :h"),
            {"s": new[-1].sequence, "h": new[-1].hash},
        )
    engine.dispose()


_NAMES = (
    "sequence",
    "recorded_at",
    "actor",
    "command_id",
    "event_type",
    "schema_version",
    "payload",
    "prev_hash",
    "hash",
)
_COLUMNS = ", ".join(_NAMES)
_VALUES = ", ".join(f":{name}" for name in _NAMES)
_ON_CONFLICT = " ON CONFLICT (sequence) DO UPDATE SET " + ", ".join(
    f"{name} = EXCLUDED.{name}" for name in _NAMES[1:]
)


def _values(entry: Entry) -> dict[str, object]:
    values = {name: getattr(entry, name) for name in _NAMES}
    values["payload"] = canonical_json(entry.payload).decode()
    return values
