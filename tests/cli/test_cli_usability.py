"""Small things a user trips on: defaults from the charter, the `--actor` help, piped
output never cut, a closed pipe, `--version`."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from cli_world import commands, founded, invoke, ok


def test_session_convene_defaults_to_the_charters_own_union_council(tmp_path: Path) -> None:
    db = founded(tmp_path)
    out = ok(
        invoke("session", "convene", "s1", "--on", "2026-02-05", "--at", "2026-02-01", "--db", db)
    )
    assert "session s1 of general-council" in out
    assert "general-council" in ok(invoke("session", "list", "--db", db))


def test_p3_an_obstruction_by_default_is_refused_for_the_right_reason(tmp_path: Path) -> None:
    db = founded(tmp_path)
    ok(invoke("secession", "decide", "colli", "--at", "2026-03-01", "--db", db))
    result = invoke("secession", "obstruct", "colli", "--at", "2026-03-02", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.startswith("refused (P3): ")
    assert "union-council" not in result.stderr


def test_p2_admission_defaults_to_the_charters_deciding_organ(tmp_path: Path) -> None:
    db = founded(tmp_path)
    ok(
        invoke(
            "accession",
            "decide",
            "nuova",
            "--name",
            "Nuova",
            "--congress",
            "Assembly",
            "--population",
            "300",
            "--population-year",
            "2026",
            "--population-source",
            "x",
            "--language",
            "it",
            "--accepts",
            "purchasing",
            "--at",
            "2026-03-01",
            "--db",
            db,
        )
    )
    out = ok(invoke("accession", "admit", "nuova", "--at", "2026-03-02", "--db", db))
    assert "admission-nuova" in out
    shown = ok(invoke("motion", "show", "admission-nuova", "--on", "2026-03-02", "--db", db))
    assert "Admission of Nuova — general-council, accession, decision" in shown


def test_every_actor_option_says_what_its_default_is() -> None:
    for path, command in commands():
        for param in command.params:
            if param.name == "actor":
                help_text = getattr(param, "help", "") or ""
                assert "default:" in help_text and "see above" not in help_text, path


def test_piped_tables_are_never_cut_and_keep_the_name_column(tmp_path: Path) -> None:
    long_name = "Cooperativa Agricola e Vitivinicola dei Colli " * 3
    db = founded(tmp_path, colli=long_name.strip())
    shown = ok(invoke("members", "--db", db))
    assert long_name.strip() in shown and "…" not in shown
    ledger = ok(invoke("ledger", "show", "--db", db))
    assert "2026-01-01T12:00:00Z" in ledger and "…" not in ledger


def _cli(*args: str) -> subprocess.Popen[bytes]:
    code = (
        "import sys; from isonomia.cli.main import run; sys.argv=['isonomia', *sys.argv[1:]]; run()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    db = founded(tmp_path)
    for extra in ([], ["--json"], ["--csv"]):
        process = _cli("ledger", "show", "--db", db, *extra)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head` that has read enough
        error = process.stderr.read()
        process.stderr.close()
        assert process.wait() in (0, 141)
        assert error == b""


def test_version_comes_from_the_package_metadata() -> None:
    assert ok(invoke("--version")).strip() == f"isonomia {version('isonomia')}"
