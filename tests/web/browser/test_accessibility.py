"""Every page of the site passes axe-core with no serious or critical violation: as the
public reads it, in Ukrainian and Georgian on a phone and in English on a desktop, and as
each signed-in reader sees it with its forms (a delegate's ballot, a council's key
registration, a congress's secession, the inspection's case), in Georgian on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_world import axe_script, blocking_violations, needs_axe, with_axe
from browser_world import page_maker
from journey_world import DESKTOP, LOCALES, PHONE, READERS, World
from page_world import PASSWORD

from case_world import CASE
from isonomia.service import Accounts
from isonomia.web.auth import SESSION_COOKIE

pytestmark = needs_axe

#: The pages the public reads (a missing member: the error page).
PUBLIC = [
    "/",
    "/members/georgia",
    "/acts/sto-timber",
    "/acts/sto-tariffs",
    "/appeals",
    "/cases",
    "/vote",
    "/audit",
    "/ledger",
    "/journal",
    "/budget",
    "/login",
    "/device",
    "/keys",
    "/members/atlantis",
]
#: The pages each signed-in reader sees otherwise than the public.
SIGNED_IN = {
    "delegate": ["/vote", "/device", "/appeals"],
    "council": ["/keys", "/members/georgia"],
    "congress": ["/members/georgia"],
    "inspection": ["/cases", f"/cases/{CASE}"],
}
#: The public's pages in Ukrainian and Georgian on a phone and in English on a desktop, the
#: signed-in readers' in Georgian on a phone: each language and layout once, to keep the
#: checks quick (a page's language changes its words, not its structure or colours, which is
#: what axe-core checks).
SIZES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture
def new_page(shared_browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    axe_script()
    with page_maker(shared_browser, request) as make:
        yield make


def _signed_in(page: Any, world: World, reader: str) -> None:
    name = READERS[reader][0]
    secret = Accounts(world.federation).login(name, PASSWORD)
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": secret, "url": world.url}])


def _violations(page: Any, world: World, paths: list[str], language: str) -> list[str]:
    found = []
    for path in paths:
        page.goto(f"{world.url}{path}?lang={language}")
        found += [f"{path} [{language}]: {line}" for line in blocking_violations(page)]
    return found


@pytest.mark.parametrize(
    ("language", "size"), [("uk", "phone"), ("ka", "phone"), ("en", "desktop")]
)
def test_every_public_page_has_no_serious_accessibility_violation(
    case_world: World, new_page: Any, language: str, size: str
) -> None:
    page = with_axe(new_page(LOCALES[language], SIZES[size]))
    found = _violations(page, case_world, PUBLIC, language)
    # The ledger's check, as the verify button shows it.
    page.goto(f"{case_world.url}/ledger?lang={language}")
    page.locator("form[action='/ledger/verify'] button[type=submit]").click()
    page.wait_for_load_state()
    found += [f"/ledger/verify [{language}]: {line}" for line in blocking_violations(page)]
    assert not found, "\n".join(found)


def test_every_page_a_signed_in_reader_sees_has_no_serious_accessibility_violation(
    case_world: World, new_page: Any
) -> None:
    found = []
    for reader, paths in SIGNED_IN.items():
        signed = with_axe(new_page(LOCALES["ka"], PHONE))
        _signed_in(signed, case_world, reader)
        found += [f"{reader} {line}" for line in _violations(signed, case_world, paths, "ka")]
    assert not found, "\n".join(found)


def test_the_check_finds_a_serious_violation_when_a_page_has_one(
    case_world: World, new_page: Any
) -> None:
    page = with_axe(new_page())
    page.goto(f"{case_world.url}/login")
    assert blocking_violations(page) == []
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=/static/none.png><input id=unlabelled>')"
    )
    found = blocking_violations(page)
    assert any(line.startswith("image-alt (critical)") for line in found), found
    assert any(line.startswith("label (critical)") for line in found), found
