"""Fixtures of the web tests: a founded union with its keys, and the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from builders import example_1922, found, union_1922
from isonomia.service import Federation, Keyring, at_day
from isonomia.web.app import create_app


def founded_union(url: str, keyring: Keyring) -> Federation:
    """The 1922 union, founded, on a simulated clock, its keys in `keyring`."""
    federation = Federation(url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    return federation


@pytest.fixture
def union(tmp_path, keyring: Keyring) -> Iterator[Federation]:
    """A founded union on a SQLite file."""
    federation = founded_union(f"sqlite:///{tmp_path / 'union.db'}", keyring)
    yield federation
    federation.close()


@pytest.fixture
def client(union: Federation) -> Iterator[TestClient]:
    """A client of the web app over `union`."""
    with TestClient(create_app(union.db.url)) as test_client:
        yield test_client


def key_id_of(keyring: Keyring, principal: str) -> str:
    """The key id of `principal`'s key in the keyring."""
    from isonomia.ledger.keys import key_id

    key = keyring.key_for(principal)
    assert key is not None, principal
    return key_id(key.public_key())


@pytest.fixture
def secretariat_token(union: Federation, keyring: Keyring) -> str:
    """An API token of an executive account acting for the secretariat, made by proving
    the secretariat's key."""
    from isonomia.service import Accounts

    accounts = Accounts(union)
    accounts.add("secretary-general", "executive", None)
    key = keyring.key_for("secretariat")
    assert key is not None
    return accounts.token_with_key("secretary-general", key)


# The browser tests' shared fixtures live here, not in a conftest of their own folder: a
# second module named `conftest` would shadow this one for the tests that import from it.


@pytest.fixture(scope="session")
def shared_browser() -> Iterator[Any]:
    """Chromium, launched once for every browser test of the process: Playwright's sync API
    allows one running instance at a time."""
    from browser_world import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def new_page(shared_browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A maker of pages in the shared Chromium, each page shot to `test-artifacts/` when
    the test fails."""
    from browser_world import page_maker

    with page_maker(shared_browser, request) as make:
        yield make


@pytest.fixture(scope="session")
def case_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The union holding a sealed case, with its live server (only read), built once."""
    from browser_world import LiveServer
    from journey_world import World, case_union, fixed_moment

    from isonomia.service.clock import FixedClock, use_clock

    folder = tmp_path_factory.mktemp("case-world")
    keyring = Keyring(folder / "keys", provision=True)
    with use_clock(FixedClock(fixed_moment())):
        federation = case_union(folder, keyring)
    try:
        with LiveServer(federation.db.url) as server:
            yield World(federation, keyring, server)
    finally:
        federation.close()
