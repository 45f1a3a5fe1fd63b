"""The command line as a person uses it: output, refusals (exit 2), failed checks (exit 1)."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from pathlib import Path

import pytest
import tomli_w
from typer.testing import CliRunner

from builders import example_1922
from isonomia.cli.main import app
from isonomia.service import example_charter
from played_demo import PlayedDemo

runner = CliRunner()

FOUNDING = [
    "--decision",
    "rsfsr:1922-12-26",
    "--decision",
    "ukraine:1922-12-13",
    "--decision",
    "belorussia:1922-12-18",
    "--decision",
    "georgia:1922-12-13",
    "--decision",
    "armenia:1922-12-13",
    "--decision",
    "azerbaijan:1922-12-13",
]


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def refused(result, principle: str | None = None) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    line = result.stderr.strip().splitlines()[0]
    if principle:
        assert line.startswith(f"refused ({principle}): "), line
    return line


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    assert invoke("init", "--db", url, "--clock", "simulated", "--at", "1922-12-30").exit_code == 0
    assert invoke("found", "--db", url, "--on", "1922-12-30", *FOUNDING).exit_code == 0
    return url


COMMANDS = [
    [],
    ["init"],
    ["found"],
    ["members"],
    ["presidency"],
    ["settle"],
    ["demo"],
    ["verify-export"],
    ["ledger", "verify"],
    ["ledger", "show"],
    ["member", "export"],
    ["accession", "decide"],
    ["accession", "admit"],
    ["secession", "decide"],
    ["secession", "withdraw"],
    ["secession", "obstruct"],
    ["projections", "rebuild"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "isonomia")
def test_every_command_has_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_init_with_three_mistakes_lists_all_three_with_paths_and_exits_2(tmp_path: Path) -> None:
    data = tomllib.loads(example_1922().read_text(encoding="utf-8"))
    data["members"][3]["languages"][0] = "xx-QQ"
    data["secession"]["notice_days"] = -1
    data["presidency"]["order"][0] = "russia"
    bad = tmp_path / "bad.toml"
    bad.write_text(tomli_w.dumps(data), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = invoke("init", "--charter", str(bad), "--db", url)
    assert refused(result) == "refused: the charter has 3 problems"
    lines = [line.strip() for line in result.stderr.strip().splitlines()[1:]]
    assert lines == [
        "members[3].languages[0]: 'xx-QQ' is not a known language tag (P14)",
        "presidency.order[0]: 'russia' is not a member",
        "secession.notice_days: input should be greater than or equal to 0",
    ]
    assert not (tmp_path / "x.db").exists()  # nothing written


def test_init_twice_is_refused(db: str) -> None:
    line = refused(invoke("init", "--db", db))
    assert "already holds a union" in line and "(P10)" in line


def test_commands_on_a_missing_database_say_to_init_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    assert "run `isonomia init` first" in refused(invoke("members", "--db", url))
    assert not (tmp_path / "none.db").exists()


def test_members_and_presidency_show_the_union(db: str) -> None:
    result = invoke("members", "--db", db, "--on", "1923-01-01")
    assert result.exit_code == 0
    for member in ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"):
        assert member in result.stdout
    result = invoke("presidency", "--db", db, "--on", "1923-04-01", "--terms", "2")
    assert result.exit_code == 0
    assert "ukraine" in result.stdout and "presiding" in result.stdout
    assert "georgia" in result.stdout and "belorussia" in result.stdout


def test_p2_accession_and_admission_from_the_cli(db: str) -> None:
    common = [
        "--name",
        "Uzbek SSR",
        "--congress",
        "All-Uzbek Congress of Soviets",
        "--population",
        "5272801",
        "--population-year",
        "1926",
        "--population-source",
        "1926 census",
        "--accepts",
        "military,diplomacy",
    ]
    bad_tag = invoke(
        "accession",
        "decide",
        "uzbekistan",
        *common,
        "--language",
        "xx-QQ",
        "--db",
        db,
        "--at",
        "1925-02-17",
    )
    assert "is not a known language tag" in refused(bad_tag, "P14")
    by_organ = invoke(
        "accession",
        "decide",
        "uzbekistan",
        *common,
        "--language",
        "uz",
        "--actor",
        "organ:union-council",
        "--db",
        db,
        "--at",
        "1925-02-17",
    )
    refused(by_organ, "P2")
    no_department = invoke(
        "accession",
        "decide",
        "uzbekistan",
        *common,
        "--language",
        "uz",
        "--joins",
        "narkomput",
        "--db",
        db,
        "--at",
        "1925-02-17",
    )
    assert "no joint department 'narkomput'" in refused(no_department, "P7")
    ok = invoke(
        "accession",
        "decide",
        "uzbekistan",
        *common,
        "--language",
        "uz",
        "--db",
        db,
        "--at",
        "1925-02-17",
    )
    assert ok.exit_code == 0, ok.stderr
    everyone = "rsfsr,ukraine,belorussia,georgia,armenia,azerbaijan"
    asserted = invoke(
        "accession", "admit", "uzbekistan", "--yes", everyone, "--db", db, "--at", "1925-05-13"
    )
    assert asserted.exit_code == 2 and "--yes" in asserted.stderr  # no one fills in votes
    _admitted_by_the_delegations_own_votes(db)


def _admitted_by_the_delegations_own_votes(db: str) -> None:
    """Ukraine's council tables the admission motion; each delegation votes itself; the
    count waits for every delegation present (P2, P4)."""
    opens, closes = "1925-05-11", "1925-05-13"
    # The draft goes to every council the charter's notice ahead of the vote (P4).
    moved = invoke("accession", "admit", "uzbekistan", "--db", db, "--at", "1925-04-20")
    assert moved.exit_code == 0 and "admission-uzbekistan" in moved.stdout, moved.stderr
    circulated = invoke(
        "motion", "circulate", "admission-uzbekistan", "--db", db, "--at", "1925-04-20"
    )
    assert circulated.exit_code == 0, circulated.stderr
    for member in ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"):
        seated = invoke(
            "organ", "delegate", "union-council", "--member", member, "--person", f"{member}-uc",
            "--db", db, "--at", opens,
        )  # fmt: skip
        assert seated.exit_code == 0, seated.stderr
    convened = invoke("session", "convene", "uc-1", "--on", opens, "--db", db, "--at", opens)
    assert convened.exit_code == 0, convened.stderr
    tabled = invoke(
        "motion", "table", "admission-uzbekistan", "--session", "uc-1", "--voting-closes-on",
        closes, "--actor", "council:ukraine", "--db", db, "--at", opens,
    )  # fmt: skip
    assert tabled.exit_code == 0, tabled.stderr
    for member in ("rsfsr", "ukraine", "belorussia", "armenia", "azerbaijan"):
        cast = invoke(
            "vote", "cast", "admission-uzbekistan", "yes", "--member", member, "--as",
            f"{member}-uc", "--db", db, "--at", opens,
        )  # fmt: skip
        assert cast.exit_code == 0, cast.stderr
    early = invoke("vote", "count", "admission-uzbekistan", "--db", db, "--at", opens)
    assert "have not voted yet: georgia" in refused(early, "P4")
    cast = invoke(
        "vote", "cast", "admission-uzbekistan", "yes", "--member", "georgia", "--as",
        "georgia-uc", "--db", db, "--at", closes,
    )  # fmt: skip
    assert cast.exit_code == 0, cast.stderr
    counted = invoke("vote", "count", "admission-uzbekistan", "--db", db, "--at", closes)
    assert counted.exit_code == 0, counted.stderr
    assert "unanimous" in counted.stdout and "uzbekistan: MemberAdmitted" in counted.stdout


def test_p3_no_organ_can_block_secession_from_the_cli(db: str) -> None:
    assert invoke("secession", "decide", "georgia", "--db", db, "--at", "1926-03-01").exit_code == 0
    line = refused(invoke("secession", "obstruct", "georgia", "--db", db, "--at", "1926-03-02"))
    assert line == (
        "refused (P3): secession is decided by the member's own congress; "
        "no union organ can block it"
    )
    by_council = invoke(
        "secession",
        "decide",
        "armenia",
        "--actor",
        "organ:union-council",
        "--db",
        db,
        "--at",
        "1926-03-02",
    )
    refused(by_council, "P3")
    settled = invoke("settle", "--db", db, "--at", "1926-05-30")
    assert "SecessionTookEffect" in settled.stdout
    members = invoke("members", "--db", db, "--on", "1926-06-01")
    assert "seceded" in members.stdout


def test_bad_dates_are_one_line_refusals(db: str) -> None:
    line = refused(invoke("members", "--db", db, "--on", "30/12/1922"))
    assert "is not a date" in line


def test_p18_ledger_verify_names_the_entry_whose_payload_byte_changed(
    db: str, tmp_path: Path
) -> None:
    ok = invoke("ledger", "verify", "--db", db)
    assert ok.exit_code == 0 and re.match(
        r"OK \d+ entries, head \w+; \d+ signed commands re-derived", ok.stdout
    )
    conn = sqlite3.connect(tmp_path / "union.db")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE ledger SET payload = payload WHERE sequence = 2")
    conn.execute("DROP TRIGGER ledger_refuse_update")
    payload = conn.execute("SELECT payload FROM ledger WHERE sequence = 2").fetchone()[0]
    changed = payload.replace("100891244", "100891245")
    assert changed != payload and len(changed) == len(payload)
    conn.execute("UPDATE ledger SET payload = ? WHERE sequence = 2", (changed,))
    conn.commit()
    conn.close()
    result = invoke("ledger", "verify", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("entry 2: ")


def test_p3_member_export_verifies_offline_and_a_tampered_copy_is_rejected(
    db: str, tmp_path: Path
) -> None:
    invoke("secession", "decide", "georgia", "--db", db, "--at", "1926-03-01")
    out = tmp_path / "georgia.json"
    result = invoke("member", "export", "georgia", "--out", str(out), "--db", db)
    assert result.exit_code == 0
    log_key = invoke("ledger", "verifier-keys", "--log", "--db", db).stdout.strip()
    checked = invoke("verify-export", str(out), "--log-key", log_key)
    assert checked.exit_code == 0 and re.search(r": OK \d+ entries", checked.stdout)
    doc = json.loads(out.read_text(encoding="utf-8"))
    for entry in doc["entries"]:
        if entry.get("event_type") == "SecessionDecided":
            entry["payload"]["decided_on"] = "1926-01-01"
            number = entry["sequence"]
    out.write_text(json.dumps(doc), encoding="utf-8")
    rejected = invoke("verify-export", str(out), "--log-key", log_key)
    assert rejected.exit_code == 1
    assert rejected.stderr.strip().startswith(f"entry {number}: ")


def test_export_of_a_stranger_is_refused(db: str, tmp_path: Path) -> None:
    result = invoke("member", "export", "atlantis", "--out", str(tmp_path / "a.json"), "--db", db)
    assert "never been a member" in refused(result)


def test_projections_rebuild_reports_identical_tables(db: str) -> None:
    result = invoke("projections", "rebuild", "--db", db)
    assert result.exit_code == 0 and "identical" in result.stdout


def test_demo_plays_the_worked_example_from_a_fresh_file(played_demo: PlayedDemo) -> None:
    out = played_demo.stdout
    assert "founded on 1922-12-30 by formal unification" in out
    assert "it would hold 100% of the voting power: a dictator (rsfsr)" in out
    assert "admits Uzbekistan" in out
    assert "no union organ can block it" in out
    assert "takes effect by itself" in out
    assert "verified offline, with no database: OK" in out
    assert "is rejected" in out and "hash does not match" in out
    assert (played_demo.folder / "georgia-export.json").exists()
    # Organs and acts (issue 3): each point of the demo, in the words it prints.
    assert "the decision stays in force (P6)" in out
    assert "1923-01-11: in force, 1923-01-14: in force" in out
    assert "amended by the union council on appeal georgia-1" in out
    assert "refused (P8): snk-grain-fund is conditionally mandatory" in out
    assert "snk-grain-fund carried out (urgent; upheld)" in out
    assert "not yet: azerbaijan" in out
    assert "seat Moscow: operational" in out
    assert "refused (P11): culture belongs to the members" in out
    assert "refused (P9): conf-theatres is a resolution of joint-conference" in out


def test_p13_audit_shows_the_1922_union_without_a_dictator_and_the_population_rule_with_one(
    tmp_path: Path,
) -> None:
    chart = tmp_path / "power.png"
    result = invoke("audit", str(example_1922()), "--plot", str(chart))
    assert result.exit_code == 0, result.stderr
    assert "safeguards hold" in result.stdout
    assert "rsfsr can pass decisions alone under rule 'population-majority'" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")
    data = json.loads(invoke("audit", str(example_1922()), "--json").stdout)
    assert data["sound"] is True
    assert data["population_majority"]["dictator"] == "rsfsr"
    ordinary = next(r for r in data["rules"] if r["rule"] == "ordinary")
    assert {m["id"] for m in ordinary["members"]} >= {"rsfsr", "georgia"}


def test_p13_audit_before_and_after_an_amendment(tmp_path: Path) -> None:
    data = tomllib.loads(example_1922().read_text(encoding="utf-8"))
    ordinary = next(r for r in data["decision_rules"] if r["id"] == "ordinary")
    ordinary["min_blocking"] = 3
    amended = tmp_path / "amended.toml"
    amended.write_text(tomli_w.dumps(data), encoding="utf-8")
    result = invoke("audit", str(amended), "--before", str(example_1922()), "--json")
    changes = json.loads(result.stdout)["changes"]
    rsfsr = next(c for c in changes if c["rule"] == "ordinary" and c["member"] == "rsfsr")
    assert rsfsr["banzhaf_before"] == pytest.approx(0.3)
    assert rsfsr["banzhaf_after"] == pytest.approx(1 / 6)


def test_p12_init_refuses_a_charter_that_breaks_its_own_safeguards(tmp_path: Path) -> None:
    data = tomllib.loads(example_charter("cooperatives").read_text(encoding="utf-8"))
    next(r for r in data["decision_rules"] if r["id"] == "ordinary")["threshold"] = 0.5
    bad = tmp_path / "coop.toml"
    bad.write_text(tomli_w.dumps(data), encoding="utf-8")
    audit = invoke("audit", str(bad))
    assert audit.exit_code == 1 and "breach (P12)" in audit.stdout
    line = refused(invoke("init", "--charter", str(bad), "--db", f"sqlite:///{tmp_path / 'c.db'}"))
    assert line.startswith("refused (P12): the charter breaks its own safeguards: terra-viva")
    assert not (tmp_path / "c.db").exists()
