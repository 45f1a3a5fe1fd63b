"""Each role's journey through the pages on a phone, in Ukrainian and in Georgian, acted by
the member that speaks the language: a newcomer signs in by what the login page says; a
council registers its delegate's device key; the delegate votes and reads its receipt; the
congress records its secession, is told the notice period, downloads the member's export
and the export verifies whole; the council files an appeal; the inspection opens a sealed
case; the public sees none of it. What is asserted is what the person sees, in the page's
language (the catalogs' translations)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_world import LiveServer
from journey_world import (
    INSPECTOR,
    LOCALES,
    SCRIPTS,
    SPEAKERS,
    People,
    World,
    acting_for,
    acting_union,
    fill_sign_in,
    fixed_moment,
    make_device_key,
    prove_device_key,
    recorded,
    sign_in,
    words,
)
from typer.testing import CliRunner

from case_world import CASE, SUMMARY
from isonomia.cli.main import app as cli
from isonomia.service import Keyring, Transparency, actors, log_verifier_keys
from isonomia.service.clock import FixedClock, use_clock
from tlog_world import log_key_beside

LANGUAGES = ["uk", "ka"]
#: The receipt a ballot shows once the vote is recorded, when the charter promises a
#: checkpoint within some seconds (vote.html).
RECEIPT = (
    "Recorded as entry {sequence}, hash {hash}. A checkpoint covers it within {seconds} "
    "seconds: then check its inclusion proof under your votes below."
)
NOTICE = (
    "The member leaves the union {days} days after its congress decides to secede: the "
    "charter's notice period. No organ of the union can block it, add conditions or delay it."
)
UNBOUND = (
    "This account acts for no principal yet. Once this device's key is registered, prove it "
    "here: the account then acts for the key's principal."
)
SECESSION_RECEIPT = (
    "Recorded as entry {sequence}: the member leaves the union at the end of the charter's "
    "notice period, {days} days after the decision."
)


@pytest.fixture(scope="module")
def acting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("acting-world")
    keyring = Keyring(folder / "keys", provision=True)
    with use_clock(FixedClock(fixed_moment())):
        federation = acting_union(folder, keyring)
        log_key_beside(federation, keyring)  # the server signs members' exports with it
    try:
        with LiveServer(federation.db.url) as server:
            yield World(federation, keyring, server)
    finally:
        federation.close()


def _phone(new_page: Any, language: str) -> Any:
    return new_page(LOCALES[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_p14_a_newcomer_signs_in_by_what_the_login_page_says(
    acting: World, new_page: Any, language: str
) -> None:
    _ = words(language)
    people = People(SPEAKERS[language])
    page = _phone(new_page, language)
    page.goto(f"{acting.url}/")  # the phone's own language, no choice made yet
    assert page.get_attribute("html", "lang") == language
    page.locator("header").get_by_role("link", name=_("Sign in"), exact=True).click()
    assert page.inner_text("h1") == _("Sign in")
    told = page.inner_text("#who-signs-in")
    assert SCRIPTS[language].search(told)
    assert _("Who can sign in") in told
    assert _("No account is needed to read: every published page is open to all.") in told
    fill_sign_in(page, acting.url, people.newcomer, language)
    assert _("acts for no principal yet") in page.inner_text("header")
    # What the login page says next: make the key on the device key page.
    public_key, key_id = make_device_key(page, language)
    assert page.inner_text("h1") == _("Device key")
    assert public_key.startswith("ed25519:") and len(key_id) == 32
    assert page.inner_text("#binding") == _(UNBOUND)


@pytest.mark.parametrize("language", LANGUAGES)
def test_p4_a_council_registers_its_delegates_device_key_on_the_keys_page(
    acting: World, new_page: Any, language: str
) -> None:
    _ = words(language)
    people = People(SPEAKERS[language])
    delegate = _phone(new_page, language)
    sign_in(delegate, acting.url, people.delegate, language)
    public_key, key_id = make_device_key(delegate, language)
    council = _phone(new_page, language)
    principal = actors.council(people.member)
    acting_for(council, acting.url, acting.federation, people.council, principal, language)
    council.locator("header").get_by_role("link", name=_("Register a key"), exact=True).click()
    assert council.inner_text("h1") == _("Register a key")
    whose = actors.person(people.delegate)
    council.get_by_label(_("Whose key"), exact=True).fill(whose)
    council.get_by_label(_("Public key"), exact=True).fill(public_key)
    # The council compares the id the page computes with the one the delegate's device shows.
    council.wait_for_function(f"document.getElementById('new-key-id').textContent === '{key_id}'")
    council.get_by_role("button", name=_("Sign and register the key")).click()
    form = council.locator("#register-key")
    council.wait_for_selector("#register-key[data-state]")
    assert form.get_attribute("data-state") == "recorded", form.inner_text()
    assert form.locator("output").inner_text() == _("recorded")
    [envelope, *_older] = [e for e, _made in reversed(recorded(acting.federation, "RegisterKey"))]
    assert envelope["principal"] == principal
    assert envelope["command"]["principal"] == whose
    assert envelope["command"]["public_key"] == public_key
    # The delegate's device now proves the key: the account acts for the delegate.
    prove_device_key(delegate, whose, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_p4_a_delegate_votes_and_reads_the_receipt_its_entry_and_hash(
    acting: World, new_page: Any, language: str
) -> None:
    _ = words(language)
    people = People(SPEAKERS[language])
    delegate = _phone(new_page, language)
    whose = actors.person(people.delegate)
    acting_for(delegate, acting.url, acting.federation, people.delegate, whose, language)
    delegate.locator("nav").get_by_role("link", name=_("Vote"), exact=True).click()
    assert delegate.inner_text("h1") == _("Vote")
    ballot = delegate.locator("#ballot-sto-timber")
    assert people.member in ballot.get_by_label(_("For member")).inner_text()
    ballot.get_by_label(_("yes"), exact=True).check()
    ballot.get_by_role("button", name=_("Sign and cast the vote")).click()
    delegate.wait_for_selector("#ballot-sto-timber[data-state]")
    assert ballot.get_attribute("data-state") == "recorded", ballot.inner_text()
    [(envelope, made)] = [
        (e, m)
        for e, m in recorded(acting.federation, "CastVote")
        if e["principal"] == whose and e["command"]["motion"] == "sto-timber"
    ]
    assert envelope["command"]["vote"] == "yes"
    assert envelope["command"]["member"] == people.member
    last = made[-1]
    within = str(acting.federation.charter().transparency.checkpoint_within_seconds)
    receipt = _(RECEIPT).replace("{seconds}", within)
    said = ballot.locator("output").inner_text()
    assert said == receipt.format(sequence=last.sequence, hash=last.hash)
    # The page lists the vote among the delegate's own, with the same entry and hash.
    delegate.reload()
    row = delegate.locator(f"#vote-{last.sequence}")
    assert last.hash in row.inner_text() and _("yes") in row.inner_text()
    verify_the_receipt_in_the_browser(delegate, acting, last.sequence, language)


def verify_the_receipt_in_the_browser(
    page: Any, world: World, sequence: int, language: str
) -> None:
    """Once a checkpoint covers the vote (the union's log signs one; the live server here
    runs no timer), the receipt's button checks its inclusion proof in the browser."""
    _ = words(language)
    Transparency(world.federation).make_checkpoint(world.keyring)
    page.reload()
    button = page.locator(f"#vote-{sequence}").get_by_role(
        "button", name=_("Check it in this browser")
    )
    button.click()
    page.wait_for_function(
        "['verified', 'failed'].includes(document.getElementById('proof-result').dataset.state)"
    )
    result = page.locator("#proof-result")
    assert result.get_attribute("data-state") == "verified", result.inner_text()
    assert str(sequence) in result.inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_p3_a_congress_secedes_is_told_the_notice_period_and_its_export_verifies_whole(
    acting: World, new_page: Any, language: str, tmp_path: Path
) -> None:
    _ = words(language)
    people = People(SPEAKERS[language])
    union = acting.federation
    days = str(union.charter().secession.notice_days)
    congress = _phone(new_page, language)
    whose = f"congress:{people.member}"
    acting_for(congress, acting.url, union, people.congress, whose, language)
    congress.goto(f"{acting.url}/members/{people.member}")
    notice = congress.inner_text("#notice-period")
    assert notice == _(NOTICE).format(days=days)
    congress.get_by_role("button", name=_("Sign and record"), exact=True).click()
    form = congress.locator("#secession-form")
    congress.wait_for_selector("#secession-form[data-state]")
    assert form.get_attribute("data-state") == "recorded", form.inner_text()
    [(_envelope, made)] = [
        (e, m) for e, m in recorded(union, "DecideSecession") if e["principal"] == whose
    ]
    confirmation = form.locator("output").inner_text()
    assert confirmation == _(SECESSION_RECEIPT).format(sequence=made[-1].sequence, days=days)
    standing = congress.locator("#standing")
    congress.wait_for_function(
        f"document.getElementById('standing').textContent.includes({json.dumps(_('leaves'))})"
    )
    assert _("seceding") in standing.inner_text()

    with congress.expect_download() as download:
        congress.get_by_role("link", name=_("Download the member's export")).click()
    saved = tmp_path / f"{people.member}-export.json"
    download.value.save_as(saved)
    head = union.ledger_length()
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert len(exported["entries"]) == head
    assert made[-1].hash in {e["hash"] for e in exported["entries"]}
    log_key = log_verifier_keys(union)[0]
    checked = CliRunner().invoke(cli, ["verify-export", str(saved), "--log-key", log_key])
    assert checked.exit_code == 0, checked.output
    assert f"OK {head} entries" in checked.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_p6_a_members_council_files_an_appeal_and_sees_it_listed_pending(
    acting: World, new_page: Any, language: str
) -> None:
    _ = words(language)
    people = People(SPEAKERS[language])
    council = _phone(new_page, language)
    whose = actors.council(people.member)
    acting_for(council, acting.url, acting.federation, people.council, whose, language)
    council.locator("nav").get_by_role("link", name=_("Appeals"), exact=True).click()
    assert council.inner_text("h1") == _("Appeals")
    appeal = f"{people.member}-tariffs"
    form = council.locator("#appeal-form")
    form.get_by_label(_("Appeal id"), exact=True).fill(appeal)
    form.get_by_label(_("Act appealed")).select_option("sto-tariffs")
    chosen = form.get_by_label(_("For member"))
    assert chosen.input_value() == people.member  # the council's own member, already chosen
    form.get_by_label(_("Ground"), exact=True).fill("The tariff strangles our grain imports.")
    form.get_by_role("button", name=_("Sign and file")).click()
    council.wait_for_selector("#appeal-form[data-state]")
    assert form.get_attribute("data-state") == "recorded", form.inner_text()
    assert form.locator("output").inner_text() == _("recorded")
    council.wait_for_function(
        f"document.getElementById('appeal-list').textContent.includes('{appeal}')"
    )
    row = council.locator("#appeal-list tr", has_text=appeal)
    assert _("pending") in row.inner_text()
    [envelope] = [
        e for e, _made in recorded(acting.federation, "FileAppeal") if e["principal"] == whose
    ]
    assert envelope["command"]["appeal"] == appeal


@pytest.mark.parametrize("language", LANGUAGES)
def test_p16_the_inspection_signs_in_and_opens_a_sealed_case_whole(
    case_world: World, new_page: Any, language: str
) -> None:
    _ = words(language)
    inspector = _phone(new_page, language)
    sign_in(inspector, case_world.url, INSPECTOR, language)
    assert actors.INSPECTION in inspector.inner_text("header")
    inspector.locator("nav").get_by_role("link", name=_("Cases"), exact=True).click()
    assert inspector.inner_text("h1") == _("Cases")
    inspector.locator("#case-list").get_by_role("link", name=CASE, exact=True).click()
    inspector.wait_for_url(f"{case_world.url}/cases/{CASE}")
    assert inspector.inner_text("h1") == _("Case {case}").format(case=CASE)
    assert SUMMARY in inspector.inner_text("#complaint")
    assert _("Complainant") in inspector.inner_text("#complaint")
    assert _("Commission") in inspector.inner_text("#commission")
    assert inspector.inner_text("#seed")


@pytest.mark.parametrize("language", LANGUAGES)
def test_p17_the_public_sees_nothing_of_a_sealed_case(
    case_world: World, new_page: Any, language: str
) -> None:
    _ = words(language)
    public = _phone(new_page, language)
    public.goto(f"{case_world.url}/")
    public.locator("nav").get_by_role("link", name=_("Cases"), exact=True).click()
    listed = public.locator("#case-list")
    assert SUMMARY not in public.content()
    assert CASE in listed.inner_text() and _("sealed") in listed.inner_text()
    assert listed.get_by_role("link").count() == 0
    answer = public.goto(f"{case_world.url}/cases/{CASE}")
    assert answer is not None and answer.status == 403
    assert public.inner_text("h1") == _("Not allowed")
    said = _(
        "Case {case} is seen only by its commission, its parties, its defender and the inspection."
    ).format(case=CASE)
    assert said in public.inner_text("main")
    assert SUMMARY not in public.content()
