"""The pages driven in Chromium: people sign in, make a key on their own device, have it
registered by their council, prove it for their account, and act; what they sign verifies
offline like a CLI-signed command; pages follow the ledger live; a page speaks Georgian when
asked; a sealed case opens for its complainant and not for the public."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_world import LiveServer
from page_world import PASSWORD, PEOPLE, build_union, register_device_key

from case_world import CASE, SUMMARY, VICTIM, open_sealed_case
from isonomia.ledger.envelope import KeyStanding, verify_envelope
from isonomia.ledger.keys import parse_public_key
from isonomia.ledger.signatures import envelope_of_record
from isonomia.service import Accounts, Federation, Keyring, log_verifier_keys, verify_export_file
from tlog_world import log_key_beside


@pytest.fixture
def union(tmp_path: Path, keyring: Keyring) -> Iterator[Federation]:
    federation = build_union(tmp_path, keyring)
    yield federation
    federation.close()


@pytest.fixture
def server(union: Federation) -> Iterator[LiveServer]:
    with LiveServer(union.db.url) as live:
        yield live


def sign_in(page, server: LiveServer, who: str) -> None:
    name = PEOPLE[who][0]
    page.goto(f"{server.url}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{server.url}/")
    assert name in page.inner_text("header")


def device_key(page, server: LiveServer) -> tuple[str, str]:
    """Make the device's key on its page; the public key and key id it shows."""
    page.goto(f"{server.url}/device")
    page.click("#make-key")
    page.wait_for_function("document.getElementById('key-id').textContent.length === 32")
    return page.inner_text("#public-key"), page.inner_text("#key-id")


def prove_device_key(page, server: LiveServer, principal: str) -> None:
    """Prove the device's (registered) key on its page: the account then acts for it."""
    page.goto(f"{server.url}/device")
    page.click("#bind-key")
    page.wait_for_selector("#bind-result[data-state]")
    result = page.locator("#bind-result")
    assert result.get_attribute("data-state") == "bound", result.inner_text()
    assert principal in result.inner_text()
    page.reload()
    assert principal in page.inner_text("header")


def signed_envelopes(federation: Federation, command_type: str) -> list[dict]:
    """The envelopes of the recorded commands of a type, as the ledger keeps them."""
    found = []
    for entry in federation.entries():
        payload = entry.payload
        if entry.event_type == "CommandSigned" and payload["command_type"] == command_type:
            found.append(envelope_of_record(payload))
    return found


def test_p18_a_delegate_votes_with_a_device_key_and_the_vote_verifies_offline(
    union: Federation, server: LiveServer, new_page
) -> None:
    delegate = new_page()
    sign_in(delegate, server, "delegate")
    public_key, key_id = device_key(delegate, server)
    assert public_key.startswith("ed25519:")
    register_device_key(union, "person:georgia-sto", public_key)
    delegate.goto(f"{server.url}/vote")  # a registered key, not yet proved: no ballot
    assert delegate.locator("#unproved").count() == 1
    assert delegate.locator("#ballot-sto-timber").count() == 0
    prove_device_key(delegate, server, "person:georgia-sto")

    watcher = new_page()  # the public, watching the motion's page
    watcher.goto(f"{server.url}/acts/sto-timber")
    assert "georgia-sto" not in watcher.inner_text("#votes")

    delegate.goto(f"{server.url}/vote")
    ballot = delegate.locator("#ballot-sto-timber")
    ballot.locator("input[value=yes]").check()
    ballot.locator("button[type=submit]").click()
    delegate.wait_for_selector("#ballot-sto-timber[data-state]")
    assert ballot.get_attribute("data-state") == "recorded", ballot.inner_text()

    # The watcher's page follows the ledger (server-sent events), with no reload.
    watcher.wait_for_function(
        "document.getElementById('votes').textContent.includes('georgia-sto')"
    )

    [envelope] = [e for e in signed_envelopes(union, "CastVote") if e["key_id"] == key_id]
    assert envelope["principal"] == "person:georgia-sto"
    assert envelope["command"]["vote"] == "yes"
    known = KeyStanding("person:georgia-sto", parse_public_key(public_key), revoked=False)
    verified = verify_envelope(json.loads(json.dumps(envelope)), {key_id: known}.get)
    assert verified.principal == "person:georgia-sto"
    assert union.verify_ledger().ok and union.verify_signatures().ok


def test_p6_a_member_appeals_a_decision_from_the_appeals_page(
    union: Federation, server: LiveServer, new_page
) -> None:
    council = new_page()
    sign_in(council, server, "council")
    public_key, _ = device_key(council, server)
    register_device_key(union, "council:georgia", public_key)
    prove_device_key(council, server, "council:georgia")

    council.goto(f"{server.url}/appeals")
    form = council.locator("#appeal-form")
    form.locator("input[name=appeal]").fill("georgia-tariffs")
    form.locator("select[name=act]").select_option("sto-tariffs")
    form.locator("select[name=member]").select_option("georgia")
    form.locator("textarea[name=ground]").fill("The tariff strangles Georgian grain imports.")
    form.locator("button[type=submit]").click()
    council.wait_for_selector("#appeal-form[data-state]")
    assert form.get_attribute("data-state") == "recorded", form.inner_text()
    council.wait_for_function(
        "document.getElementById('appeal-list').textContent.includes('georgia-tariffs')"
    )
    [envelope] = signed_envelopes(union, "FileAppeal")
    assert envelope["principal"] == "council:georgia"
    assert union.verify_signatures().ok


def test_p3_a_member_records_its_secession_and_its_export_verifies(
    union: Federation, keyring: Keyring, server: LiveServer, new_page, tmp_path: Path
) -> None:
    log_key_beside(union, keyring)
    secretary = new_page()
    sign_in(secretary, server, "congress")
    public_key, _ = device_key(secretary, server)
    register_device_key(union, "congress:georgia", public_key)
    prove_device_key(secretary, server, "congress:georgia")

    secretary.goto(f"{server.url}/members/georgia")
    form = secretary.locator("#secession-form")
    form.locator("button[type=submit]").click()
    secretary.wait_for_selector("#secession-form[data-state]")
    assert form.get_attribute("data-state") == "recorded", form.inner_text()
    secretary.wait_for_function(
        "document.getElementById('standing').textContent.includes('seceding')"
    )

    with secretary.expect_download() as download:
        secretary.click("#export")
    saved = tmp_path / "georgia-export.json"
    download.value.save_as(saved)
    check = verify_export_file(saved, log_key=log_verifier_keys(union)[0])
    assert check.ok, check.report.describe()
    assert check.meta["member"] == "georgia"
    exported = json.loads(saved.read_text())
    assert any(
        e.get("payload", {}).get("command_type") == "DecideSecession" for e in exported["entries"]
    )


def test_p14_a_page_switched_to_georgian_speaks_georgian(server: LiveServer, new_page) -> None:
    page = new_page()
    page.goto(f"{server.url}/")
    assert page.inner_text("nav").startswith("Union")
    page.click("a[hreflang=ka]")
    assert page.get_attribute("html", "lang") == "ka"
    assert "კავშირი" in page.inner_text("nav")
    assert "თავმჯდომარეობა" in page.inner_text("#presidency")
    page.goto(f"{server.url}/appeals")  # the choice is kept
    assert page.inner_text("h1") == "აპელაციები"
    assert re.search("[\u10d0-\u10ff]", page.inner_text("footer"))


def test_p17_the_public_cannot_open_a_sealed_case_page_while_the_complainant_can(
    server: LiveServer, union: Federation, keyring: Keyring, new_page
) -> None:
    sealed = open_sealed_case(union, keyring)
    accounts = Accounts(union)
    accounts.add(VICTIM, "delegate", PASSWORD)
    # The complainant's key is a file, not a device's: proved as `web account bind` does.
    key = keyring.key_for(f"person:{VICTIM}")
    assert key is not None
    accounts.bind_with_key(VICTIM, key)
    public = new_page()
    answer = public.goto(f"{server.url}/cases/{CASE}")
    assert answer is not None and answer.status == 403
    assert SUMMARY not in public.inner_text("main") and sealed.seed not in public.content()
    public.goto(f"{server.url}/cases")
    assert CASE in public.inner_text("#case-list")
    assert public.locator(f"a[href='/cases/{CASE}']").count() == 0
    complainant = new_page()
    complainant.goto(f"{server.url}/login")
    complainant.fill("input[name=name]", VICTIM)
    complainant.fill("input[name=password]", PASSWORD)
    complainant.click("form[action='/login'] button[type=submit]")
    complainant.wait_for_url(f"{server.url}/")
    complainant.click("nav a[href='/cases']")
    complainant.click(f"#case-list a[href='/cases/{CASE}']")
    complainant.wait_for_url(f"{server.url}/cases/{CASE}")
    assert SUMMARY in complainant.inner_text("#complaint")
    assert complainant.inner_text("#seed") == sealed.seed
    assert sealed.evidence in complainant.inner_text("#evidence")
