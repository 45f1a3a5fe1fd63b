"""The voting commands: --index, estimates, refusals of odd input, plain-text names, CSV."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

import isonomia.service.voting as service_voting
from isonomia.cli import voting_commands
from isonomia.cli.voting_commands import register

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def _refused(result, text: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], lines
    assert "Traceback" not in result.output


def _weights(n: int) -> str:
    return ",".join(str(x) for x in np.random.default_rng(2024).integers(1, 1001, n))


def test_banzhaf_index_alone_for_500_players(app):
    result = runner.invoke(
        app, ["power", "--weights", _weights(500), "--quota", "0.5", "--index", "banzhaf", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["index"] == "banzhaf" and report["estimate"]["method"] == "weight table"
    assert all(p["shapley_shubik"] is None for p in report["players"])
    assert abs(sum(p["banzhaf"] for p in report["players"]) - 1) < 1e-9


def test_both_indices_keep_the_report_shape_and_carry_the_estimate(app):
    result = runner.invoke(app, ["power", "--weights", "4,3,2,1", "--quota", "6", "--json"])
    report = json.loads(result.stdout)
    assert report["index"] == "both" and report["quota"] == 6
    assert set(report["estimate"]) >= {"method", "seconds", "work"}
    assert all(isinstance(p["shapley_shubik"], float) for p in report["players"])


def test_a_long_computation_is_announced_before_it_starts(app, monkeypatch):
    monkeypatch.setattr(voting_commands, "WARN_AFTER_SECONDS", -1.0)
    monkeypatch.setattr(voting_commands, "PROGRESS_AFTER_SECONDS", -1.0)
    result = runner.invoke(app, ["power", "--weights", _weights(40), "--quota", "0.5"])
    assert result.exit_code == 0, result.output
    assert "exact Shapley–Shubik for 40 players" in result.stderr
    assert "use --index banzhaf" in result.stderr


def test_progress_is_fed_to_the_bar_for_long_runs(app, monkeypatch):
    calls: list[tuple[int, int]] = []
    original = service_voting.run_power

    def spy(plan, *, exact=False, progress=None):
        assert progress is not None

        def both(done: int, total: int) -> None:
            calls.append((done, total))
            progress(done, total)

        return original(plan, exact=exact, progress=both)

    monkeypatch.setattr(voting_commands, "PROGRESS_AFTER_SECONDS", -1.0)
    monkeypatch.setattr(service_voting, "run_power", spy)
    result = runner.invoke(app, ["power", "--weights", _weights(60), "--quota", "0.5", "--json"])
    assert result.exit_code == 0, result.output
    assert calls and calls[-1][0] == calls[-1][1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "3,2,1", "--quota", "2.7"], "quota must be a whole number of weight units"),
        (["--weights", ",,", "--quota", "1"], "no weights given"),
        (["--weights", "3,,1", "--quota", "2"], "weight 2 is empty"),
        (["--weights", "3,2.5,1", "--quota", "2"], "weight 2 must be a whole number"),
        (["--weights", "3,2,1", "--quota", "abc"], "the quota must be a number"),
        (["--weights", "3,2,1", "--quota", "2", "--index", "gini"], "unknown index 'gini'"),
    ],
)
def test_odd_power_arguments_are_refused_in_one_line(app, args, message):
    _refused(runner.invoke(app, ["power", *args]), message)


def test_whole_quota_written_with_a_point_is_accepted(app):
    result = runner.invoke(app, ["power", "--weights", "3,2,1", "--quota", "4.0", "--json"])
    assert json.loads(result.stdout)["quota"] == 4


def test_duplicated_member_names_are_refused_naming_the_line(app, tmp_path):
    members = tmp_path / "m.csv"
    members.write_text("name,weight\nA,3\nB,2\nA,1\n")
    _refused(
        runner.invoke(app, ["power", "--csv", str(members), "--quota", "4"]),
        "line 4: name 'A' is already used on line 2",
    )


def test_real_populations_of_twenty_members_are_counted_exactly(app, tmp_path):
    members = tmp_path / "m.csv"
    pops = np.random.default_rng(4).integers(300_000, 90_000_000, 20)
    members.write_text("name,population\n" + "".join(f"R{i},{p}\n" for i, p in enumerate(pops)))
    result = runner.invoke(
        app, ["power", "--csv", str(members), "--rule", "double-majority", "--exact", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["estimate"]["method"] == "halves"
    from fractions import Fraction

    assert sum(Fraction(p["banzhaf"]) for p in report["players"]) == 1


MARKUP = "# candidate: [bold]x[/]\n# candidate: [/]\n# candidate: Plain\n"
BALLOTS = MARKUP + "5: [bold]x[/] > [/] > Plain\n4: [/] > Plain > [bold]x[/]\n2: Plain > [/]\n"


@pytest.mark.parametrize("method", ["plurality", "schulze"])
def test_candidate_names_are_printed_as_text_not_markup(app, tmp_path, method):
    ballots = tmp_path / "b.txt"
    ballots.write_text(BALLOTS)
    result = runner.invoke(app, ["tally", "--method", method, "--ballots", str(ballots)])
    assert result.exit_code == 0, result.output
    winner = {"plurality": "[bold]x[/]", "schulze": "[/]"}[method]
    assert f"winner: {winner}\n" in result.stdout
    assert "[bold]x[/]" in result.stdout and "[/]" in result.stdout.replace("[bold]x[/]", "")


def test_elected_names_are_printed_as_text_not_markup(app, tmp_path):
    ballots = tmp_path / "b.txt"
    ballots.write_text(BALLOTS)
    result = runner.invoke(app, ["tally", "--method", "irv", "--ballots", str(ballots)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("elected: [/]")


def test_member_names_are_printed_as_text_not_markup(app, tmp_path):
    members = tmp_path / "m.csv"
    members.write_text("name,population\n[bold]x[/],100\n[/],50\n[red]z,10\n")
    power = runner.invoke(app, ["power", "--csv", str(members), "--quota", "0.5"])
    assert power.exit_code == 0, power.output
    assert "[bold]x[/]" in power.stdout and "[red]z" in power.stdout
    seats = runner.invoke(app, ["apportion", "--csv", str(members), "--seats", "5"])
    assert seats.exit_code == 0, seats.output
    assert "[bold]x[/]" in seats.stdout and "[/]" in seats.stdout.replace("[bold]x[/]", "")


def test_schulze_plain_output_shows_both_matrices(app, tmp_path):
    ballots = tmp_path / "b.txt"
    ballots.write_text(
        "# candidate: A\n# candidate: B\n# candidate: C\n5: A > B > C\n4: B > C > A\n2: C > A > B\n"
    )
    result = runner.invoke(app, ["tally", "--method", "schulze", "--ballots", str(ballots)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "voters preferring row to column" in out and "strongest paths" in out
    pairwise = next(line for line in out.splitlines() if "1 A" in line)
    assert [c for c in pairwise.replace("│", " ").split() if c.isdigit()][-2:] == ["7", "5"]


def test_apportion_prints_csv(app, tmp_path):
    members = tmp_path / "p.csv"
    members.write_text("name,population\nA,1000\nB,400\nC,100\n")
    result = runner.invoke(
        app, ["apportion", "--csv", str(members), "--seats", "10", "--csv-output"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["name"] for r in rows] == ["A", "B", "C"]
    assert sum(int(r["seats"]) for r in rows) == 10 and rows[0]["population"] == "1000"


def test_every_voting_command_prints_json(app, tmp_path):
    members = tmp_path / "p.csv"
    members.write_text("name,population\nA,1000\nB,400\nC,100\n")
    ballots = tmp_path / "b.txt"
    ballots.write_text("3: A > B\n2: B > A\n")
    for args in (
        ["power", "--csv", str(members), "--quota", "0.5", "--json"],
        ["tally", "--method", "plurality", "--ballots", str(ballots), "--json"],
        ["apportion", "--csv", str(members), "--seats", "4", "--json"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert isinstance(json.loads(result.stdout), dict)


def test_malformed_ballot_file_is_one_error_line(app, tmp_path):
    ballots = tmp_path / "b.txt"
    ballots.write_text("3: A > B\n-1: A\n")
    _refused(
        runner.invoke(app, ["tally", "--method", "plurality", "--ballots", str(ballots)]),
        "line 2: the count before ':' must be a positive whole number",
    )
