"""Delegations of several from the command line (issue 24): an organ's seats as a table, a
census update, proxies within a delegation, a split vote; refusals one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from isonomia.cli.main import app

runner = CliRunner()
MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")
FOUNDING = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-13")]
CONF = "joint-conference"


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
    url = f"sqlite:///{tmp_path / 'union.db'}"
    ok(invoke("init", "--db", url, "--clock", "simulated", "--at", "1922-12-30"))
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *FOUNDING))
    seated = [(m, f"{m}-conf") for m in MEMBERS] + [("ukraine", "ukr-2"), ("ukraine", "ukr-3")]
    for member, person in seated:
        ok(
            invoke(
                "organ",
                "delegate",
                CONF,
                "--member",
                member,
                "--person",
                person,
                "--db",
                url,
                "--at",
                "1923-01-01",
            )
        )
    return url


def test_organ_seats_shows_the_apportionment_and_a_census_changes_it(db: str) -> None:
    at = ["--db", db, "--on", "1923-01-02"]
    table = ok(invoke("organ", "seats", CONF, *at))
    assert "ukraine" in table and "adams" in table
    rows = json.loads(ok(invoke("organ", "seats", CONF, *at, "--json")))
    assert sum(r["seats"] for r in rows) == 24
    before = {r["member"]: r["seats"] for r in rows}
    census = ["--population", "90000000", "--population-year", "1927"]
    ok(
        invoke(
            "member",
            "census",
            "belorussia",
            *census,
            "--population-source",
            "estimate",
            "--db",
            db,
            "--at",
            "1923-01-02",
        )
    )
    after = {
        r["member"]: r["seats"]
        for r in json.loads(ok(invoke("organ", "seats", CONF, *at, "--json")))
    }
    assert after["belorussia"] > before["belorussia"]


def test_p2_a_census_only_by_the_members_own_council(db: str) -> None:
    line = refused(
        invoke(
            "member",
            "census",
            "ukraine",
            "--population",
            "1",
            "--population-year",
            "1927",
            "--population-source",
            "x",
            "--actor",
            "council:rsfsr",
            "--db",
            db,
            "--at",
            "1923-01-02",
        ),
        "P2",
    )
    assert "council" in line


def test_a_split_vote_with_a_proxy_and_its_refusals(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    ok(
        invoke(
            "delegation",
            "proxy",
            CONF,
            "--member",
            "ukraine",
            "--to",
            "ukr-2",
            "--as",
            "ukr-3",
            *at,
        )
    )
    across = invoke(
        "delegation",
        "proxy",
        CONF,
        "--member",
        "ukraine",
        "--to",
        "rsfsr-conf",
        "--as",
        "ukraine-conf",
        *at,
    )
    assert "within a delegation" in refused(across, "P4")
    ok(invoke("session", "convene", "c-1", "--organ", CONF, "--on", "1923-01-10", *at))
    ok(
        invoke(
            "motion",
            "draft",
            "m1",
            "--organ",
            CONF,
            "--title",
            "Engineers",
            "--field",
            "railways",
            "--kind",
            "resolution",
            "--force",
            "advisory",
            *at,
        )
    )
    ok(invoke("motion", "table", "m1", "--session", "c-1", *at))
    too_many = invoke(
        "vote", "cast", "m1", "--split", "yes=2,no=1", "--member", "ukraine", "--as", "ukr-2", *at
    )
    assert "holds 2 seats" in refused(too_many, "P12")
    said = ok(
        invoke(
            "vote",
            "cast",
            "m1",
            "--split",
            "yes=1,no=1,abstain=0",
            "--member",
            "ukraine",
            "--as",
            "ukr-2",
            *at,
        )
    )
    assert "yes=1" in said
    giver = invoke("vote", "cast", "m1", "no", "--member", "ukraine", "--as", "ukr-3", *at)
    assert "gave its proxy" in refused(giver, "P4")
    bad = invoke(
        "vote",
        "cast",
        "m1",
        "--split",
        "yes=one",
        "--member",
        "ukraine",
        "--as",
        "ukraine-conf",
        *at,
    )
    assert bad.exit_code == 2 and "--split" in bad.stderr
    for member in MEMBERS:
        ok(invoke("vote", "cast", "m1", "yes", "--member", member, "--as", f"{member}-conf", *at))
    assert "MotionAdopted" in ok(invoke("vote", "count", "m1", *at))
    ok(invoke("delegation", "revoke", CONF, "--member", "ukraine", "--as", "ukr-3", *at))
    again = invoke("delegation", "revoke", CONF, "--member", "ukraine", "--as", "ukr-3", *at)
    refused(again, "P4")
