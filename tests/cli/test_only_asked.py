"""The `isonomia` script builds only the command its words name (`cli/main.only_asked`)."""

from __future__ import annotations

from typing import Any

import typer.main

from isonomia.cli.main import app, only_asked


def _names(command: Any) -> set[str]:
    return set(getattr(command, "commands", {}))


def test_the_script_builds_only_the_command_or_group_its_words_name() -> None:
    assert _names(typer.main.get_command(only_asked(app, ("members",)))) == {"members"}
    ledger = typer.main.get_command(only_asked(app, ("ledger", "verify")))
    assert _names(ledger) == {"ledger"}
    assert _names(ledger.commands["ledger"]) == {"verify"}  # type: ignore[attr-defined]


def test_words_that_name_nothing_keep_every_command_for_the_error_and_the_help() -> None:
    whole = _names(typer.main.get_command(app))
    assert _names(typer.main.get_command(only_asked(app, ("no-such-command",)))) == whole
    assert _names(typer.main.get_command(only_asked(app, ()))) == whole
    ledger = typer.main.get_command(only_asked(app, ("ledger", "nope"))).commands["ledger"]  # type: ignore[attr-defined]
    assert _names(ledger) == _names(typer.main.get_command(app).commands["ledger"])  # type: ignore[attr-defined]
    assert len(app.registered_commands) > 1  # the application itself is left whole
