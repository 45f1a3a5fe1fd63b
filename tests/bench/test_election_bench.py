"""The election benchmark runs: a small election's record built (signed union, call and
candidates; ballots through the rules and the store's append), counted through the service
on a copy with the time split into its parts, and the peers agreeing on the elected."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import election_bench  # noqa: E402

pytestmark = pytest.mark.bench


@pytest.mark.parametrize("method", ["stv", "schulze"])
def test_a_small_election_is_built_counted_in_the_record_and_timed_by_parts(
    tmp_path: Path, method: str
) -> None:
    ballots = election_bench.rankings(600, 5)
    record, keys = tmp_path / "record.sqlite", tmp_path / "keys"
    election_bench.build(record, keys, method, ballots, 5)
    split = election_bench.count_once(record, keys, tmp_path)
    assert split.total > 0 and split.reading > 0 and split.engine > 0 and split.appending > 0
    assert split.reading + split.count + split.appending <= split.total
    assert len(split.elected) == election_bench.METHODS[method][1]
    for who, (seconds, elected) in election_bench.peers(method, ballots, 5).items():
        assert seconds > 0
        assert elected == split.elected, who
