"""The presidency presides from the CLI (P5): where the charter has the presiding delegate
sign the union council's procedure, `session convene`, `motion table` and `vote count` are
signed by the presiding delegate of the day unless `--actor` says otherwise; the secretariat
is refused in one line naming who presides; `organ preside` designates the delegate for a
term and `organ presiding` shows who signs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import tomli_w
from typer.testing import CliRunner

from isonomia.cli.main import app
from isonomia.service import example_charter

runner = CliRunner()
MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")
FOUNDING = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-13")]


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def refused(result, principle: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"refused ({principle}): "), result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> str:
    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))
    data["presidency"]["presides"] = "delegate"
    data.pop("procedure", None)  # no minimum notice: these motions are voted the day drafted
    charter = tmp_path / "charter.toml"
    charter.write_text(tomli_w.dumps(data), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    ok(
        invoke(
            "init",
            "--charter",
            str(charter),
            "--db",
            url,
            "--clock",
            "simulated",
            "--at",
            "1922-12-30",
        )
    )
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *FOUNDING))
    for member in MEMBERS:
        ok(
            invoke(
                "organ",
                "delegate",
                "union-council",
                "--member",
                member,
                "--person",
                f"{member}-union-council",
                "--db",
                url,
                "--at",
                "1923-01-01",
            )
        )
    return url


def test_p5_the_presiding_delegate_signs_the_councils_procedure_from_the_cli(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-08"]
    line = refused(invoke("session", "convene", "s0", "--actor", "secretariat", *at), "P5")
    assert "rsfsr presides over union-council" in line
    assert "person:rsfsr-union-council" in line
    ok(invoke("session", "convene", "s1", *at))
    ok(
        invoke(
            "motion",
            "draft",
            "m1",
            "--organ",
            "union-council",
            "--title",
            "Rails",
            "--field",
            "railways",
            "--kind",
            "decision",
            "--force",
            "mandatory",
            *at,
        )
    )
    ok(invoke("motion", "table", "m1", "--session", "s1", *at))
    for member in MEMBERS:
        ok(
            invoke(
                "vote",
                "cast",
                "m1",
                "yes",
                "--member",
                member,
                "--as",
                f"{member}-union-council",
                *at,
            )
        )
    refused(invoke("vote", "count", "m1", "--actor", "person:ukraine-union-council", *at), "P5")
    assert "MotionAdopted" in ok(invoke("vote", "count", "m1", *at))
    # Publishing is left to the secretariat by default.
    ok(invoke("motion", "publish", "m1", *at))
    # The record replays: verification re-executes the rules, the presidency's included.
    assert ok(invoke("ledger", "verify", "--db", db)).startswith("OK")


def test_organ_preside_designates_who_signs_for_the_term(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-02"]
    ok(
        invoke(
            "organ",
            "delegate",
            "union-council",
            "--member",
            "rsfsr",
            "--person",
            "kalinin",
            *at,
        )
    )
    ok(invoke("organ", "preside", "kalinin", "--member", "rsfsr", "--term", "1", *at))
    shown = json.loads(ok(invoke("organ", "presiding", "--on", "1923-01-08", "--json", "--db", db)))
    assert shown[0]["member"] == "rsfsr"
    assert shown[0]["delegate"] == "person:kalinin"
    assert shown[0]["designated"] is True
    assert shown[0]["secretariat_acts"] == ["circulate", "publish"]
    later = ["--db", db, "--at", "1923-01-08"]
    refused(
        invoke("session", "convene", "s0", "--actor", "person:rsfsr-union-council", *later),
        "P5",
    )
    ok(invoke("session", "convene", "s1", *later))
    text = ok(invoke("organ", "presiding", "--on", "1923-04-02", "--db", db))
    assert "ukraine presides over union-council" in text
    assert "person:ukraine-union-council" in text
