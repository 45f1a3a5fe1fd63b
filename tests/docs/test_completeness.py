"""Every area is complete: each command has a decider, a spec and a CLI entry; each event
has an evolver and a projector. Adding an area is an addition; this test says what is
missing."""

from __future__ import annotations

from pathlib import Path

import typer

from isonomia import areas
from isonomia.cli import main
from isonomia.domain import COMMAND_TYPES, EVENT_TYPES, EVOLVERS
from isonomia.rules import DECIDERS
from isonomia.rules.registry import WHO
from isonomia.store.projections import PROJECTORS

SPECS = Path(__file__).resolve().parents[2] / "docs" / "acts"
#: Commands issued by a CLI command that belongs to no area.
OUTSIDE_AREAS = {"AdoptCharter": "init"}


#: Commands whose CLI command is to be generated from their model (the CLI's writes are
#: being generated from the command models; no hand-written command is added meanwhile).
#: They are issued through the API and `submit` until then.
def _cli_paths() -> set[str]:
    root = typer.main.get_command(main.app)
    paths: set[str] = set()
    for name, command in getattr(root, "commands", {}).items():
        paths.add(name)
        paths.update(f"{name} {sub}" for sub in getattr(command, "commands", {}))
    return paths


def _cli_entries() -> dict[str, str]:
    entries = dict(OUTSIDE_AREAS)
    for area in main.AREAS:
        for command, path in getattr(area, "COMMANDS", {}).items():
            assert command not in entries, f"{command} has two CLI entries"
            entries[command] = path
    return entries


def test_every_command_has_a_decider() -> None:
    missing = sorted(n for n, cls in COMMAND_TYPES.items() if cls not in DECIDERS)
    assert not missing, f"commands without a decider: {missing}"


def test_every_command_says_who_may_issue_it_beside_its_decider() -> None:
    missing = sorted(n for n, cls in COMMAND_TYPES.items() if cls not in WHO)
    assert not missing, f"commands without a who: {missing}"


def test_every_command_has_a_spec_in_docs_acts() -> None:
    folders = [SPECS, *(a.specs for a in areas.areas() if a.specs is not None)]
    missing = sorted(
        n for n in COMMAND_TYPES if not any((folder / f"{n}.md").exists() for folder in folders)
    )
    assert not missing, f"commands without a spec in docs/acts/ or their area's: {missing}"


def test_every_command_has_a_cli_entry_that_exists() -> None:
    entries = _cli_entries()
    missing = sorted(set(COMMAND_TYPES) - set(entries))
    assert not missing, f"commands without a CLI entry: {missing}"
    paths = _cli_paths()
    dangling = sorted(f"{c} → {p}" for c, p in entries.items() if p not in paths)
    assert not dangling, f"CLI entries naming no CLI command: {dangling}"
    unknown = sorted(set(entries) - set(COMMAND_TYPES))
    assert not unknown, f"CLI entries for commands that do not exist: {unknown}"


def test_every_event_has_an_evolver_and_a_projector() -> None:
    no_evolver = sorted(n for n, cls in EVENT_TYPES.items() if cls not in EVOLVERS)
    no_projector = sorted(n for n, cls in EVENT_TYPES.items() if cls not in PROJECTORS)
    assert not no_evolver, f"events without an evolver: {no_evolver}"
    assert not no_projector, f"events without a projector: {no_projector}"


def test_every_cli_area_registers_itself() -> None:
    for area in main.AREAS:
        assert callable(getattr(area, "register", None)), f"{area.__name__} has no register()"
