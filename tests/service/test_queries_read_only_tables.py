"""Queries answer from the read tables only, and interfaces do not read the folded state.

The folded state (`FederationState`, `Service.state()`, and `Service.charter()`, which folds
it too) is the rules' model: the pipeline decides on it. Queries and pages read what the
projectors keep; where an interface needs the rules' own answer it goes through a service
function that says why (`service/readers.py`: who a key proves, as the rules decide it).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src/isonomia"
QUERIES = SRC / "service/queries"
INTERFACES = (SRC / "cli", SRC / "web")

#: Methods of the service that fold the record's state.
FOLDING = {"state", "charter"}

#: Interface modules that may read the folded state, each with the reason. None do now: an
#: entry here must name the call's module and say why no query can answer it.
ALLOWED_IN_INTERFACES: dict[str, str] = {
    # Sealed cases: a reader's key opens a case's key wrapped to it in the folded state, on
    # the reader's own machine; no read table keeps the wrapped keys.
    "cli/case_keys.py": "unwrapping a sealed case's key on the reader's machine",
    "cli/inspection.py": "sealing a case's texts to its readers before signing",
    "cli/demo/inspection.py": "the demo opens a sealed case as its reader would",
}


def _folds(path: Path) -> list[str]:
    """Each place a module calls a folding method or names the folded state's type."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in FOLDING
            and not node.args
            and not node.keywords
        ):
            found.append(f"{path.name}:{node.lineno}: .{node.func.attr}()")
        if isinstance(node, ast.ImportFrom) and any(
            alias.name == "FederationState" for alias in node.names
        ):
            found.append(f"{path.name}:{node.lineno}: imports FederationState")
        if isinstance(node, ast.ImportFrom) and node.module == "isonomia.domain.state":
            found.append(f"{path.name}:{node.lineno}: imports isonomia.domain.state")
    return found


def test_no_query_module_reads_the_folded_state() -> None:
    modules = sorted(QUERIES.glob("*.py"))
    assert len(modules) >= 14
    folding = [place for path in modules for place in _folds(path)]
    assert folding == []


def test_interfaces_read_the_folded_state_only_where_allowed_with_a_reason() -> None:
    seen: dict[str, list[str]] = {}
    for folder in INTERFACES:
        for path in sorted(folder.rglob("*.py")):
            places = _folds(path)
            if places:
                seen[str(path.relative_to(SRC))] = places
    assert set(seen) <= set(ALLOWED_IN_INTERFACES), seen
    # An allowance no longer used is dropped, so the list says what is true.
    assert set(ALLOWED_IN_INTERFACES) <= set(seen)
    assert all(reason.strip() for reason in ALLOWED_IN_INTERFACES.values())


def test_the_guard_sees_a_fold(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        "from isonomia.domain import FederationState\n"
        "def f(federation):\n    return federation.state().acts, federation.charter()\n",
        encoding="utf-8",
    )
    assert len(_folds(module)) == 3
