"""Who is asking: the account behind a request, and what its role lets it do.

A browser logs in with a password and is given a session cookie (HttpOnly, SameSite=Strict,
a random secret stored hashed on the server); a script sends an API token
(`Authorization: Bearer iso_…`), tied to the registered key whose possession made it. A
request with neither is the public's: it reads the published record and nothing else. A
session acts for the principal whose key the account proved, a token for its key's; once
that key is revoked the request is refused (401) and what stood on the key ends.

Every route declares who may call it with the dependency `allow(roles)` (`ANYONE`,
`ACCOUNTS`, `BINDERS`, `SIGNERS`, `ADMIN`); a test calls every route with every role
against a table of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from isonomia.service import SIGNING_ROLES, Account, Accounts, Forbidden, Unauthenticated
from isonomia.web.page_texts import N_

__all__ = [
    "ACCOUNTS",
    "ADMIN",
    "ANYONE",
    "BINDERS",
    "SESSION_COOKIE",
    "SIGNERS",
    "CurrentAccount",
    "allow",
    "current_account",
    "open_to_anyone",
]

SESSION_COOKIE = "isonomia_session"

#: Who may call a route: anyone (no account needed), any account, the signing roles, the
#: administrator.
ANYONE: frozenset[str] = frozenset({"anonymous", "public", *SIGNING_ROLES, "administrator"})
ACCOUNTS: frozenset[str] = ANYONE - {"anonymous"}
#: The accounts that may prove a key and so act for its principal (not the administrator).
BINDERS: frozenset[str] = ACCOUNTS - {"administrator"}
SIGNERS: frozenset[str] = frozenset(SIGNING_ROLES)
ADMIN: frozenset[str] = frozenset({"administrator"})


def accounts_of(request: Request) -> Accounts:
    accounts: Accounts = request.app.state.accounts
    return accounts


def current_account(request: Request) -> Account | None:
    """The account behind the request (API token first, then session cookie), or None
    for the public. A token that is not valid is refused rather than read as the public."""
    header = request.headers.get("authorization")
    accounts = accounts_of(request)
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated.of(N_("give an API token as `Authorization: Bearer TOKEN`"))
        account = accounts.by_token(token.strip())
        if account is None:
            raise Unauthenticated.of(N_("the API token is unknown or its account is disabled"))
        return account  # a token on a revoked key raised `Unauthenticated` above
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        return accounts.by_session(secret)
    return None


CurrentAccount = Annotated[Account | None, Depends(current_account)]


def role_of(account: Account | None) -> str:
    return "anonymous" if account is None else account.role


def allow(roles: frozenset[str]) -> Callable[..., Account | None]:
    """A dependency admitting the roles in `roles`: the public is told to sign in (401), an
    account of another role is forbidden (403)."""

    def check(account: CurrentAccount) -> Account | None:
        role = role_of(account)
        if role in roles:
            return account
        if account is None:
            raise Unauthenticated.of(N_("sign in (or give an API token) to do this"))
        raise Forbidden.of(N_("a {role} account may not do this"), role=role)

    check.roles = roles  # type: ignore[attr-defined]
    return check


def open_to_anyone() -> None:
    """A dependency admitting every request without reading its credentials: for signing
    in and out, which a browser must be able to do while it still sends a session that
    stands on a revoked key (every other route refuses that session, 401)."""


open_to_anyone.roles = ANYONE  # type: ignore[attr-defined]
