"""Procedure from the command line (P4, P12, P14): a draft circulated to every member's
council, a concerned member's postponement once per motion, and the refusals, one line with
exit 2 and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_world import founded_1922
from typer.testing import CliRunner, Result

from isonomia.cli.main import app

runner = CliRunner()
MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def refused(result: Result, principle: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"refused ({principle}): "), result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = founded_1922(tmp_path)
    at = ["--db", url, "--at", "1923-01-10"]
    ok(
        invoke(
            "motion",
            "draft",
            "tariffs",
            "--organ",
            "sto",
            "--title",
            "Tariffs",
            "--field",
            "railways",
            "--kind",
            "decision",
            "--force",
            "mandatory",
            *at,
        )
    )
    return url


def test_p12_a_concerned_member_postpones_a_circulated_motion_once_from_the_cli(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    assert "has not been circulated" in ok(invoke("motion", "notice", "tariffs", "--db", db))
    ok(invoke("motion", "circulate", "tariffs", "--concerned", "georgia", *at))
    shown = ok(invoke("motion", "notice", "tariffs", "--db", db))
    for member in MEMBERS:
        assert member in shown  # every member's council received the draft
    stranger = ["motion", "postpone", "tariffs", "--member", "ukraine", "--reason", "time", *at]
    # The worked example's keyring registers Ukraine's council key, by its congress, the
    # first time the council acts; the refused request itself writes nothing.
    assert "not concerned" in refused(invoke(*stranger), "P12")
    before = ok(invoke("ledger", "verify", "--db", db))
    assert "not concerned" in refused(invoke(*stranger), "P12")
    assert ok(invoke("ledger", "verify", "--db", db)) == before
    ok(invoke("motion", "postpone", "tariffs", "--member", "georgia", "--reason", "my return", *at))
    assert "postponed at georgia's request" in ok(invoke("motion", "notice", "tariffs", "--db", db))
    again = invoke("motion", "postpone", "tariffs", "--member", "georgia", "--reason", "again", *at)
    assert "once per motion" in refused(again, "P12")


def test_p12_a_member_council_cannot_postpone_for_another_member(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    ok(invoke("motion", "circulate", "tariffs", *at))
    forged = invoke(
        "motion",
        "postpone",
        "tariffs",
        "--member",
        "georgia",
        "--reason",
        "x",
        "--actor",
        "council:armenia",
        *at,
    )
    assert forged.exit_code == 2 and len(forged.stderr.strip().splitlines()) == 1
