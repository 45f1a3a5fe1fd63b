"""The organs-and-acts commands as a person uses them: refusals are one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from isonomia.cli.main import app

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


GROUPS = [
    ["organ"],
    ["organ", "list"],
    ["organ", "delegate"],
    ["organ", "recall"],
    ["session"],
    ["session", "convene"],
    ["session", "list"],
    ["motion"],
    ["motion", "draft"],
    ["motion", "table"],
    ["motion", "amend"],
    ["motion", "publish"],
    ["motion", "list"],
    ["motion", "show"],
    ["vote"],
    ["vote", "cast"],
    ["vote", "count"],
    ["appeal"],
    ["appeal", "file"],
    ["appeal", "list"],
    ["directive"],
    ["directive", "request"],
    ["directive", "instruct"],
    ["directive", "comply"],
    ["directives"],
    ["department"],
    ["department", "propose"],
    ["department", "consent"],
    ["department", "represent"],
    ["department", "staff"],
    ["department", "list"],
    ["conference"],
    ["conference", "resolutions"],
    ["conference", "bind"],
    ["competences"],
    ["competences", "show"],
    ["competences", "history"],
    ["competences", "set"],
]


@pytest.mark.parametrize("command", GROUPS, ids=" ".join)
def test_every_organs_and_acts_command_has_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    ok(invoke("init", "--db", url, "--clock", "simulated", "--at", "1922-12-30"))
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *FOUNDING))
    for member in MEMBERS:
        for organ in ("union-council", "sto"):
            ok(
                invoke(
                    "organ",
                    "delegate",
                    organ,
                    "--member",
                    member,
                    "--person",
                    f"{member}-{organ}",
                    "--db",
                    url,
                    "--at",
                    "1923-01-01",
                )
            )
    return url


def test_p6_an_executive_decision_appealed_from_the_cli_stays_in_force(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    ok(invoke("session", "convene", "sto-1", "--organ", "sto", "--on", "1923-01-10", *at))
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
    ok(invoke("motion", "table", "tariffs", "--session", "sto-1", *at))
    stranger = invoke(
        "vote", "cast", "tariffs", "yes", "--member", "armenia", "--as", "georgia-sto", *at
    )
    assert "does not sit for armenia" in refused(stranger, "P4")
    for member in MEMBERS:
        ok(
            invoke(
                "vote", "cast", "tariffs", "yes", "--member", member, "--as", f"{member}-sto", *at
            )
        )
    assert "MotionAdopted" in ok(invoke("vote", "count", "tariffs", *at))
    ok(invoke("motion", "publish", "tariffs", *at))
    later = ["--db", db, "--at", "1923-01-12"]
    for_other = invoke(
        "appeal",
        "file",
        "g1",
        "--act",
        "tariffs",
        "--member",
        "armenia",
        "--ground",
        "x",
        "--as",
        "georgia-union-council",
        *later,
    )
    refused(for_other, "P6")
    ok(
        invoke(
            "appeal",
            "file",
            "g1",
            "--act",
            "tariffs",
            "--member",
            "georgia",
            "--ground",
            "harms grain imports",
            *later,
        )
    )
    listing = ok(invoke("appeal", "list", "--db", db, "--on", "1923-01-13"))
    assert "pending" in listing and "g1" in listing
    shown = ok(invoke("motion", "show", "tariffs", "--db", db, "--on", "1923-01-13"))
    assert "in force on 1923-01-13" in shown and "appealed by georgia" in shown
    too_late = invoke(
        "appeal",
        "file",
        "a1",
        "--act",
        "tariffs",
        "--member",
        "armenia",
        "--ground",
        "other",
        "--db",
        db,
        "--at",
        "1923-03-01",
    )
    assert "deadline" in refused(too_late, "P6")


def test_p11_p9_p10_refusals_from_the_cli_write_nothing(db: str) -> None:
    before = ok(invoke("ledger", "verify", "--db", db))
    culture = invoke(
        "motion",
        "draft",
        "schools",
        "--organ",
        "union-council",
        "--title",
        "T",
        "--field",
        "culture",
        "--kind",
        "decision",
        "--force",
        "mandatory",
        "--db",
        db,
        "--at",
        "1923-01-15",
    )
    assert refused(culture, "P11") == (
        "refused (P11): culture belongs to the members; a binding union act there is refused "
        "(an advisory one is allowed)"
    )
    conference = invoke(
        "motion",
        "draft",
        "r1",
        "--organ",
        "joint-conference",
        "--title",
        "T",
        "--field",
        "railways",
        "--kind",
        "resolution",
        "--force",
        "mandatory",
        "--db",
        db,
        "--at",
        "1923-01-15",
    )
    refused(conference, "P9")
    refused(invoke("competences", "set", "railways", "reserved", "--db", db), "P10")
    refused(invoke("competences", "set", "culture", "joint", "--db", db), "P11")
    assert ok(invoke("ledger", "verify", "--db", db)) == before
    shown = ok(invoke("competences", "show", "--db", db, "--on", "1923-01-15"))
    assert "culture" in shown and "reserved" in shown


def test_p7_departments_from_the_cli_show_consents_and_gaps(db: str) -> None:
    at = ["--db", db, "--at", "1923-02-01"]
    ok(
        invoke(
            "department", "propose", "narkomput", "--name", "Railways", "--field", "railways", *at
        )
    )
    for member in MEMBERS[:-1]:
        ok(invoke("department", "consent", "narkomput", "--member", member, *at))
    pending = ok(invoke("department", "list", "--db", db, "--on", "1923-02-01"))
    assert "proposed" in pending and "not consented: azerbaijan" in pending
    refused(
        invoke("department", "represent", "narkomput", "--member", "rsfsr", "--person", "x", *at),
        "P7",
    )
    ok(invoke("department", "consent", "narkomput", "--member", "azerbaijan", *at))
    joint = ok(invoke("department", "list", "--db", db, "--on", "1923-02-01"))
    assert "joint" in joint and "gap in georgia" in joint


def test_directives_lists_what_a_member_owes(db: str) -> None:
    result = ok(invoke("directives", "--member", "georgia", "--db", db))
    assert "Directives to georgia" in result
