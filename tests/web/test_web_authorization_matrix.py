"""Every endpoint called with every role: allowed or denied as the table says.

The table names each route (commands by pattern); a route with no entry fails the test, so
a new endpoint cannot ship without saying who may call it. Denied is 401 for the public
(sign in) and 403 for an account of another role; allowed is anything else (a request the
route then finds malformed is still admitted). The case pages and the API's case, seen by
principal rather than by role (P17), have a table of their own over a sealed case.
"""

from __future__ import annotations

import re

import pytest
from account_world import PASSWORD, bound_account
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from case_world import CASE, open_sealed_case
from isonomia.service import Federation, Keyring

EVERYONE = frozenset(
    {
        "anonymous",
        "public",
        "delegate",
        "council-secretary",
        "executive",
        "inspector",
        "administrator",
    }
)
SIGNERS = frozenset({"delegate", "council-secretary", "executive", "inspector"})
ADMIN = frozenset({"administrator"})
#: Who may prove a key and so act for its principal: every account but the administrator.
BINDERS = EVERYONE - {"anonymous", "administrator"}

READS = [
    "/api/v1/union",
    "/api/v1/members",
    "/api/v1/presidency",
    "/api/v1/organs",
    "/api/v1/sessions",
    "/api/v1/acts",
    "/api/v1/acts/{act_id}",
    "/api/v1/acts/{act_id}/status",
    "/api/v1/appeals",
    "/api/v1/deadlines",
    "/api/v1/journal",
    "/api/v1/journal/{number}.pdf",
    "/api/v1/journal/{member}/{language}.atom",
    "/api/v1/directives/{member}",
    "/api/v1/departments",
    "/api/v1/conferences",
    "/api/v1/conferences/resolutions",
    "/api/v1/ledger/proof/{sequence}",
    "/api/v1/ledger/consistency",
    "/api/v1/competences",
    "/api/v1/competences/history",
    "/api/v1/keys",
    "/api/v1/persons/{person}/sanctions",
    "/api/v1/languages/report",
    "/api/v1/budget",
    "/api/v1/budget/accounts",
    "/api/v1/budget/accounts/beancount",
    "/api/v1/audit",
    "/api/v1/audit/amendment/{motion}",
    "/api/v1/ledger/head",
    "/api/v1/ledger/verify",
    "/api/v1/ledger/feed",
    "/api/v1/me",
    "/api/v1/cases",
    # What members' nodes read: every cosignature received, the log's statement of a
    # member's export, and (from a node) the checkpoint it accepted and its alarms.
    "/api/v1/ledger/cosignatures",
    "/api/v1/members/{member}/statement",
    "/node/checkpoint",
    "/node/status",
    # The API's description, browsable offline from packaged assets.
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
]

#: (method, path) → the roles allowed; `{Command}` stands for every command's name.
EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    **{("GET", path): EVERYONE for path in READS},
    # Any account may ask for a case; its principal must then be one who may see it (P17).
    ("GET", "/api/v1/cases/{case_id}"): EVERYONE - {"anonymous"},
    # A member's export is its own council's or congress's, as on its page (P3): here only
    # the council-secretary's account acts for council:georgia.
    ("GET", "/api/v1/members/{member}/export"): frozenset({"council-secretary"}),
    ("POST", "/api/v1/commands/{Command}"): SIGNERS,
    ("POST", "/api/v1/commands/{Command}/prepare"): SIGNERS,
    ("POST", "/api/v1/session"): EVERYONE,
    ("DELETE", "/api/v1/session"): EVERYONE,
    ("GET", "/api/v1/accounts"): ADMIN,
    ("POST", "/api/v1/accounts"): ADMIN,
    ("POST", "/api/v1/accounts/{name}/disable"): ADMIN,
    # An account acts for a principal only by proving one of its keys (P18); the
    # administrator makes no token and binds nothing.
    ("POST", "/api/v1/me/challenge"): BINDERS,
    ("POST", "/api/v1/me/binding"): BINDERS,
    ("POST", "/api/v1/me/tokens"): SIGNERS,
    # A node's cosignature needs no account: it is taken only if a council's key signed it.
    ("POST", "/api/v1/ledger/cosignatures"): EVERYONE,
}

#: Whom each role's account proves a key of (the public's reader and the administrator
#: prove none: they act for no principal).
PRINCIPALS = {
    "delegate": ("person:georgia-union-council", "georgia"),
    "council-secretary": ("council:georgia", None),
    "executive": ("secretariat", None),
    "inspector": ("inspection", None),
}
COMMAND_PATH = re.compile(r"^/api/v1/commands/[A-Za-z]+(/prepare)?$")


def _pattern(path: str) -> str:
    match = COMMAND_PATH.match(path)
    if match:
        return "/api/v1/commands/{Command}" + (match.group(1) or "")
    return path


def _concrete(path: str) -> str:
    values = {
        "case_id": "no-such-case",
        "act_id": "no-such-act",
        "member": "georgia",
        "name": "nobody",
        "person": "nobody",
        "sequence": "1",
        "motion": "no-such-motion",
        "language": "ka",
        "number": "1",
    }
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def api_routes(routes: list, prefix: str = "") -> list[tuple[str, str]]:
    """(method, path) of every API route, through included routers at any depth."""
    found = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            found += api_routes(included.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(route, APIRoute):
            found += [(method, prefix + route.path) for method in route.methods]
    return found


def _calls(client: TestClient) -> list[tuple[str, str]]:
    calls = sorted(set(api_routes(client.app.routes)))  # type: ignore[attr-defined]
    assert len(calls) > 50
    # Signing out ends the session: last, so the other calls are made signed in.
    return sorted(calls, key=lambda c: c == ("DELETE", "/api/v1/session"))


def _cookies(union: Federation, client: TestClient, keyring: Keyring) -> dict[str, dict[str, str]]:
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role in sorted(EVERYONE - {"anonymous"}):
        principal, member = PRINCIPALS.get(role, ("", None))
        bound_account(union, keyring if principal else None, role, principal, role, member=member)
        answer = client.post("/api/v1/session", json={"name": role, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        client.cookies.clear()
        headers[role] = {"Cookie": f"isonomia_session={answer.cookies['isonomia_session']}"}
    return headers


def test_every_route_has_an_entry_in_the_table(client: TestClient) -> None:
    missing = sorted({(m, _pattern(p)) for m, p in _calls(client)} - set(EXPECTED))
    assert not missing, f"routes without an entry in the authorization table: {missing}"
    stale = sorted(set(EXPECTED) - {(m, _pattern(p)) for m, p in _calls(client)})
    assert not stale, f"entries naming no route: {stale}"


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_every_endpoint_admits_exactly_the_roles_the_table_allows(
    role: str, union: Federation, client: TestClient, keyring: Keyring
) -> None:
    headers = _cookies(union, client, keyring)[role]
    wrong = []
    for method, path in _calls(client):
        allowed = role in EXPECTED[method, _pattern(path)]
        answer = client.request(method, _concrete(path), json={}, headers=headers)
        assert answer.status_code < 500, (method, path, answer.text)
        denied = answer.status_code in (401, 403)
        if denied:
            assert answer.json()["type"] in ("/problems/unauthenticated", "/problems/forbidden")
        if allowed == denied:
            wrong.append(f"{method} {path}: {answer.status_code} for {role}")
    assert not wrong, wrong


#: The case pages, which the table above (API routes only) does not list: whole for roles
#: whose principal may see the case (P17). None of the principals above is a party, a
#: defender or a commissioner of the sealed case: only the inspection reads it.
CASE_PAGES: dict[str, frozenset[str]] = {
    "/cases": EVERYONE,
    f"/cases/{CASE}": frozenset({"inspector"}),
    f"/api/v1/cases/{CASE}": frozenset({"inspector"}),
}


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_p17_the_case_pages_admit_exactly_the_roles_whose_principal_may_see_the_case(
    role: str, union: Federation, client: TestClient, keyring: Keyring
) -> None:
    open_sealed_case(union, keyring)
    headers = _cookies(union, client, keyring)[role]
    for path, allowed in CASE_PAGES.items():
        answer = client.get(path, headers=headers)
        assert answer.status_code in (200, 401, 403), (path, role, answer.status_code)
        assert (answer.status_code == 200) == (role in allowed), (path, role)
