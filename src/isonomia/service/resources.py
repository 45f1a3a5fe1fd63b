"""Files shipped with the package: the worked example charters."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

EXAMPLES = ("union-1922", "cooperatives")


def example_charter(name: str) -> Path:
    """Path of a shipped example charter, e.g. ``union-1922``."""
    if name not in EXAMPLES:
        raise ValueError(f"no example charter {name!r}; there are {', '.join(EXAMPLES)}")
    path = resources.files("isonomia.examples") / f"{name}.toml"
    return Path(str(path))
