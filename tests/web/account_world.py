"""Accounts as people get them in the web tests: added by the administrator in a role, then
bound to a principal by proving one of its registered keys, here with the key the test's
keyring holds (as `isonomia web account bind NAME --key FILE` does)."""

from __future__ import annotations

from datetime import datetime

from isonomia.ledger.keys import Ed25519PrivateKey
from isonomia.service import Account, Accounts, Federation, Keyring, provide_key

PASSWORD = "a password long enough"


def last_moment(federation: Federation) -> datetime:
    """When the record's last entry was made: the earliest a new act may be dated."""
    length = federation.ledger_length()
    last = next(iter(federation.entries(after=length - 1)))
    return datetime.fromisoformat(last.recorded_at.replace("Z", "+00:00"))


def key_of(
    federation: Federation, keyring: Keyring, principal: str, member: str | None = None
) -> Ed25519PrivateKey:
    """`principal`'s key from the keyring, made and registered by its authority if missing."""
    key = keyring.key_for(principal)
    if key is None:
        key = provide_key(federation, keyring, principal, member, last_moment(federation))
    return key


def bound_account(
    federation: Federation,
    keyring: Keyring | None,
    name: str,
    principal: str,
    role: str,
    password: str | None = PASSWORD,
    member: str | None = None,
) -> Account:
    """The account `name` in `role`, bound to `principal` by proving its key when the
    keyring is given (left acting for no principal otherwise); a person's key missing from
    the keyring is registered by `member`'s council."""
    accounts = Accounts(federation)
    account = accounts.get(name)
    if account is None:
        account = accounts.add(name, role, password)
    if keyring is None or account.principal == principal:
        return account
    return accounts.bind_with_key(name, key_of(federation, keyring, principal, member))


def session_cookie(
    federation: Federation, keyring: Keyring | None, name: str, principal: str, role: str
) -> dict[str, str]:
    """The session cookie of that account, signed in, as a browser sends it."""
    bound_account(federation, keyring, name, principal, role)
    secret = Accounts(federation).login(name, PASSWORD)
    return {"Cookie": f"isonomia_session={secret}"}
