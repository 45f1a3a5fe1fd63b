"""A cooperatives federation on a fresh SQLite file, and helpers to drive the CLI over it."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli_w
import typer
from typer.testing import CliRunner, Result

from isonomia.cli.main import app
from isonomia.service import example_charter

runner = CliRunner()

COOPERATIVES = ("ardatz", "ateliers-du-fleuve", "ushirika-pwani", "terra-viva", "colli", "puutarha")
FOUNDED = "2026-01-05"


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def charter_file(tmp_path: Path, **names: str) -> Path:
    """The cooperatives charter, with some members renamed (to try hostile names)."""
    data: dict[str, Any] = tomllib.loads(
        example_charter("cooperatives").read_text(encoding="utf-8")
    )
    for member in data["members"]:
        member["name"] = names.get(member["id"], member["name"])
    path = tmp_path / "charter.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def founded(tmp_path: Path, **names: str) -> str:
    """The URL of a cooperatives federation founded on FOUNDED."""
    url = f"sqlite:///{tmp_path / 'coop.db'}"
    ok(
        invoke(
            "init",
            "--charter",
            str(charter_file(tmp_path, **names)),
            "--db",
            url,
            "--clock",
            "simulated",
            "--at",
            "2026-01-01",
        )
    )
    decisions = [x for m in COOPERATIVES for x in ("--decision", f"{m}:2026-01-02")]
    ok(invoke("found", "--db", url, "--on", FOUNDED, *decisions))
    return url


#: The 1922 example's founding republics, and their congresses' decisions to found it.
REPUBLICS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")
FOUNDING_1922 = [x for m in REPUBLICS for x in ("--decision", f"{m}:1922-12-13")]


def founded_1922(
    tmp_path: Path | None = None, url: str | None = None, keys: Path | None = None
) -> str:
    """The URL of the shipped 1922 example's union, founded on 1922-12-30: in a SQLite file
    in `tmp_path` (its keys beside it), or in the (empty) database at `url` with its keys in
    `keys` (the caller points ISONOMIA_KEYRING there: a server's union has no file beside)."""
    url = url or f"sqlite:///{tmp_path / 'union.db'}"
    where = ["--keys-dir", str(keys)] if keys is not None else []
    ok(invoke("init", "--db", url, "--clock", "simulated", "--at", "1922-12-30", *where))
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *FOUNDING_1922))
    return url


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every command of the CLI (a Click command), with its path, walking the Typer app."""

    def walk(path: list[str], command: Any) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk([*path, name], sub)

    yield from walk([], typer.main.get_command(app))
