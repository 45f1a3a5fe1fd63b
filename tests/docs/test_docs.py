"""Documentation stays complete: every CLI command has a README section."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.main import get_command

from isonomia.cli.main import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _command_paths(group: typer.Typer) -> list[str]:
    root = get_command(group)
    paths: list[str] = []

    def walk(command: object, prefix: str) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, f"{prefix} {name}".strip())
        else:
            paths.append(prefix)

    walk(root, "")
    return paths


def test_every_cli_command_is_documented_in_the_readme() -> None:
    headings = [line for line in README.splitlines() if line.startswith("### ")]
    missing = []
    for path in _command_paths(app):
        *group, name = path.split()
        documented = any(
            f"isonomia {path}" in h or (group and f"`{name} " in h and " ".join(group) in h)
            for h in headings
        )
        if not documented:
            missing.append(path)
    assert not missing, f"commands without a README section: {missing}"


def test_readme_gives_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_the_architecture_names_every_built_in_area() -> None:
    """docs/architecture.md opens with the list of the areas: it names each one declared."""
    from isonomia import areas

    text = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text(
        encoding="utf-8"
    )
    opening = text.split("\n## ", 1)[0]
    names = {
        "site": "the site",
        "record": "the record",
        "audit": "power audit",
        "tallies": "tallies",
        "demo": "demo",
    }
    missing = [
        a.name
        for a in areas.areas()
        if a.origin == "isonomia" and names.get(a.name, a.name) not in opening
    ]
    assert not missing, f"docs/architecture.md does not name these areas: {missing}"
