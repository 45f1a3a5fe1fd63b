"""A read starts lean: started as the `isonomia` script, a command that only reads imports
neither numpy, Alembic nor the web, and builds no write command it was not asked for. A
structural check (what is imported), not a timing; the times are in bench/README.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_world import founded, invoke, ok

from isonomia.cli import generated
from isonomia.cli.main import asked_words

#: started as the `isonomia` script is: the command line is known before the CLI is built
SCRIPT = (
    "import sys; sys.argv = ['isonomia', *sys.argv[1:]]; from isonomia.cli.main import run; run()"
)
NEVER_FOR_A_READ = ("numpy", "alembic", "isonomia.web", "fastapi", "matplotlib")


def _imported(*args: str) -> tuple[set[str], str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    names = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return names, done.stdout


@pytest.mark.parametrize("command", [("members",), ("presidency",), ("appeal", "list")])
def test_a_read_imports_neither_numpy_alembic_nor_the_web(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = founded(tmp_path)
    names, _ = _imported(*command, "--db", db)
    assert "sqlalchemy" in names  # it did open the union's database
    loaded = {n for n in names if n.split(".")[0] in NEVER_FOR_A_READ or n in NEVER_FOR_A_READ}
    loaded |= {n for n in names if n.startswith(NEVER_FOR_A_READ)}
    assert not loaded, sorted(loaded)


def test_help_started_as_the_script_still_lists_every_write() -> None:
    _, out = _imported("appeal", "--help")
    assert "file" in out and "list" in out  # a write and a read of the same group
    _, out = _imported("vote", "cast", "--help")
    assert "--as" in out


def test_command_words_stop_at_the_first_option_and_skip_the_language() -> None:
    assert asked_words(["--lang", "uk", "appeal", "list", "--db", "x"]) == ("appeal", "list")
    assert asked_words(["members", "--lang=ka"]) == ("members",)
    assert asked_words(["--help"]) == ()


def test_a_write_is_built_when_its_path_may_be_the_one_asked(monkeypatch) -> None:
    monkeypatch.setattr(generated, "ASKED", ("appeal",))
    assert generated.asked_for("appeal file") and not generated.asked_for("vote cast")
    monkeypatch.setattr(generated, "ASKED", ("appeal", "list"))
    assert not generated.asked_for("appeal file")
    monkeypatch.setattr(generated, "ASKED", ())
    assert generated.asked_for("vote cast")
    monkeypatch.setattr(generated, "ASKED", None)
    assert generated.asked_for("vote cast")


def test_the_version_read_agrees_with_alembic_on_every_revision_and_head() -> None:
    from alembic.script import ScriptDirectory

    from isonomia.store.db import alembic_config, revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    known, heads = revisions()
    assert heads == set(scripts.get_heads())
    assert known == {script.revision for script in scripts.walk_revisions()}


def test_a_read_still_answers_after_the_lean_start(tmp_path: Path) -> None:
    db = founded(tmp_path)
    assert ok(invoke("members", "--db", db)).strip()
