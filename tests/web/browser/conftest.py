"""Browser tests: a live server over a temporary SQLite union, and Debian's Chromium driven
by Playwright. Without Chromium they are skipped, except in CI, where they must run. A test
that fails leaves a screenshot of each open page in `test-artifacts/` (git-ignored)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: How long to wait for Chromium to appear when it is still being installed.
CHROMIUM_WAIT = float(os.environ.get("ISONOMIA_CHROMIUM_WAIT", "60"))


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _chromium() -> Path:
    deadline = time.monotonic() + (CHROMIUM_WAIT if _in_ci() or CHROMIUM.exists() else 5)
    while not CHROMIUM.exists() and time.monotonic() < deadline:
        time.sleep(1)
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"the browser tests need {CHROMIUM} in CI", pytrace=False)
        pytest.skip(f"browser tests skipped: no {CHROMIUM}")
    return CHROMIUM


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving the web app over `url`, in a thread, on a free port."""

    def __init__(self, url: str) -> None:
        import uvicorn

        from isonomia.web.app import create_app

        self.port = _free_port()
        config = uvicorn.Config(
            create_app(url),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's), one per test session."""
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A factory of pages, each in a fresh browser context (its own cookies and IndexedDB);
    every page is screenshot when the test fails."""
    contexts: list[object] = []
    pages: list[object] = []

    def make(locale: str = "en-GB") -> object:
        context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        pages.append(page)
        return page

    yield make
    if request.node.stash.get(_FAILED, False):
        folder = request.config.rootpath / "test-artifacts"
        folder.mkdir(exist_ok=True)
        for number, page in enumerate(pages):
            page.screenshot(path=str(folder / f"{request.node.name}-{number}.png"), full_page=True)
    for context in contexts:
        context.close()
