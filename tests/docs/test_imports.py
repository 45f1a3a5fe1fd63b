"""Loops removed, not hidden: no module below the interfaces imports one of isonomia's
modules inside a function (an import there is a cycle put off, or laziness the interfaces
own), and none imports an interface. Third-party packages may be imported late anywhere:
that is start-up laziness (numpy, matplotlib, Babel, argon2). The interfaces' own late
imports are counted, so they do not grow unnoticed."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "isonomia"
INTERFACES = ("cli", "web")
#: Late imports kept below the interfaces, and why.
KEPT = {
    # The power audit needs numpy; only a command that counts votes or adopts a charter
    # checks its safeguards, and no other command should load it.
    ("rules/counting.py", "isonomia.rules.power"),
    ("rules/membership.py", "isonomia.rules.power"),
    # An election's count tallies its ballots with numpy; no other command should load it.
    ("rules/election_count.py", "isonomia.voting.elections"),
}
#: The interfaces' late imports, at most (start-up laziness: a command loads what it uses).
INTERFACE_CEILING = 150


def _late_imports() -> list[tuple[str, str]]:
    found = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    found.append((str(path.relative_to(SRC)), inner.module))
                elif isinstance(inner, ast.Import):
                    found += [(str(path.relative_to(SRC)), a.name) for a in inner.names]
    return found


def _layer(where: str) -> str:
    return where.split("/")[0] if "/" in where else where.removesuffix(".py")


def test_no_module_below_the_interfaces_imports_isonomia_inside_a_function() -> None:
    late = {
        (where, module)
        for where, module in _late_imports()
        if _layer(where) not in INTERFACES and module.startswith("isonomia")
    }
    assert late <= KEPT, f"late imports below the interfaces: {sorted(late - KEPT)}"


def test_the_interfaces_late_imports_do_not_grow() -> None:
    count = sum(1 for where, _ in _late_imports() if _layer(where) in INTERFACES)
    assert count <= INTERFACE_CEILING, count


def test_nothing_below_the_interfaces_imports_an_interface() -> None:
    wrong = []
    for path in SRC.rglob("*.py"):
        where = str(path.relative_to(SRC))
        if _layer(where) in (*INTERFACES, "verify_cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            wrong += [
                f"{where} imports {n}"
                for n in names
                if n.startswith(("isonomia.cli", "isonomia.web", "isonomia.verify_cli"))
            ]
    assert not wrong, wrong
