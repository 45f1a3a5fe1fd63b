"""The worked example's web accounts: one for each role, so a newcomer can sign in at once.

`isonomia demo` (and `isonomia serve --demo`, which plays it first) adds them and prints them;
their passwords are made at random and kept beside the example's file
(``FILE.web-accounts``, readable by its owner only), so `serve --demo` can print them again.
An account whose principal's key the example's keyring holds is bound to it by proving that
key, as `isonomia web account bind NAME --key FILE` does; the delegate's is left acting for
nobody: its holder makes a key on its device, the member's council registers it on the
keys page, and the delegate proves it (the way every delegate comes in).

Accounts are access to the interface, never acts of the union: nothing here is recorded.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from isonomia.domain import actors
from isonomia.service.accounts import Accounts
from isonomia.service.federation import Federation
from isonomia.service.keyring import Keyring
from isonomia.service.pipeline import now
from isonomia.service.queries.organs import organs

__all__ = ["DemoAccount", "accounts_file", "add_demo_accounts", "read_demo_accounts"]

#: The member whose bodies the example's accounts act for.
MEMBER = "ukraine"


@dataclass(frozen=True)
class DemoAccount:
    name: str
    role: str
    password: str
    #: Whom it acts for ("" for nobody), and what it is for.
    principal: str
    note: str


def accounts_file(database: Path) -> Path:
    """Where the example's accounts and passwords are kept: beside its file."""
    return Path(f"{database}.web-accounts")


def _delegate(federation: Federation, on: date) -> tuple[str, str] | None:
    """A person sitting for the member in an organ on `on`: (person, organ)."""
    for organ in organs(federation, on):
        for seat in organ.delegates:
            member, _, person = seat.partition(": ")
            if member == MEMBER and person:
                return person, organ.id
    return None


def _planned(federation: Federation, on: date) -> list[tuple[str, str, str, str]]:
    """(name, role, principal to bind or "", note) of each account of the example."""
    council, congress = actors.council(MEMBER), actors.congress(MEMBER)
    planned = [
        ("admin", "administrator", "", "adds and disables accounts; signs nothing"),
        ("reader", "public", "", "reads the published record, as anyone can"),
        (f"{MEMBER}-congress", "executive", congress, "its member's congress: secession, export"),
        (
            f"{MEMBER}-council",
            "council-secretary",
            council,
            "its member's council: registers its delegates' browser keys on /keys",
        ),
        ("secretariat", "executive", actors.SECRETARIAT, "the union's secretariat"),
        ("inspection", "inspector", actors.INSPECTION, "the inspection: reads every case"),
    ]
    seat = _delegate(federation, on)
    if seat is not None:
        person, organ = seat
        planned.append(
            (
                f"{MEMBER}-delegate",
                "delegate",
                "",
                f"{actors.person(person)} in {organ}: makes a key on /device, which "
                f"{MEMBER}-council registers on /keys, then proves it and votes on /vote",
            )
        )
    return planned


def add_demo_accounts(
    federation: Federation, keyring: Keyring, database: Path
) -> list[DemoAccount]:
    """Add the example's accounts (those not there yet), bind those whose key the keyring
    holds, and keep them with their passwords in `accounts_file(database)`."""
    accounts = Accounts(federation)
    length = federation.ledger_length()
    last = next(iter(federation.entries(after=length - 1)), None) if length else None
    on = date.fromisoformat(last.recorded_at[:10]) if last is not None else now().date()
    made: list[DemoAccount] = []
    for name, role, principal, note in _planned(federation, on):
        if accounts.get(name) is not None:
            continue
        password = secrets.token_urlsafe(12)
        accounts.add(name, role, password)
        key = keyring.key_for(principal) if principal else None
        if key is not None:
            accounts.bind_with_key(name, key)
        made.append(DemoAccount(name, role, password, principal if key else "", note))
    if made:
        path = accounts_file(database)
        lines = [f"{a.name}\t{a.role}\t{a.password}\t{a.principal}\t{a.note}\n" for a in made]
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as out:
            out.writelines(lines)
    return made


def read_demo_accounts(database: Path) -> list[DemoAccount]:
    """The example's accounts as kept beside its file (none when there is no such file)."""
    path = accounts_file(database)
    if not path.is_file():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 5:
            found.append(DemoAccount(*parts))
    return found
