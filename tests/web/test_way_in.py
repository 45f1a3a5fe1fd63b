"""A way in for a newcomer: `serve` says how to add the first account (or takes the
administrator's with `--admin`), the demo makes an account for each role and prints it, the
login page says who signs in and how, and a council registers its delegate's browser key on
the keys page, signed on its own device (P4, P18)."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
import uvicorn
from account_world import PASSWORD, bound_account
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import key_id_of
from isonomia.cli.main import app as cli
from isonomia.ledger.keys import generate_private_key, key_id, public_key_text
from isonomia.service import Accounts, Federation, Keyring, accounts_file
from isonomia.web.app import create_app
from isonomia.web.page_support import CSRF_COOKIE
from played_demo import PlayedDemo

runner = CliRunner()
DELEGATE = "person:georgia-union-council"


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """`uvicorn.run` replaced: `serve` prints what it prints, and starts nothing."""
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append(k))
    return calls


def test_serve_without_an_account_says_how_to_add_the_administrators(
    union: Federation, no_server: list[dict]
) -> None:
    served = runner.invoke(cli, ["serve", "--db", union.db.url])
    assert served.exit_code == 0, served.output
    assert "no web account yet, so nobody can sign in" in served.stdout
    assert "isonomia web account add NAME --role administrator" in served.stdout
    assert len(no_server) == 1


def test_serve_admin_adds_the_first_administrator_who_then_signs_in(
    union: Federation, no_server: list[dict]
) -> None:
    env = {"ISONOMIA_WEB_PASSWORD": PASSWORD}
    served = runner.invoke(cli, ["serve", "--db", union.db.url, "--admin", "root"], env=env)
    assert served.exit_code == 0, served.output
    assert "account root: administrator" in served.stdout
    assert Accounts(union).login("root", PASSWORD)
    again = runner.invoke(cli, ["serve", "--db", union.db.url, "--admin", "other"], env=env)
    assert "--admin other: ignored, this union has web accounts already" in again.stdout
    assert Accounts(union).get("other") is None


def test_the_demo_prints_an_account_for_each_role_and_serve_demo_prints_them_again(
    tmp_path: Path, no_server: list[dict], played_demo: PlayedDemo
) -> None:
    played = played_demo.copy_to(tmp_path)
    db = played.db
    kept = accounts_file(db)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    rows = [line.split("\t") for line in kept.read_text(encoding="utf-8").splitlines()]
    roles = {row[1] for row in rows}
    assert roles == {
        "administrator",
        "public",
        "executive",
        "council-secretary",
        "inspector",
        "delegate",
    }
    for name, _, password, *_ in rows:
        assert f"{name}" in played.stdout and password in played.stdout
    served = runner.invoke(cli, ["serve", "--demo", "--db", str(db)])
    assert served.exit_code == 0, served.output
    assert all(row[2] in served.stdout for row in rows)
    council = next(row for row in rows if row[1] == "council-secretary")
    with TestClient(create_app(f"sqlite:///{db}")) as client:
        client.get("/login")
        login = {"name": council[0], "password": council[2], "csrf": client.cookies[CSRF_COOKIE]}
        assert client.post("/login", data=login, follow_redirects=False).status_code == 303
        keys = client.get("/keys")
    assert keys.status_code == 200 and '<option value="person:ukraine-union-council">' in keys.text


def test_the_login_page_says_who_signs_in_and_how_to_add_the_first_account(
    client: TestClient, union: Federation
) -> None:
    empty = client.get("/login")
    assert 'id="no-accounts"' in empty.text
    assert "isonomia web account add NAME --role administrator" in empty.text
    assert "No account is needed to read" in empty.text
    Accounts(union).add("root", "administrator", PASSWORD)
    assert 'id="no-accounts"' not in client.get("/login").text
    georgian = client.get("/login", params={"lang": "ka"})
    assert georgian.status_code == 200 and 'id="who-signs-in"' in georgian.text


def _csrf(client: TestClient) -> dict[str, str]:
    client.get("/login")
    return {"X-CSRF-Token": client.cookies[CSRF_COOKIE]}


def _sign_in(client: TestClient, name: str) -> None:
    client.get("/login")
    login = {"name": name, "password": PASSWORD, "csrf": client.cookies[CSRF_COOKIE]}
    assert client.post("/login", data=login, follow_redirects=False).status_code == 303


def test_p4_a_council_registers_its_delegates_browser_key_on_the_keys_page(
    union: Federation, keyring: Keyring
) -> None:
    bound_account(union, keyring, "council", "council:georgia", "council-secretary")
    Accounts(union).add("delegate", "delegate", PASSWORD)
    device = generate_private_key()  # the delegate's device key: only its public half travels
    public = public_key_text(device.public_key())
    app = create_app(union.db.url)
    with TestClient(app) as council, TestClient(app) as delegate:
        assert "Sign in first." in council.get("/keys").text  # the public registers nothing
        _sign_in(council, "council")
        page = council.get("/keys")
        assert page.status_code == 200 and 'name="principal" list="principals"' in page.text
        assert 'data-sign="RegisterKey"' in page.text and 'name="for_member"' in page.text
        command = {"type": "RegisterKey", "principal": DELEGATE, "public_key": public}
        draft = {"command": {**command, "for_member": "georgia"}}
        kid = key_id_of(keyring, "council:georgia")
        prepared = council.post(
            "/sign/RegisterKey/prepare", json={**draft, "key_id": kid}, headers=_csrf(council)
        ).json()
        council_key = keyring.key_for("council:georgia")
        assert council_key is not None
        signature = council_key.sign(base64.b64decode(prepared["message"]))
        envelope = {**prepared["envelope"], "signature": base64.b64encode(signature).decode()}
        recorded = council.post("/api/v1/commands/RegisterKey", json=envelope)
        assert recorded.status_code == 201, recorded.text
        # The delegate proves the registered device key: its account now acts for it.
        _sign_in(delegate, "delegate")
        headers = _csrf(delegate)
        asked = {"key_id": key_id(device.public_key())}
        challenge = delegate.post("/device/challenge", json=asked, headers=headers).json()
        signed = device.sign(base64.b64decode(challenge["message"]))
        proof = {
            "challenge": challenge["challenge"],
            "signature": base64.b64encode(signed).decode(),
        }
        bound = delegate.post("/device/bind", json=proof, headers=headers)
    assert bound.status_code == 200 and bound.json()["principal"] == DELEGATE
