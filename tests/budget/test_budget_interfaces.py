"""The budget from the CLI, the API and the pages (issue 26): a refusal is one line naming
the principle with exit code 2 and nothing written; `budget show`, `accounts` and the
Beancount export; the API's read endpoints with amounts as exact strings; each member's page
of contributions; and a charter's amounts refused as floats."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from typer.testing import CliRunner

import budget_world as w
from budget_world import budget_union
from isonomia.charter.budget import BudgetSettings
from isonomia.cli.main import app
from isonomia.service import Keyring, example_charter
from isonomia.web.app import create_app


@pytest.fixture
def union_url(tmp_path: Path, keyring: Keyring) -> str:
    federation = budget_union(f"sqlite:///{tmp_path / 'union.db'}", keyring)
    federation.close()
    return f"sqlite:///{tmp_path / 'union.db'}"


def test_p4_the_cli_refuses_spending_beyond_a_line_with_exit_2_and_writes_nothing(
    union_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    keys = ["--db", union_url, "--keyring", str(tmp_path / "keys")]
    before = runner.invoke(app, ["ledger", "head", "--db", union_url]).stdout
    spend = ["budget", "spend", "1923", "diplomacy", "800000.01", "--payee", "x"]
    result = runner.invoke(app, [*spend, "--reference", "d-1", "--at", "1923-11-05", *keys])
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.strip().startswith("refused (P4):"), result.stderr
    assert runner.invoke(app, ["ledger", "head", "--db", union_url]).stdout == before
    spent = runner.invoke(
        app,
        [
            *spend[:4],
            "800000.00",
            "--payee",
            "x",
            "--reference",
            "d-2",
            "--at",
            "1923-11-05",
            *keys,
        ],
    )
    assert spent.exit_code == 0, spent.stdout + spent.stderr
    income = ["budget", "income", "ukraine", "1923", "4200000000", "--source", "TsSU 1923"]
    recorded = runner.invoke(app, [*income, "--at", "1923-11-05", *keys])
    assert recorded.exit_code == 0, recorded.stdout + recorded.stderr
    shown = runner.invoke(app, ["budget", "show", "--year", "1923", "--db", union_url])
    assert shown.exit_code == 0 and "diplomacy" in shown.stdout and "800,000.00" in shown.stdout
    assert "TsSU 1923" in shown.stdout


def test_the_cli_exports_the_accounts_for_beancount(union_url: str, tmp_path: Path) -> None:
    from beancount import loader
    from beancount.core.data import Transaction

    runner = CliRunner()
    out = tmp_path / "accounts.beancount"
    result = runner.invoke(app, ["accounts", "export", "--beancount", str(out), "--db", union_url])
    assert result.exit_code == 0, result.stdout + result.stderr
    entries, errors, options = loader.load_string(out.read_text(encoding="utf-8"))
    assert not errors and options["operating_currency"] == ["RUB"]
    booked = [e for e in entries if isinstance(e, Transaction)]
    assert len(booked) == len(w.MEMBERS_1922)  # one contribution called from each member
    listed = runner.invoke(app, ["accounts", "--member", "armenia", "--db", union_url])
    assert listed.exit_code == 0 and "Assets:Receivable:Armenia" in listed.stdout


def test_the_api_reads_the_budget_and_the_accounts_as_exact_strings(union_url: str) -> None:
    with TestClient(create_app(union_url)) as client:
        budget = client.get("/api/v1/budget", params={"year": 1923}).json()
        assert Decimal(budget["total"]) == sum(w.LINES.values())
        assert sum(Decimal(s["charged"]) for s in budget["shares"]) == sum(w.LINES.values())
        accounts = client.get("/api/v1/budget/accounts", params={"member": "armenia"}).json()
        assert all(isinstance(v, str) for v in accounts["balances"].values())
        assert client.get("/api/v1/budget", params={"year": 1999}).status_code == 404
        text = client.get("/api/v1/budget/accounts/beancount").text
        assert "open Assets:Receivable:Armenia RUB" in text
        page = client.get("/budget/armenia")
        assert page.status_code == 200 and "Assets:Receivable:Armenia" in page.text
        assert client.get("/budget").status_code == 200


def test_a_charters_amounts_are_exact_never_floats() -> None:
    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))["budget"]
    assert BudgetSettings.model_validate(data).equalisation is not None
    with pytest.raises(ValidationError, match="not a float"):
        BudgetSettings.model_validate(
            {**data, "contributions": {**data["contributions"], "floor": 0.02}}
        )
    with pytest.raises(ValidationError, match="add up to 1"):
        BudgetSettings.model_validate(
            {**data, "contributions": {**data["contributions"], "income_weight": "0.6"}}
        )
