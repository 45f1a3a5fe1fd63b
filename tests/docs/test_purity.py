"""The pure layers read no clock: time comes in with the command (beside import-linter)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "isonomia"
PURE = ("charter", "domain", "rules", "voting", "ledger")
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter", "time_ns"}


def test_pure_layers_never_read_the_clock() -> None:
    offenders = []
    for layer in PURE:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in CLOCK_CALLS
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = [a.name for a in node.names]
                    module = getattr(node, "module", None)
                    if "time" in names or module == "time":
                        offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, f"clock read in a pure layer: {offenders}"
