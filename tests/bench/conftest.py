"""The benchmarks' smoke tests start servers and load generators: they run when asked for
(`pytest -m bench`, or `ISONOMIA_BENCH_SMOKE=1`), so the normal suite stays fast."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    asked = "bench" in (config.getoption("markexpr") or "") or os.environ.get(
        "ISONOMIA_BENCH_SMOKE"
    )
    if asked:
        return
    skip = pytest.mark.skip(reason="a benchmark's smoke test: run it with -m bench")
    for item in items:
        if item.get_closest_marker("bench") is not None:
            item.add_marker(skip)
