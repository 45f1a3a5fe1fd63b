"""The node lag benchmark runs: a tiny union on SQLite served by one uvicorn worker, a
member's node following it with `node follow`, signed votes posted at a set rate with a
simulated follower polling beside it; every vote answered 201 is seen in the node's own
database, and the whole feed is then served in bulk to one and to ten followers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import node_lag_bench  # noqa: E402

pytestmark = pytest.mark.bench


def test_every_vote_answered_reaches_the_following_node_and_the_feed_is_served_in_bulk(
    tmp_path: Path,
) -> None:
    plan = node_lag_bench.Plan("sqlite", 1, 10.0, 2.0, 0.2, 3, node_lag_bench.PG_URL)
    lag = node_lag_bench.lag_run(plan, 1, tmp_path)
    assert lag.voted > 0
    assert lag.held == lag.voted
    assert all(seconds >= 0 for seconds in lag.lags)
    assert lag.row().startswith("| sqlite | 1 | 1 |")
    rows = node_lag_bench.bulk_rows(plan, tmp_path)
    assert [r.split(" | ")[2] for r in rows] == ["1", "10"]
