"""A stored payload must be the canonical text its hash was taken over: one re-spelled with
the same JSON meaning is reported even when its hash was recomputed over the new text, so
verification that hashes the stored bytes accepts nothing the re-encoding check refused."""

from __future__ import annotations

import hashlib
import json

import pytest
import sqlalchemy as sa

from isonomia.ledger import NewEntry
from isonomia.store import Database, append, read_entries, verify
from isonomia.store.ledger_store import BrokenRecord

PAYLOAD = {"motion": 5, "choice": "yes", "note": "მხარს ვუჭერ", "weight": 0.5}


def new_entry(i: int) -> NewEntry:
    return NewEntry("2024-03-01T12:00:00Z", "საქართველო", f"cmd-{i}", "VoteCast", 1, PAYLOAD)


@pytest.mark.parametrize(
    "respelled",
    [
        json.dumps(PAYLOAD, ensure_ascii=False),  # whitespace after separators
        json.dumps(PAYLOAD, separators=(",", ":"), ensure_ascii=False),  # keys unsorted
        json.dumps(PAYLOAD, sort_keys=True, separators=(",", ":")),  # non-ASCII escaped
        '{"choice":"yes","motion":5,"note":"მხარს ვუჭერ","weight":5e-1}',  # number re-spelled
        '{"choice":"no","choice":"yes","motion":5,"note":"მხარს ვუჭერ","weight":0.5}',
    ],
)
def test_p18_a_payload_respelled_is_reported_even_with_its_hash_recomputed(
    database: Database, respelled: str
) -> None:
    with database.writing() as conn:
        append(conn, [new_entry(i) for i in range(1, 6)])
    drop = {
        "sqlite": "DROP TRIGGER ledger_refuse_update",
        "postgresql": "DROP TRIGGER ledger_refuse_update ON ledger",
    }[database.dialect_name]
    with database.writing() as conn:
        prev = conn.execute(sa.text("SELECT prev_hash FROM ledger WHERE sequence = 5")).scalar()
        spelled = (
            '{"actor":"საქართველო","command_id":"cmd-5","event_type":"VoteCast",'
            f'"payload":{respelled},"recorded_at":"2024-03-01T12:00:00Z",'
            '"schema_version":1,"sequence":5}'
        ).encode()
        forged = hashlib.sha256(bytes.fromhex(prev) + spelled).hexdigest()
        conn.execute(sa.text(drop))
        conn.execute(
            sa.text("UPDATE ledger SET payload = :p, hash = :h WHERE sequence = 5"),
            {"p": respelled, "h": forged},
        )
    with database.reading() as conn:
        report = verify(conn)
        assert (report.ok, report.count, report.broken_at) == (False, 4, 5)
        with pytest.raises(BrokenRecord) as broken:
            list(read_entries(conn))
    assert broken.value.sequence == 5


def test_an_untouched_ledger_verifies_by_its_stored_bytes(database: Database) -> None:
    with database.writing() as conn:
        entries = append(conn, [new_entry(i) for i in range(1, 6)])
    with database.reading() as conn:
        report = verify(conn)
        read = list(read_entries(conn))
    assert (report.ok, report.count, report.head) == (True, 5, entries[-1].hash)
    assert read == entries
