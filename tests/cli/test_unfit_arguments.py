"""What no input may hold never reaches a traceback or the database from the command line:
a control character in an argument, a number past what the record and the database hold,
a time with no reading in UTC, a file that cannot be written. Each is one line naming what
was typed, and exit code 2."""

from __future__ import annotations

import json
import typing
from datetime import datetime
from pathlib import Path

import pytest
import typer.main
from cli_world import charter_file, founded, invoke, ok

from isonomia.cli.main import app
from isonomia.service import (
    ConveneSession,
    Federation,
    Keyring,
    at_day,
    make,
    new_command_id,
    write_envelope,
)

HUGE = "99999999999999999999999"


def one_line_refusal(result, *wanted: str) -> str:
    """The refusal's line, checked: exit code 2, one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, lines
    for text in wanted:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "show", HUGE],
        ["ledger", "show", "--after", HUGE],
        ["ledger", "show", "--after", "-" + HUGE],
        ["ledger", "feed", "--from", HUGE],
        ["ledger", "feed", "--limit", HUGE],
        ["ledger", "consistency", HUGE, "--out", "c.json"],
        ["ledger", "consistency", "1", HUGE, "--out", "c.json"],
        ["ledger", "prove", HUGE, "--out", "p.json"],
    ],
    ids=" ".join,
)
def test_a_number_past_the_database_is_one_line_not_a_traceback(
    args: list[str], tmp_path: Path
) -> None:
    db = founded(tmp_path)
    one_line_refusal(invoke(*args, "--db", db), HUGE, "9007199254740991")


def test_every_whole_number_argument_of_every_command_is_bounded(tmp_path: Path) -> None:
    """The same, for every command that takes a whole number, found by walking the CLI."""
    db = founded(tmp_path)
    tried = 0
    for path, command in _leaves(typer.main.get_command(app), []):
        for param in command.params:
            if not _whole_number(param):
                continue
            where = param.opts[0] if param.param_type_name == "option" else param.name
            result = invoke(*_minimal(path, command, param, HUGE), "--db", db)
            assert "Traceback" not in result.output, (path, where)
            assert result.exit_code == 2, (path, where, result.output)
            tried += 1
    assert tried >= 10


def _whole_number(param) -> bool:
    annotation = param.type_descriptor.annotation
    return annotation is int or int in typing.get_args(annotation)


def _leaves(command, path: list[str]):
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _leaves(sub, [*path, name])
    elif any(p.name == "db" for p in command.params):
        yield path, command


#: A valid value for the required parameters the walk fills in, by name.
VALUES = {"on": "2026-02-01", "out": "out.json", "population_year": "1926"}


def _minimal(path: list[str], command, chosen, value: str) -> list[str]:
    args = list(path)
    for param in command.params:
        if param is not chosen and not param.required:
            continue
        given = value if param is chosen else VALUES.get(param.name, "1")
        if param.param_type_name == "argument":
            args.append(given)
        else:
            args += [param.opts[0], given]
    return args


@pytest.mark.parametrize("hostile", ["a\x01b", "\x1b[2Jclear", "bell\x07", "c1\x85", "\udcff"])
def test_a_control_character_in_an_argument_is_refused_naming_the_option(
    hostile: str, tmp_path: Path
) -> None:
    db = founded(tmp_path)
    draft = [
        "motion",
        "draft",
        "m1",
        "--organ",
        "general-council",
        "--title",
        hostile,
        "--field",
        "purchasing",
        "--kind",
        "decision",
        "--force",
        "advisory",
        "--at",
        "2026-02-01",
    ]
    line = one_line_refusal(invoke(*draft, "--db", db), "--title")
    assert "U+" in line
    one_line_refusal(invoke("session", "list", "--organ", hostile, "--db", db), "--organ")
    one_line_refusal(invoke("ledger", "show", "--member", hostile, "--db", db), "--member")
    assert "MotionDrafted" not in ok(invoke("ledger", "show", "--db", db))


def test_tabs_and_line_breaks_in_a_text_are_recorded(tmp_path: Path) -> None:
    db = founded(tmp_path)
    text = "First point.\n\tSecond point,\r\nindented."
    ok(
        invoke(
            "motion",
            "draft",
            "m1",
            "--organ",
            "general-council",
            "--title",
            "Two points",
            "--text",
            text,
            "--field",
            "purchasing",
            "--kind",
            "decision",
            "--force",
            "advisory",
            "--at",
            "2026-02-01",
            "--db",
            db,
        )
    )
    shown = json.loads(ok(invoke("motion", "show", "m1", "--json", "--db", db)))
    assert shown["text"] == text


def _union_and_keys(db: str) -> tuple[Federation, Keyring]:
    path = Path(db.removeprefix("sqlite:///"))
    return Federation(db).open(), Keyring(Path(f"{path}.keys"))


def test_a_signed_file_with_a_nul_is_refused_naming_the_field(tmp_path: Path) -> None:
    db = founded(tmp_path)
    union, keys = _union_and_keys(db)
    command = make(
        ConveneSession,
        command_id=new_command_id(),
        actor="secretariat",
        at=at_day(datetime(2026, 2, 1).date()),
        session="s1",
        organ="general-council",
        held_on=datetime(2026, 3, 5).date(),
    ).model_copy(update={"agenda": ["budget\x00"]})
    signed = tmp_path / "signed.json"
    write_envelope(signed, union.sign(command, keys))
    before = union.ledger_length()
    one_line_refusal(invoke("submit", str(signed), "--db", db), "agenda", "U+0000")
    assert union.ledger_length() == before
    union.close()


def test_a_signed_file_dated_with_no_reading_in_utc_is_one_line(tmp_path: Path) -> None:
    db = founded(tmp_path)
    union, keys = _union_and_keys(db)
    command = make(
        ConveneSession,
        command_id=new_command_id(),
        actor="secretariat",
        at=at_day(datetime(2026, 2, 1).date()),
        session="s1",
        organ="general-council",
        held_on=datetime(2026, 3, 5).date(),
    ).model_copy(update={"at": datetime.fromisoformat("0001-01-01T00:00:00+14:00")})
    signed = tmp_path / "signed.json"
    write_envelope(signed, union.sign(command, keys))
    one_line_refusal(invoke("submit", str(signed), "--db", db), "at", "UTC")
    union.close()


def test_sign_only_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    db = founded(tmp_path)
    out = tmp_path / "missing" / "x.json"
    args = ["settle", "--at", "2026-02-01", "--sign-only", "--out", str(out), "--db", db]
    one_line_refusal(invoke(*args), str(out), "cannot write")
    assert not out.parent.exists()
    taken = tmp_path / "taken.json"
    taken.write_text("mine\n", encoding="utf-8")
    args = ["settle", "--at", "2026-02-01", "--sign-only", "--out", str(taken), "--db", db]
    one_line_refusal(invoke(*args), str(taken), "already exists")
    assert taken.read_text(encoding="utf-8") == "mine\n"


def test_a_charter_with_a_control_character_is_refused_naming_its_place(tmp_path: Path) -> None:
    charter = charter_file(tmp_path)
    source = charter.read_text(encoding="utf-8")
    charter.write_text(source.replace('name = "Ardatz', 'name = "Ard\\u0000atz', 1), "utf-8")
    assert charter.read_text(encoding="utf-8") != source
    db = tmp_path / "new.db"
    line = one_line_refusal(invoke("init", "--charter", str(charter), "--db", str(db)))
    assert "charter.members[0].name" in line and "U+0000" in line
    assert not db.exists()
