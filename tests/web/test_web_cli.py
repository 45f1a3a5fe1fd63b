"""`isonomia web …` manages the interface's accounts; `isonomia serve` refuses in one line
where there is no union to serve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from isonomia.cli.main import app as cli
from isonomia.web.app import create_app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    init = runner.invoke(cli, ["init", "--db", url, "--clock", "simulated", "--at", "1922-12-30"])
    assert init.exit_code == 0, init.output
    return url


def _secretariat_key_id(db: str) -> str:
    listed = runner.invoke(cli, ["keys", "list", "--db", db, "--on", "1922-12-30", "--json"])
    assert listed.exit_code == 0, listed.output
    [key] = [k for k in json.loads(listed.stdout) if k["principal"] == "secretariat"]
    return str(key["key_id"])


def test_the_administrator_adds_lists_and_disables_accounts_and_makes_tokens(db: str) -> None:
    added = runner.invoke(
        cli,
        ["web", "account", "add", "clerk", "--principal", "secretariat", "--role", "executive"],
        env={"ISONOMIA_WEB_PASSWORD": "a long password", "ISONOMIA_DATABASE_URL": db},
    )
    assert added.exit_code == 0, added.output
    assert "executive for secretariat" in added.stdout
    token = runner.invoke(
        cli, ["web", "token", "create", "clerk", "--key-id", _secretariat_key_id(db), "--db", db]
    )
    assert token.exit_code == 0, token.output
    secret = token.stdout.strip()
    client = TestClient(create_app(db))
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["account"]["principal"] == "secretariat"
    listed = runner.invoke(cli, ["web", "account", "list", "--db", db])
    assert "clerk  executive  secretariat" in listed.stdout
    assert runner.invoke(cli, ["web", "account", "disable", "clerk", "--db", db]).exit_code == 0
    refused = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401
    assert "(disabled)" in runner.invoke(cli, ["web", "account", "list", "--db", db]).stdout


def test_an_account_bound_to_a_principal_its_role_cannot_act_for_is_refused(db: str) -> None:
    wrong = runner.invoke(
        cli,
        ["web", "account", "add", "x", "--principal", "secretariat", "--role", "delegate"],
        env={"ISONOMIA_DATABASE_URL": db},
    )
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == "a delegate account acts as person"
    token = runner.invoke(
        cli, ["web", "token", "create", "nobody", "--key-id", "0" * 32, "--db", db]
    )
    assert token.exit_code == 2 and "no account nobody" in token.stderr


def test_serve_refuses_in_one_line_where_there_is_no_union(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes\n", encoding="utf-8")
    result = runner.invoke(cli, ["serve", "--db", str(notes)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is not an isonomia database" in result.stderr
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "isonomia init" in missing.stderr
