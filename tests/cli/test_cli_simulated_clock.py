"""Every command's output says when a union's clock is simulated (P18)."""

from __future__ import annotations

from pathlib import Path

from cli_world import founded, invoke, ok

NOTE = "simulated clock: dates asserted, not witnessed"


def test_p18_queries_and_writes_say_the_clock_is_simulated(tmp_path: Path) -> None:
    db = founded(tmp_path)
    for query in (["members"], ["presidency"], ["organ", "list"], ["session", "list"]):
        assert NOTE in ok(invoke(*query, "--db", db, "--on", "2026-02-01")), query
    written = ok(invoke("settle", "--db", db, "--at", "2026-02-01"))
    assert NOTE in written
    assert NOTE in ok(invoke("ledger", "verify", "--db", db))
    assert NOTE not in ok(invoke("members", "--db", db, "--on", "2026-02-01", "--json"))
