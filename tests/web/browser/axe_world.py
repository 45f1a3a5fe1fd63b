"""axe-core (from npm, `package.json` at the project's root; `make test` installs it) run in
a page: the violations of impact "serious" or "critical", one line each. Without it the
accessibility checks are skipped, except in CI, where they must run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The impacts that fail a page.
BLOCKING = ("serious", "critical")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


#: Skips a module's checks before anything is built for them when axe-core is missing
#: (outside CI; in CI `axe_script` fails instead).
needs_axe = pytest.mark.skipif(
    not AXE.exists() and not _in_ci(),
    reason=f"accessibility checks skipped: no {AXE.relative_to(ROOT)} (`npm ci` installs it)",
)


def axe_script() -> Path:
    """axe-core's script, or a skip (a failure in CI) saying how to install it."""
    if not AXE.exists():
        why = f"no {AXE.relative_to(ROOT)}: `npm ci` at the project's root installs it"
        if _in_ci():
            pytest.fail(f"the accessibility checks need axe-core in CI ({why})", pytrace=False)
        pytest.skip(f"accessibility checks skipped: {why}")
    return AXE


def with_axe(page: Any) -> Any:
    """The page, its context loading axe-core into every page it opens from now on."""
    page.context.add_init_script(path=str(axe_script()))
    return page


def blocking_violations(page: Any) -> list[str]:
    """Run axe-core over the page as it stands: each serious or critical violation, with
    the elements it concerns."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        where = "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in violation["nodes"][:5]
        )
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {where}")
    return lines
