"""The suite passes on any day: its date-sensitive tests run again under two far-apart fixed
"todays" (the tests' clock, `ISONOMIA_TEST_NOW`), as a year from now and a generation from
now would see them. A test that leaned on the wall clock, or on a hard-coded date being in
the future, fails here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Tests whose answers depend on what "today" is: unions on the live clock, commands dated
#: by default, queries as of today.
DATED = [
    "tests/cli/test_cli_plain_text.py",
    "tests/cli/test_cli_simulated_clock.py",
    "tests/service/test_signed_commands.py",
    "tests/service/test_record_proves_itself.py",
]
TODAYS = ["2028-02-29T23:59:59+00:00", "2061-07-01T06:00:00+00:00"]


@pytest.mark.parametrize("today", TODAYS)
def test_the_dated_tests_pass_on_another_day(today: str, tmp_path: Path) -> None:
    env = {**os.environ, "ISONOMIA_TEST_NOW": today}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "-k",
            "not postgresql",
            "--basetemp",
            str(tmp_path / "runs"),
            *DATED,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
