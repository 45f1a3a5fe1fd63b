"""Every command has a short spec in docs/acts/: takes, does, who may, refuses."""

from __future__ import annotations

from pathlib import Path

from isonomia.domain import COMMAND_TYPES

SPECS = Path(__file__).resolve().parents[2] / "docs" / "acts"
SECTIONS = ("**Takes:**", "**Does:**", "**Who may:**", "**Refuses:**")


def _command_classes() -> list[str]:
    return sorted(COMMAND_TYPES)


def test_every_command_has_a_spec_in_docs_acts() -> None:
    names = _command_classes()
    assert len(names) >= 27
    missing = [name for name in names if not (SPECS / f"{name}.md").exists()]
    assert not missing, f"commands without a spec in docs/acts/: {missing}"


def test_every_spec_says_what_it_takes_does_who_may_and_refuses() -> None:
    incomplete = []
    for name in _command_classes():
        text = (SPECS / f"{name}.md").read_text(encoding="utf-8")
        if not text.startswith(f"# {name}\n") or any(s not in text for s in SECTIONS):
            incomplete.append(name)
    assert not incomplete, f"specs missing a section: {incomplete}"


def test_no_spec_describes_a_command_that_does_not_exist() -> None:
    names = set(_command_classes())
    stale = [p.stem for p in SPECS.glob("*.md") if p.stem not in names and p.stem != "README"]
    assert not stale, f"specs of no command: {stale}"
