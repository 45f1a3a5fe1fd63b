"""Fixtures the browser tests share, built once per test process: one Chromium, and the
union holding a sealed case with its live server (only read)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_world import LiveServer, chromium
from journey_world import World, case_union, fixed_moment

from isonomia.service import Keyring
from isonomia.service.clock import FixedClock, use_clock


@pytest.fixture(scope="session")
def shared_browser() -> Iterator[Any]:
    """Chromium, launched once for every browser test of the process: Playwright's sync API
    allows one running instance at a time."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def case_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("case-world")
    keyring = Keyring(folder / "keys", provision=True)
    with use_clock(FixedClock(fixed_moment())):
        federation = case_union(folder, keyring)
    try:
        with LiveServer(federation.db.url) as server:
            yield World(federation, keyring, server)
    finally:
        federation.close()
