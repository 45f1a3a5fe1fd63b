"""The interface in Ukrainian and Georgian (P14): a refusal is recorded once, as a message id
with its fields, and said in the chosen language on one line (exit 2); `--lang` is taken before
or after the command; dates, weekdays and numbers follow the locale; English is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from builders import example_1922
from isonomia.cli.main import app, lang_first

runner = CliRunner()
MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")
FOUNDING = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-13")]
#: The union council meets on Mondays; 1923-01-16 is a Tuesday.
TUESDAY = "1923-01-16"


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def one_refusal(result: Result) -> str:
    """The refusal's one line on stderr; exit 2, nothing on stdout."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and not result.stdout, (result.stdout, result.stderr)
    return lines[0].replace("\u00a0", " ").replace("\u202f", " ")  # CLDR's narrow spaces


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    charter = ["--charter", str(example_1922())]  # the secretariat convenes there
    ok(invoke("init", *charter, "--db", url, "--clock", "simulated", "--at", "1922-12-30"))
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *FOUNDING))
    return url


def _convene_on_tuesday(db: str, *lang: str) -> Result:
    at = ["--db", db, "--at", "1923-01-10"]
    return invoke(
        *lang, "session", "convene", "c-1", "--organ", "union-council", "--on", TUESDAY, *at
    )


def test_p14_a_refusal_is_one_line_in_english_ukrainian_and_georgian(db: str) -> None:
    english = one_refusal(_convene_on_tuesday(db))
    assert english == ("refused (P4): the union council meets on mondays; 1923-01-16 is a tuesday")
    ukrainian = one_refusal(_convene_on_tuesday(db, "--lang", "uk"))
    assert ukrainian.startswith("відмовлено (P4): рада союзу збирається")
    assert "«понеділок»" in ukrainian and "«вівторок»" in ukrainian
    assert "16 січ. 1923 р." in ukrainian  # the day in the Ukrainian way
    georgian = one_refusal(_convene_on_tuesday(db, "--lang", "ka"))
    assert georgian.startswith("უარყოფილია (P4): კავშირის საბჭო იკრიბება")
    assert "ორშაბათი" in georgian and "სამშაბათი" in georgian
    assert "1923" in georgian and TUESDAY not in georgian
    listed = ok(invoke("session", "list", "--db", db))
    assert "c-1" not in listed  # a refusal writes nothing, in any language


def test_p14_lang_is_taken_after_the_command_too(db: str) -> None:
    before = ok(invoke("--lang", "ka", "members", "--db", db, "--on", "1923-01-10"))
    after = ok(invoke("members", "--db", db, "--on", "1923-01-10", "--lang", "ka"))
    assert before == after and "წევრები" in after and "მოსახლეობა" in after
    joined = ok(invoke("members", "--lang=uk", "--db", db, "--on", "1923-01-10"))
    assert "Члени на" in joined and "населення" in joined
    refusal = one_refusal(_convene_on_tuesday(db, "--lang", "uk"))
    convene = ["session", "convene", "c-1", "--organ", "union-council", "--on", TUESDAY]
    late = invoke(*convene, "--db", db, "--at", "1923-01-10", "--lang", "uk")
    assert one_refusal(late) == refusal
    unknown = invoke("members", "--db", db, "--lang", "fr")
    assert unknown.exit_code == 2 and "shipped: en, uk, ka" in unknown.stderr


def test_lang_first_moves_only_the_language_option() -> None:
    assert lang_first(["members", "--lang", "ka", "--db", "x"]) == [
        "--lang",
        "ka",
        "members",
        "--db",
        "x",
    ]
    assert lang_first(["a", "--lang=uk", "b"]) == ["--lang=uk", "a", "b"]
    assert lang_first(["a", "--", "--lang", "ka"]) == ["a", "--", "--lang", "ka"]


def test_p14_a_service_error_is_said_in_the_chosen_language(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    english = invoke("members", "--db", missing)
    assert english.exit_code == 2 and "no union database at" in english.stderr
    ukrainian = invoke("members", "--db", missing, "--lang", "uk")
    assert ukrainian.exit_code == 2 and "немає бази даних союзу" in ukrainian.stderr
    georgian = invoke("members", "--db", missing, "--lang", "ka")
    assert georgian.exit_code == 2 and "კავშირის მონაცემთა ბაზა არ არის" in georgian.stderr


def test_p14_tables_show_dates_and_numbers_in_the_locale(db: str) -> None:
    english = ok(invoke("presidency", "--db", db, "--on", "1923-01-10"))
    assert "Presidency from 1923-01-10" in english
    ukrainian = ok(invoke("presidency", "--db", db, "--on", "1923-01-10", "--lang", "uk"))
    spaced = ukrainian.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Головування з 10 січ. 1923 р." in spaced and "1923-01-10" not in spaced
    georgian = ok(invoke("members", "--db", db, "--on", "1923-01-10", "--lang", "ka"))
    assert "100 891 244" in georgian.replace("\u00a0", " ")  # grouped the Georgian way


def test_p14_a_charter_s_problems_are_listed_in_the_chosen_language(tmp_path: Path) -> None:
    import tomllib

    import tomli_w

    data = tomllib.loads(example_1922().read_text(encoding="utf-8"))
    data["presidency"]["order"][0] = "russia"
    data["secession"]["notice_dayz"] = 30
    bad = tmp_path / "bad.toml"
    bad.write_text(tomli_w.dumps(data), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = invoke("--lang", "uk", "init", "--charter", str(bad), "--db", url)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = [line.strip() for line in result.stderr.strip().splitlines()]
    assert lines == [
        "відмовлено: у статуті проблем: 2",
        "presidency.order[0]: 'russia' не є членом",
        "secession.notice_dayz: не є параметром статуту (помилка в написанні?)",
    ]
    assert not (tmp_path / "x.db").exists()  # nothing written
