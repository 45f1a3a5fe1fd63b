"""The start-up benchmark runs: paired reads against the import floor, with the imports of
each read named, and the power benchmark's earlier-tree rows answer like this tree's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "cli"))

from cli_world import founded  # noqa: E402

import run  # noqa: E402
import startup_bench  # noqa: E402

pytestmark = pytest.mark.bench


def test_reads_are_timed_against_the_floor_and_their_imports_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = founded(tmp_path)
    monkeypatch.setattr(sys, "argv", ["startup_bench.py", "--db", db, "--runs", "1"])
    startup_bench.main()
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [
        "isonomia members",
        "isonomia presidency",
        "isonomia appeal list",
    ]
    assert all("numpy" not in row.split("|")[-2] for row in rows)


def test_the_earlier_tree_runs_the_same_power_calls() -> None:
    assert run.power_job("banzhaf", run.BEFORE, 40) == run.power_job("banzhaf", "isonomia", 40)
