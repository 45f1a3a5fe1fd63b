"""The migration files' names sort as their revisions chain: reading the folder in order is
reading the schema's history in order (the revisions themselves never change: databases
record them)."""

from __future__ import annotations

import re
from pathlib import Path

VERSIONS = Path(__file__).resolve().parents[2] / "src/isonomia/store/migrations/versions"


def _chain() -> tuple[list[str], list[str]]:
    files: dict[str, tuple[str, str | None]] = {}
    for path in VERSIONS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision: str = "([^"]+)"', text, re.M)
        down = re.search(r'^down_revision: [^=]+= (?:None|"([^"]+)")', text, re.M)
        assert revision and down, path.name
        files[revision.group(1)] = (path.name, down.group(1))
    after = {down: revision for revision, (_, down) in files.items()}
    order, current = [], None
    while current in after:
        current = after[current]
        order.append(current)
    assert len(order) == len(files), "the migrations do not form one chain"
    return [files[r][0] for r in order], sorted(name for name, _ in files.values())


def test_migration_files_sort_as_their_revisions_chain() -> None:
    chained, by_name = _chain()
    assert chained == by_name


def test_each_migration_file_is_numbered_by_its_place_in_the_chain() -> None:
    chained, _ = _chain()
    assert [int(name[:4]) for name in chained] == list(range(1, len(chained) + 1))
