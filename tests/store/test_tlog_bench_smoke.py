"""The transparency log's benchmark (`bench/tlog_bench.py`) runs end to end on a tiny ledger:
its bulk-built entries and stored tree verify, and every measure is reported."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "tlog_bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tlog_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_p18_the_bulk_built_ledger_and_its_stored_tree_verify_and_every_measure_is_reported(
    tmp_path: Path,
) -> None:
    bench = _bench()
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    bench.build(url, 2_345)
    rows = bench.measure(url, 2_345)
    assert len(rows) == 9
    assert all(verdict in ("met", "missed", "—") for *_, verdict in rows)
    assert rows[-1][0].startswith("new checkpoint")
