"""National languages from the CLI (P14): refusals are one line, exit 2, nothing written;
`act status` and `languages report` show where an act waits for its versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_world import founded_1922
from typer.testing import CliRunner, Result

from isonomia.cli.main import app
from played_demo import PlayedDemo

runner = CliRunner()
MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def refused(result: Result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refused (P14): "), result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = founded_1922(tmp_path)
    at = ["--db", url, "--at", "1923-01-10"]
    for member in MEMBERS:
        ok(invoke("organ", "delegate", "sto", "--member", member, "--person", f"{member}-sto", *at))
    ok(invoke("session", "convene", "sto-1", "--organ", "sto", "--on", "1923-01-10", *at))
    draft = ["--organ", "sto", "--title", "Tariffs", "--field", "railways"]
    ok(
        invoke(
            "motion", "draft", "tariffs", *draft, "--kind", "decision", "--force", "mandatory", *at
        )
    )
    ok(invoke("motion", "table", "tariffs", "--session", "sto-1", *at))
    for member in MEMBERS:
        vote = ["tariffs", "yes", "--member", member, "--as", f"{member}-sto"]
        ok(invoke("vote", "cast", *vote, *at))
    ok(invoke("vote", "count", "tariffs", *at))
    ok(invoke("motion", "publish", "tariffs", *at))
    return url


@pytest.mark.parametrize(
    "command",
    [
        ["languages"],
        *(
            ["languages", c]
            for c in (
                "rules",
                "submit",
                "certify",
                "certifier",
                "waive",
                "send",
                "original",
                "report",
            )
        ),
        ["act", "status"],
    ],
    ids=" ".join,
)
def test_every_languages_command_has_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_p14_from_the_cli_an_act_waits_for_georgian_and_the_report_shows_it(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    before = ok(invoke("ledger", "show", "--db", db))
    union = invoke("languages", "rules", "ukraine", "--staff", "uk", "--actor", "secretariat", *at)
    assert "the member's own council" in refused(union)
    assert ok(invoke("ledger", "show", "--db", db)) == before
    for language in ("ru", "uk", "be", "pl", "yi", "hy", "az"):
        ok(invoke("languages", "submit", "tariffs", language, f"[{language}]", *at))
    for language, member in [
        ("ru", "rsfsr"),
        ("ru", "ukraine"),
        ("ru", "belorussia"),
        ("uk", "ukraine"),
        ("be", "belorussia"),
        ("pl", "belorussia"),
        ("yi", "belorussia"),
        ("hy", "armenia"),
        ("az", "azerbaijan"),
    ]:
        ok(invoke("languages", "certify", "tariffs", language, "--actor", f"council:{member}", *at))
    status = json.loads(
        ok(invoke("act", "status", "tariffs", "--json", "--db", db, "--on", "1923-01-12"))
    )
    by_member = {row["member"]: row["status"] for row in status}
    unknown = invoke("act", "status", "nothing", "--db", db)
    assert unknown.exit_code == 2 and "no act 'nothing'" in unknown.stderr
    assert (
        by_member["rsfsr"] == "in force"
        and by_member["georgia"] == "adopted, awaiting ka from council:georgia"
    )
    report = json.loads(
        ok(invoke("languages", "report", "--json", "--db", db, "--on", "1923-01-12"))
    )
    assert [(r["member"], r["language"], r["days"]) for r in report] == [("georgia", "ka", 2)]
    ok(invoke("languages", "rules", "georgia", "--correspondence", "ka", *at))
    letter = invoke("languages", "send", "sto", "georgia", "--version", "ru=Письмо", *at)
    assert "Georgian (ka)" in refused(letter)
    later = ["--db", db, "--at", "1923-01-15"]
    ok(invoke("languages", "submit", "tariffs", "ka", "[ka]", *later))
    ok(invoke("languages", "certify", "tariffs", "ka", "--actor", "council:georgia", *later))
    assert "no gaps" in ok(invoke("languages", "report", "--db", db, "--on", "1923-01-15"))


def test_p14_the_department_list_shows_the_languages_its_people_command(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    ok(invoke("department", "propose", "nkps", "--name", "Railways", "--field", "railways", *at))
    for member in MEMBERS:
        ok(invoke("department", "consent", "nkps", "--member", member, *at))
    ok(invoke("languages", "rules", "ukraine", "--staff", "uk", *at))
    who = ["nkps", "--member", "ukraine", "--person", "petrov"]
    assert "Ukrainian (uk)" in refused(
        invoke("department", "staff", *who, "--languages", "ru", *at)
    )
    ok(invoke("department", "staff", *who, "--languages", "uk,ru", *at))
    rep = ["nkps", "--member", "ukraine", "--person", "kovalenko", "--languages", "uk"]
    ok(invoke("department", "represent", *rep, *at))
    listing = ok(invoke("department", "list", "--db", db, "--on", "1923-01-10"))
    assert "languages in ukraine: ru, uk" in listing
    rows = json.loads(ok(invoke("department", "list", "--json", "--db", db, "--on", "1923-01-10")))
    assert rows[0]["languages"] == {"ukraine": ["ru", "uk"]}


def test_p14_the_demo_shows_an_act_taking_effect_member_by_member(
    played_demo: PlayedDemo,
) -> None:
    out = played_demo.stdout
    assert "refused (P14): AdoptLanguageRules is for the member's own council" in out
    council = out.split("takes effect member by member")[1].split("compliance report")[0]
    in_force = [m for m in MEMBERS if f"{m}: in force" in council]
    # Each council certified its own member's versions, the Russian one included: the RSFSR's
    # certification counts for the RSFSR alone (P14).
    assert in_force == ["rsfsr", "ukraine", "belorussia"]
    assert "georgia: adopted, awaiting ka" in council
    assert "georgia ka: awaiting version uc-railway-signals since 1925-06-15 (0 days)" in out
    assert "refused (P14): ukraine's language rules require the union's staff there" in out
    georgian = out.split("certifies the Georgian version on 1925-06-20")[1]
    assert "georgia: in force" in georgian.split("compliance report")[0]
    assert "awaiting version uc-railway-signals" in georgian  # azerbaijan, uzbekistan still
    assert "georgia ka: awaiting version uc-railway-signals" not in georgian
    assert "in Georgian (--lang ka): უარყოფილია (P14): georgia-ის ენობრივი წესები" in out


def test_p14_members_speaks_ukrainian_and_georgian_with_local_dates_and_numbers(db: str) -> None:
    spaced = ok(invoke("--lang", "uk", "members", "--db", db, "--on", "1923-01-10"))
    ukrainian = spaced.replace("\u00a0", " ").replace("\u202f", " ")  # CLDR's narrow spaces
    assert "Члени на 10 січ. 1923 р." in ukrainian and "населення" in ukrainian
    assert "100 891 244" in ukrainian  # grouped the Ukrainian way
    georgian = runner.invoke(
        app, ["members", "--db", db, "--on", "1923-01-10"], env={"ISONOMIA_LANG": "ka"}
    )
    assert "წევრები" in ok(georgian) and "მოსახლეობა" in georgian.stdout
    english = ok(invoke("members", "--db", db, "--on", "1923-01-10"))
    assert "Members on 1923-01-10" in english and "100,891,244" in english


def test_p14_refusals_are_said_in_the_chosen_language(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-10"]
    result = invoke("--lang", "ka", "languages", "rules", "georgia", "--actor", "secretariat", *at)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "უარყოფილია (P14): AdoptLanguageRules არის წევრის საკუთარი საბჭოს საქმე; "
        "secretariat ვერ გასცემს მას"
    )
    ok(invoke("languages", "rules", "georgia", "--correspondence", "ka", *at))
    letter = invoke("--lang", "uk", "languages", "send", "sto", "georgia", "--version", "ru=x", *at)
    assert "мовні правила georgia вимагають листування мовою: грузинська (ka)" in letter.stderr
    block = invoke("--lang", "uk", "secession", "obstruct", "georgia", *at)
    assert block.stderr.startswith("відмовлено (P3): про вихід вирішує власний з'їзд члена")
    unknown = invoke("--lang", "fr", "members", "--db", db)
    assert unknown.exit_code == 2 and "shipped: en, uk, ka" in unknown.stderr
