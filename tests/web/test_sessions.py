"""Signing in with a password gives a session cookie the browser's scripts cannot read and
other sites cannot send; signing out, or a disabled account, ends it on the server."""

from __future__ import annotations

from account_world import bound_account
from fastapi.testclient import TestClient

from isonomia.service import Accounts, Federation, Keyring

PASSWORD = "a password long enough"


def _login(client: TestClient, name: str, password: str = PASSWORD):
    return client.post("/api/v1/session", json={"name": name, "password": password})


def test_a_session_cookie_is_httponly_and_strict_and_ends_on_sign_out(
    client: TestClient, union: Federation, keyring: Keyring
) -> None:
    bound_account(union, keyring, "tsereteli", "council:georgia", "council-secretary", PASSWORD)
    answer = _login(client, "tsereteli")
    assert answer.status_code == 200, answer.text
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/api/v1/me").json()["account"]["principal"] == "council:georgia"
    secret = answer.cookies["isonomia_session"]
    assert client.delete("/api/v1/session").status_code == 204
    client.cookies.clear()
    stale = client.get("/api/v1/me", headers={"Cookie": f"isonomia_session={secret}"})
    assert stale.json()["role"] == "anonymous"


def test_a_wrong_password_and_a_disabled_account_cannot_sign_in(
    client: TestClient, union: Federation
) -> None:
    accounts = Accounts(union)
    accounts.add("orakhelashvili", "council-secretary", PASSWORD)
    wrong = _login(client, "orakhelashvili", "not the password")
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert _login(client, "nobody").status_code == 401
    signed_in = _login(client, "orakhelashvili")
    secret = signed_in.cookies["isonomia_session"]
    client.cookies.clear()
    accounts.disable("orakhelashvili")
    after = client.get("/api/v1/me", headers={"Cookie": f"isonomia_session={secret}"})
    assert after.json()["role"] == "anonymous"
    assert _login(client, "orakhelashvili").status_code == 401


def test_the_administrator_manages_accounts_and_nothing_else(
    client: TestClient, union: Federation
) -> None:
    Accounts(union).add("admin", "administrator", PASSWORD)
    cookie = {"Cookie": f"isonomia_session={_login(client, 'admin').cookies['isonomia_session']}"}
    client.cookies.clear()
    made = client.post(
        "/api/v1/accounts",
        json={"name": "reader", "role": "public"},
        headers=cookie,
    )
    assert made.status_code == 201, made.text
    assert made.json()["principal"] is None
    names = [a["name"] for a in client.get("/api/v1/accounts", headers=cookie).json()]
    assert names == ["admin", "reader"]
    twice = client.post(
        "/api/v1/accounts",
        json={"name": "reader", "role": "public"},
        headers=cookie,
    )
    assert twice.status_code == 422 and "exists already" in twice.json()["detail"]
    vote = client.post("/api/v1/commands/CastVote", json={}, headers=cookie)
    assert vote.status_code == 403 and "administrator" in vote.json()["detail"]
