"""What the journeys stand on: the people of the 1922 union who sign in, each journey acted
by the member that speaks the page's language (Ukraine in Ukrainian, Georgia in Georgian),
and the steps every journey takes in the browser, found by what the page says in that
language (the catalogs' own translations, through `gettext`), as a person reads it.

Two unions: one where people act (delegates seated, the tariff decision open to appeal, a
motion open to the vote), and one holding a sealed case, whose opening moves the record's
day past the vote (the inspection and the public read it; the accessibility checks too)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from account_world import key_of, last_moment
from browser_world import LiveServer
from page_world import PASSWORD, build_union

from case_world import VICTIM, open_sealed_case
from isonomia.ledger.signatures import envelope_of_record
from isonomia.service import (
    Accounts,
    Federation,
    Keyring,
    RegisterKey,
    actors,
    make,
    new_command_id,
    translator,
)

#: The member whose people act each journey in the page's language.
SPEAKERS = {"uk": "ukraine", "ka": "georgia"}
#: The browser's own language, as a phone set to it asks for pages.
LOCALES = {"en": "en-GB", "uk": "uk-UA", "ka": "ka-GE"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
INSPECTOR = "inspector"
GEORGIAN = re.compile("[\u10d0-\u10ff]")
UKRAINIAN = re.compile("[\u0400-\u04ff]")
SCRIPTS = {"uk": UKRAINIAN, "ka": GEORGIAN}


def fixed_moment() -> datetime:
    """The time the tests' clock says (tests/conftest.py): what is built once for many
    tests is built on it too, never on the wall clock."""
    return datetime.fromisoformat(
        os.environ.get("ISONOMIA_TEST_NOW") or "2027-01-04T09:00:00+00:00"
    )


@dataclass(frozen=True)
class World:
    """A union, its keys, and the live server over it."""

    federation: Federation
    keyring: Keyring
    server: LiveServer

    @property
    def url(self) -> str:
        return self.server.url


def words(language: str) -> Callable[[str], str]:
    """The catalog's translation of a page's text, as the page shows it."""
    return translator(language).gettext


@dataclass(frozen=True)
class People:
    """The accounts that act for one member, by role."""

    member: str

    @property
    def delegate(self) -> str:
        return f"{self.member}-sto"

    @property
    def council(self) -> str:
        return f"{self.member}-council"

    @property
    def congress(self) -> str:
        return f"{self.member}-congress"

    @property
    def newcomer(self) -> str:
        return f"{self.member}-newcomer"


def acting_union(folder: Path, keyring: Keyring) -> Federation:
    """The union the journeys act in, with accounts (acting for nobody yet) for the
    delegate to the Council of Labour and Defence, the council and the congress of each
    member that speaks a journey's language, and a newcomer."""
    federation = build_union(folder, keyring)
    accounts = Accounts(federation)
    for member in SPEAKERS.values():
        people = People(member)
        for name, role in (
            (people.delegate, "delegate"),
            (people.council, "council-secretary"),
            (people.congress, "executive"),
            (people.newcomer, "delegate"),
        ):
            if accounts.get(name) is None:  # Georgia's first three are the page world's
                accounts.add(name, role, PASSWORD)
    return federation


#: Who reads the case world's pages signed in: (account, principal, role).
READERS = {
    "delegate": ("georgia-sto", "person:georgia-sto", "delegate"),
    "council": ("georgia-council", "council:georgia", "council-secretary"),
    "congress": ("georgia-congress", "congress:georgia", "executive"),
    "inspection": (INSPECTOR, actors.INSPECTION, "inspector"),
    "complainant": (VICTIM, actors.person(VICTIM), "delegate"),
}


def case_union(folder: Path, keyring: Keyring) -> Federation:
    """The union holding a sealed case, with its readers' accounts bound to their keys (as
    `isonomia web account bind NAME --key FILE` does)."""
    federation = build_union(folder, keyring)
    open_sealed_case(federation, keyring)
    accounts = Accounts(federation)
    for name, principal, role in READERS.values():
        if accounts.get(name) is None:
            accounts.add(name, role, PASSWORD)
        accounts.bind_with_key(name, key_of(federation, keyring, principal))
    return federation


def register_key(federation: Federation, principal: str, public_key: str) -> None:
    """The body that answers for `principal` registers its device's key (a delegate's by its
    member's council, a council's and a congress's by the congress)."""
    kind, _, name = principal.partition(":")
    member = name.rsplit("-", 1)[0] if kind == "person" else name
    registrar = actors.council(member) if kind == "person" else f"congress:{member}"
    federation.execute(
        make(
            RegisterKey,
            command_id=new_command_id(),
            actor=registrar,
            at=last_moment(federation),
            principal=principal,
            public_key=public_key,
            for_member=member if kind == "person" else None,
        )
    )


def sign_in(page: Any, url: str, name: str, language: str) -> None:
    """Sign in on the login page (in `language`) as it says: the account's name and
    password in the fields so labelled, its button."""
    page.goto(f"{url}/login?lang={language}")
    fill_sign_in(page, url, name, language)


def fill_sign_in(page: Any, url: str, name: str, language: str) -> None:
    """On the login page: the account's name and password in the fields so labelled, then
    its button; the header then names the account."""
    _ = words(language)
    page.get_by_label(_("Account"), exact=True).fill(name)
    page.get_by_label(_("Password"), exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=_("Sign in"), exact=True).click()
    page.wait_for_url(f"{url}/")
    assert name in page.inner_text("header")


def make_device_key(page: Any, language: str) -> tuple[str, str]:
    """Make this device's key from the header's link to its page; the public key and the
    key id the page shows."""
    _ = words(language)
    page.locator("header").get_by_role("link", name=_("Device key"), exact=True).click()
    page.get_by_role("button", name=_("Make this device's key")).click()
    page.wait_for_function("document.getElementById('key-id').textContent.length === 32")
    return page.inner_text("#public-key"), page.inner_text("#key-id")


def prove_device_key(page: Any, principal: str, language: str) -> None:
    """Prove the device's (registered) key on its page: the account then acts for it."""
    _ = words(language)
    page.get_by_role("button", name=_("Prove this device's key for this account")).click()
    page.wait_for_selector("#bind-result[data-state]")
    result = page.locator("#bind-result")
    assert result.get_attribute("data-state") == "bound", result.inner_text()
    page.reload()
    assert principal in page.inner_text("header")
    binding = _("This account acts for {principal}, proved by key {key_id}.")
    assert binding.split("{principal}")[0].strip() in page.inner_text("#binding")


def acting_for(
    page: Any, url: str, federation: Federation, name: str, principal: str, language: str
) -> str:
    """Sign in, make the device's key, have it registered, prove it: the account acts for
    `principal` from this page. The key id."""
    sign_in(page, url, name, language)
    public_key, key_id = make_device_key(page, language)
    register_key(federation, principal, public_key)
    prove_device_key(page, principal, language)
    return key_id


def recorded(federation: Federation, command_type: str) -> list[tuple[dict[str, Any], list[Any]]]:
    """Each recorded command of a type: its signed envelope and the entries it made (the
    `CommandSigned` entry first)."""
    entries = list(federation.entries())
    found = []
    for entry in entries:
        payload = entry.payload
        if entry.event_type == "CommandSigned" and payload["command_type"] == command_type:
            made = [e for e in entries if e.command_id == entry.command_id]
            found.append((envelope_of_record(payload), made))
    return found
