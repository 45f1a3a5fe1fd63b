"""The HTTP benchmark runs: a tiny union on SQLite, its votes signed ahead, served by one
uvicorn worker with the pipeline timed, loaded by locust for a couple of seconds; every
201 answer is a vote in the record, once, and the ledger verifies."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import http_bench  # noqa: E402

pytestmark = pytest.mark.bench


def test_votes_posted_by_locust_are_each_recorded_once_and_the_ledger_verifies(
    tmp_path: Path,
) -> None:
    plan = http_bench.Plan(members=3, users=3, seconds=3, rate=20, pg_url=http_bench.PG_URL)
    timing = tmp_path / "timing"
    timing.mkdir()
    run = http_bench.one_run("sqlite", 1, plan, timing)
    assert run.ok > 0
    assert run.other == {}
    assert run.in_record == run.ok
    assert run.same_ids
    assert run.verified
    [written] = timing.glob("timing-*.json")
    steps = json.loads(written.read_text(encoding="utf-8"))
    assert len(steps["request"]) == run.ok
    assert {"signature", "fold", "ledger append", "projection"} <= set(steps)
    assert list(timing.glob("profile-*.prof"))
    assert run.row().startswith("| sqlite | 1 | 3 |")
