from __future__ import annotations

import json
from fractions import Fraction

import pytest
import typer
from typer.testing import CliRunner

from isonomia.cli.voting_commands import register
from isonomia.service.voting import brute_force_power_report, parse_weights

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_power_json_matches_brute_force(app):
    result = runner.invoke(
        app, ["power", "--weights", "9,9,7,3,1,1", "--quota", "16", "--json", "--exact"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {"players", "dictator", "veto_players", "dummies", "quota"}
    assert set(report["players"][0]) >= {
        "name",
        "weight",
        "banzhaf",
        "banzhaf_absolute",
        "shapley_shubik",
    }
    reference = brute_force_power_report(parse_weights("9,9,7,3,1,1"), 16)
    assert report["players"] == reference["players"]
    assert [Fraction(p["banzhaf"]) for p in report["players"]][:3] == [Fraction(1, 3)] * 3
    assert report["dummies"] == ["M4", "M5", "M6"]


def test_power_share_quota_and_double_majority_from_csv(app, tmp_path):
    csv = tmp_path / "members.csv"
    csv.write_text("name,population\nA,50\nB,30\nC,10\nD,5\nE,5\n")
    result = runner.invoke(
        app,
        ["power", "--csv", str(csv), "--rule", "double-majority", "--min-blocking", "2", "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [p["name"] for p in report["players"]] == ["A", "B", "C", "D", "E"]
    assert abs(sum(p["banzhaf"] for p in report["players"]) - 1) < 1e-12
    share = runner.invoke(app, ["power", "--weights", "1,1,1", "--quota", "0.5", "--json"])
    assert json.loads(share.stdout)["quota"] == 2


def test_power_table_output_has_bars(app):
    result = runner.invoke(app, ["power", "--weights", "3,2,1", "--quota", "4"])
    assert result.exit_code == 0 and "█" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["power", "--weights", "9,9,7,3,1,1", "--quota", "50"],
        ["power", "--weights", "a,b", "--quota", "1"],
        ["power", "--csv", "/no/such/file.csv", "--quota", "2"],
        ["power", "--weights", "1,2", "--quota", "2", "--rule", "bogus"],
        ["tally", "--method", "bogus", "--ballots", "x.txt"],
        ["tally", "--method", "schulze", "--ballots", "/no/such/ballots.txt"],
        ["apportion", "--csv", "/no/such.csv", "--seats", "3"],
    ],
)
def test_bad_input_is_one_error_line_and_exit_code_2(app, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in result.output


def test_tally_schulze_and_stv_json(app, tmp_path):
    ballots = tmp_path / "b.txt"
    ballots.write_text(
        "# candidate: A\n# candidate: B\n# candidate: C\n5: A > B > C\n4: B > C > A\n2: C > A > B\n"
    )
    schulze = json.loads(
        runner.invoke(
            app, ["tally", "--method", "schulze", "--ballots", str(ballots), "--json"]
        ).stdout
    )
    assert set(schulze) >= {"winner", "ranking", "pairwise", "strongest_paths"}
    assert schulze["pairwise"][0][1] == 7
    stv = json.loads(
        runner.invoke(
            app, ["tally", "--method", "stv", "--seats", "2", "--ballots", str(ballots), "--json"]
        ).stdout
    )
    assert set(stv) >= {"quota", "elected", "rounds"} and stv["elected"] == ["A", "B"]


def test_apportion_json(app, tmp_path):
    csv = tmp_path / "p.csv"
    csv.write_text("name,population\nA,1000\nB,400\nC,100\n")
    result = runner.invoke(
        app,
        [
            "apportion",
            "--csv",
            str(csv),
            "--seats",
            "10",
            "--base",
            "1",
            "--min",
            "2",
            "--max",
            "6",
            "--method",
            "webster",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert sum(m["seats"] for m in report["members"]) == 10
    assert report["degressively_proportional"] is True
