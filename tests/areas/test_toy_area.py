"""Adding an area is new files, with no edit to a central one: a toy area (a grove the
secretariat plants), in a package of its own found through the entry point group
`isonomia.areas`, appears in the pipeline (decided, recorded, replayed), the read tables
(its own migration), the CLI, the API, the pages and their navigation (in its own catalog's
words), the snapshots' format and the completeness test.

The areas are found once a process, so the toy area is tried in a process of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

SCRIPT = r"""
import json, sys
from datetime import date
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from isonomia import areas
from isonomia.cli.main import app
from isonomia.service import Federation, Keyring, at_day, example_charter, verify_record
from isonomia.service.clock import FixedClock, use_clock
from isonomia.store import snapshots
from isonomia.web.app import create_app

from grove.domain import PlantTree
from grove.queries import trees

work = sys.argv[1]
url = f"sqlite:///{work}/union.db"
seen = {}
with use_clock(FixedClock(at_day(date(2027, 1, 4)))):
    assert "grove" in [a.name for a in areas.areas()]
    union = Federation(url, signer=Keyring(f"{work}/keys", provision=True))
    union.initialize(
        example_charter("cooperatives"), clock="simulated", at=at_day(date(2026, 1, 1))
    )
    oak = PlantTree(command_id="t1", actor="secretariat", at=at_day(date(2026, 1, 2)), tree="oak")
    recorded = union.execute(oak)
    seen["pipeline"] = [e.event_type for e in recorded.entries]
    seen["slice"] = list(union.state().slices.values())[0].trees
    seen["query"] = trees(union)
    seen["replay"] = verify_record(union).ok
    runner = CliRunner()
    seen["help"] = "grove" in runner.invoke(app, ["--help"]).stdout
    elm = ["grove", "plant", "elm", "--db", url, "--keyring", f"{work}/keys"]
    planted = runner.invoke(app, elm)
    listed = runner.invoke(app, ["grove", "list", "--db", url])
    seen["cli"] = (planted.exit_code, listed.stdout.split(), planted.stderr)
    twice = runner.invoke(app, elm)
    seen["refused"] = (twice.exit_code, twice.stderr.strip())
    with TestClient(create_app(url)) as client:
        seen["api"] = "/api/v1/commands/PlantTree" in client.get("/openapi.json").json()["paths"]
        page = client.get("/grove?lang=uk")
        shown = page.text
        seen["page"] = (page.status_code, "elm" in shown, 'href="/grove"' in shown, "Гай" in shown)
    seen["format"] = snapshots.FORMAT
    import test_completeness as completeness
    for name in dir(completeness):
        if name.startswith("test_"):
            getattr(completeness, name)()
    seen["completeness"] = True
print(json.dumps(seen, default=list))
"""


def _grove(site: Path) -> None:
    shutil.copytree(HERE / "grove_files", site)
    catalog = Catalog(locale="uk", domain="grove")
    catalog.add("Grove", "Гай")
    folder = site / "grove" / "locale" / "uk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "grove.mo").open("wb") as mo:
        write_mo(mo, catalog)


def _run(tmp_path: Path, with_grove: bool) -> dict:
    import json

    site = tmp_path / "site"
    paths = [str(ROOT / "tests" / "docs"), str(ROOT / "tests")]
    if with_grove:
        _grove(site)
        paths.insert(0, str(site))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, *sys.path])}
    script = (
        SCRIPT if with_grove else "from isonomia.store import snapshots; print(snapshots.FORMAT)"
    )
    work = tmp_path / "work"
    work.mkdir(parents=True)
    run = subprocess.run(
        [sys.executable, "-c", script, str(work)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return (
        json.loads(run.stdout.strip().splitlines()[-1])
        if with_grove
        else {"format": int(run.stdout)}
    )


def test_a_toy_area_in_new_files_appears_everywhere(tmp_path: Path) -> None:
    seen = _run(tmp_path, with_grove=True)
    assert seen["pipeline"] == ["CommandSigned", "TreePlanted"]
    assert seen["slice"] == ["oak"]
    assert seen["query"] == ["oak"]
    assert seen["replay"] is True
    assert seen["help"] is True
    assert seen["cli"][:2] == [0, ["elm", "oak"]], seen["cli"]
    assert seen["refused"][0] == 2 and "already has a elm" in seen["refused"][1]
    assert seen["api"] is True
    assert seen["page"] == [200, True, True, True]
    assert seen["completeness"] is True
    without = _run(tmp_path / "plain", with_grove=False)
    assert without["format"] != seen["format"]
