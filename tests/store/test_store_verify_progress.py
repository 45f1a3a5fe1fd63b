"""Long verifications report their progress, for the progress bar people watch."""

from __future__ import annotations

from isonomia.ledger.chain import NewEntry
from isonomia.store import ledger_store
from isonomia.store.db import Database


def test_verify_reports_progress_every_thousand_entries(database: Database) -> None:
    entry = NewEntry("1923-01-01T00:00:00Z", "secretariat", "c", "Noted", 1, {"n": 1})
    with database.writing() as conn:
        ledger_store.append(conn, [entry] * 2500)
    seen: list[int] = []
    with database.reading() as conn:
        report = ledger_store.verify(conn, seen.append)
    assert report.ok and report.count == 2500
    assert seen == [1000, 2000]
