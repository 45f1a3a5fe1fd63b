"""One web write route, one refusal mapping: a command is recorded only by the API's
`POST /api/v1/commands/{Name}` (the pages' script submits there too), and the same error gets
the same status wherever the web answers it (`problems.status_of`, docs/web.md)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from account_world import session_cookie
from fastapi.testclient import TestClient
from starlette.routing import Route

from conftest import key_id_of
from isonomia.domain.refusal import Refusal
from isonomia.ledger.envelope import Fault
from isonomia.service import (
    BadRequest,
    EnvelopeError,
    Federation,
    Forbidden,
    Keyring,
    NotInitialized,
    Refused,
    TooManyAttempts,
    Unauthenticated,
)
from isonomia.web.page_support import CSRF_COOKIE
from isonomia.web.problems import status_of

SCRIPT = Path(__file__).resolve().parents[2] / "src" / "isonomia" / "web" / "static" / "isonomia.js"


def test_the_only_route_that_records_a_command_is_the_apis(client: TestClient) -> None:
    posts = {
        route.path
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route) and "POST" in (route.methods or ())
    }
    signing = {path for path in posts if "/sign" in path or "/commands/" in path}
    pages = {path for path in signing if not path.startswith("/api/")}
    assert pages == {"/sign/{name}/prepare"}, pages  # the page prepares; it records nothing
    schema = client.get("/openapi.json").json()["paths"]
    assert "post" in schema["/api/v1/commands/FileAppeal"]
    script = SCRIPT.read_text(encoding="utf-8")
    assert "/api/v1/commands/${name}" in script and "`/sign/${name}`" not in script


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Refused(Refusal.of("P18", "the signature is not accepted"), who=True), 403),
        (Refused(Refusal.of("P4", "already voted")), 409),
        (Forbidden.of("this account acts for someone else"), 403),
        (Unauthenticated.of("sign in"), 401),
        (BadRequest.of("not a date"), 422),
        (EnvelopeError(Fault.MALFORMED, "not an envelope"), 422),
        (TooManyAttempts(2), 429),
        (NotInitialized.of("no union"), 503),
    ],
)
def test_one_refusal_mapping(error: Exception, status: int) -> None:
    assert status_of(error) == status  # type: ignore[arg-type]


def _signed(client: TestClient, keyring: Keyring, name: str, command: dict) -> dict:
    """A command the page prepares and the device signs, as the pages' script does."""
    headers = {"X-CSRF-Token": client.cookies.get(CSRF_COOKIE) or ""}
    kid = key_id_of(keyring, "council:georgia")
    prepared = client.post(
        f"/sign/{name}/prepare", json={"command": command, "key_id": kid}, headers=headers
    )
    assert prepared.status_code == 200, prepared.text
    body = prepared.json()
    key = keyring.key_for("council:georgia")
    assert key is not None
    signature = key.sign(base64.b64decode(body["message"]))
    return {**body["envelope"], "signature": base64.b64encode(signature).decode()}


def test_the_same_refusal_has_the_same_status_from_a_page_and_from_a_script(
    client: TestClient, union: Federation, keyring: Keyring
) -> None:
    cookie = session_cookie(union, keyring, "council", "council:georgia", "council-secretary")
    client.cookies.set("isonomia_session", cookie["Cookie"].partition("=")[2])
    client.get("/")  # the page gives the browser its CSRF token
    headers = {"X-CSRF-Token": client.cookies.get(CSRF_COOKIE) or ""}
    # The rules refuse the act itself (no such act to appeal): 409, as for any client.
    appeal = {"appeal": "a-1", "act": "no-such-act", "member": "georgia", "ground": "words"}
    refused = client.post(
        "/api/v1/commands/FileAppeal", json=_signed(client, keyring, "FileAppeal", appeal)
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"] == "/problems/refused" and refused.json()["principle"]
    # Who acts is refused (a council does not secede for its member: its congress does): 403.
    secession = {"member": "georgia", "decided_on": "1922-12-30"}
    wrong = client.post(
        "/api/v1/commands/DecideSecession",
        json=_signed(client, keyring, "DecideSecession", secession),
    )
    assert wrong.status_code == 403, wrong.text
    assert wrong.json()["type"] == "/problems/refused"
    # Bad input is 422 whether the page or the API prepares it.
    bad = {"command": {"member": "georgia", "decided_on": "not a day"}, "key_id": "0" * 32}
    page = client.post("/sign/DecideSecession/prepare", json=bad, headers=headers)
    api = client.post("/api/v1/commands/DecideSecession/prepare", json=bad, headers=headers)
    assert page.status_code == api.status_code == 422, (page.text, api.text)
