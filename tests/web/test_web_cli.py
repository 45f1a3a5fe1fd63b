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


def _secretariat_key(db: str) -> Path:
    """The secretariat's key file, in the keyring `init` made beside the union's file."""
    folder = Path(db.removeprefix("sqlite:///") + ".keys")
    [key] = [k for k in folder.glob("*.key") if k.name.startswith("secretariat")]
    return key


def test_the_administrator_adds_lists_and_disables_accounts_and_the_key_makes_tokens(
    db: str,
) -> None:
    added = runner.invoke(
        cli,
        ["web", "account", "add", "clerk", "--role", "executive"],
        env={"ISONOMIA_WEB_PASSWORD": "a long password", "ISONOMIA_DATABASE_URL": db},
    )
    assert added.exit_code == 0, added.output
    assert "executive, acting for no principal until it proves a key" in added.stdout
    listed = runner.invoke(cli, ["web", "account", "list", "--db", db])
    assert "clerk  executive  no principal yet" in listed.stdout
    key = _secretariat_key(db)
    token = runner.invoke(cli, ["web", "token", "create", "clerk", "--key", str(key), "--db", db])
    assert token.exit_code == 0, token.output
    secret = token.stdout.strip()
    client = TestClient(create_app(db))
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["account"]["principal"] == "secretariat"
    listed = runner.invoke(cli, ["web", "account", "list", "--db", db])
    assert "clerk  executive  secretariat (key " in listed.stdout
    assert runner.invoke(cli, ["web", "account", "disable", "clerk", "--db", db]).exit_code == 0
    refused = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401
    assert "(disabled)" in runner.invoke(cli, ["web", "account", "list", "--db", db]).stdout
    as_json = runner.invoke(cli, ["web", "account", "list", "--db", db, "--json"])
    [row] = json.loads(as_json.stdout)
    assert row["name"] == "clerk" and row["principal"] == "secretariat" and row["disabled"]


def test_p18_web_account_bind_proves_a_key_file_and_names_the_principal_it_proved(
    db: str,
) -> None:
    env = {"ISONOMIA_DATABASE_URL": db}
    assert (
        runner.invoke(
            cli, ["web", "account", "add", "x", "--role", "executive", "--no-password"], env=env
        ).exit_code
        == 0
    )
    bound = runner.invoke(
        cli, ["web", "account", "bind", "x", "--key", str(_secretariat_key(db))], env=env
    )
    assert bound.exit_code == 0, bound.output
    assert bound.stdout.startswith("account x: acts for secretariat, proved by key ")
    wrong = runner.invoke(
        cli, ["web", "account", "add", "y", "--role", "delegate", "--no-password"], env=env
    )
    assert wrong.exit_code == 0
    refused = runner.invoke(
        cli, ["web", "account", "bind", "y", "--key", str(_secretariat_key(db))], env=env
    )
    assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "a delegate account acts as person" in refused.stderr
    token = runner.invoke(
        cli, ["web", "token", "create", "nobody", "--key", str(_secretariat_key(db))], env=env
    )
    assert token.exit_code == 2 and "no account nobody" in token.stderr


def test_p18_the_administrator_cannot_name_an_accounts_principal_on_the_command_line(
    db: str,
) -> None:
    granted = runner.invoke(
        cli,
        ["web", "account", "add", "spy", "--role", "inspector", "--principal", "inspection"],
        env={"ISONOMIA_DATABASE_URL": db, "ISONOMIA_WEB_PASSWORD": "a long password"},
    )
    assert granted.exit_code == 2
    [line] = granted.stderr.strip().splitlines()
    assert line.startswith("refused (P18): an account acts for a principal only once it proves")
    listed = runner.invoke(cli, ["web", "account", "list", "--db", db, "--json"])
    assert json.loads(listed.stdout) == []


def test_serve_refuses_in_one_line_where_there_is_no_union(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes\n", encoding="utf-8")
    result = runner.invoke(cli, ["serve", "--db", str(notes)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is not an isonomia database" in result.stderr
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "isonomia init" in missing.stderr
