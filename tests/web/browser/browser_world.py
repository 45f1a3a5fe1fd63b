"""What the browser tests stand on: a live server over a temporary SQLite union, and
Debian's Chromium driven by Playwright. Without Chromium they are skipped, except in CI,
where they must run. A test that fails leaves a screenshot of each open page in
`test-artifacts/` (git-ignored)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving the web app over `url`, in a thread, on a free port; with
    `lifespan="on"` the app's background tasks run too (the checkpoint timer)."""

    def __init__(self, url: str, lifespan: str = "off") -> None:
        import uvicorn

        from isonomia.web.app import create_app

        self.port = _free_port()
        config = uvicorn.Config(
            create_app(url),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
            lifespan=lifespan,
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


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (Debian's)."""
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def page_maker(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """A factory of pages, each in a fresh browser context (its own cookies and IndexedDB),
    phone-sized unless told another size; every page is screenshot when the test fails."""
    contexts: list[Any] = []
    pages: list[Any] = []

    def make(locale: str = "en-GB", viewport: dict[str, int] | None = None) -> Any:
        size = viewport or {"width": 390, "height": 844}
        context = browser.new_context(locale=locale, viewport=size)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        pages.append(page)
        return page

    failed_before = request.session.testsfailed
    try:
        yield make
    finally:
        if request.session.testsfailed > failed_before:
            folder = request.config.rootpath / "test-artifacts"
            folder.mkdir(exist_ok=True)
            for number, page in enumerate(pages):
                shot = folder / f"{request.node.name}-{number}.png"
                page.screenshot(path=str(shot), full_page=True)
        for context in contexts:
            context.close()
