"""The product's areas, found by a registry: never a hand-kept list.

An area (membership, organs, motions, the inspection, a union budget...) is declared once,
by a module that holds one `AREA = Area(...)`: the modules it has in each layer, named, and
what it brings besides (navigation, catalogs, templates, migrations). The registry finds
the declarations of two kinds of area:

- built in: every module of this package (`isonomia/areas/membership.py`, ...);
- added by another distribution: each entry point of the group ``isonomia.areas``, naming
  a module that holds an `AREA` (the way pytest and datasette find plugins).

Each layer loads its own modules of every area, in the areas' order, when it starts:
`load("rules")` imports the deciders, `load("projections")` the read tables and their
projectors, `load("cli")` the command groups, and so on. The layers keep pointing down:
this module imports nothing of isonomia, and a layer loads only its own layer's modules.
Adding an area is new files, with no edit to a central one (`tests/test_toy_area.py`).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

__all__ = [
    "ENTRY_POINTS",
    "LAYERS",
    "Area",
    "Navigation",
    "areas",
    "load",
    "navigation",
    "reset",
]

#: The entry point group another distribution declares its areas in.
ENTRY_POINTS = "isonomia.areas"
#: The layers an area may have modules in, from the bottom up (see DESIGN.md).
LAYERS = ("domain", "rules", "projections", "queries", "cli", "web")


@dataclass(frozen=True)
class Navigation:
    """An entry of the pages' navigation: where it goes, its text (a catalog msgid), and
    where it comes in the bar (lower first)."""

    path: str
    text: str
    order: int = 0


@dataclass(frozen=True)
class Area:
    """One area, declared once: its modules by layer, and what else it brings."""

    name: str
    #: Where it comes in lists (`isonomia --help`, the navigation): lower first.
    order: int
    domain: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    projections: tuple[str, ...] = ()
    queries: tuple[str, ...] = ()
    cli: tuple[str, ...] = ()
    web: tuple[str, ...] = ()
    navigation: tuple[Navigation, ...] = ()
    #: Folders beside the area's modules, for an area of another distribution: its message
    #: catalogs (``<lang>/LC_MESSAGES/<catalog>.mo``), its page templates, its migrations
    #: (an Alembic branch of its own), and one spec a command (``<Command>.md``).
    locale: Path | None = None
    catalog: str = "isonomia"
    templates: Path | None = None
    migrations: Path | None = None
    specs: Path | None = None
    #: The distribution or package that declares it ("isonomia" for the built-in ones).
    origin: str = field(default="isonomia", compare=False)

    def modules(self, layer: str) -> tuple[str, ...]:
        if layer not in LAYERS:
            raise ValueError(f"no layer {layer!r}; layers: {', '.join(LAYERS)}")
        names: tuple[str, ...] = getattr(self, layer)
        return names


def _declared(module: ModuleType, origin: str) -> Area:
    area = getattr(module, "AREA", None)
    if not isinstance(area, Area):
        raise TypeError(f"{module.__name__} declares no AREA")
    return area if area.origin == origin else _with_origin(area, origin)


def _with_origin(area: Area, origin: str) -> Area:
    return replace(area, origin=origin)


@cache
def areas() -> tuple[Area, ...]:
    """Every area, built in and added, in their order (then by name)."""
    found: dict[str, Area] = {}
    package = importlib.import_module(__name__)
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        area = _declared(module, "isonomia")
        found[area.name] = area
    for point in entry_points(group=ENTRY_POINTS):
        area = _declared(point.load(), point.dist.name if point.dist else point.value)
        if area.name in found:
            raise ValueError(f"two areas are called {area.name!r}")
        found[area.name] = area
    return tuple(sorted(found.values(), key=lambda a: (a.order, a.name)))


def navigation() -> list[Navigation]:
    """Every area's navigation entries, in the bar's order."""
    entries = [entry for area in areas() for entry in area.navigation]
    return sorted(entries, key=lambda entry: entry.order)


def load(layer: str) -> list[ModuleType]:
    """Import every area's modules of `layer`, in the areas' order; they register
    themselves as they are defined (commands, deciders, projectors...)."""
    return [importlib.import_module(name) for area in areas() for name in area.modules(layer)]


def reset() -> None:
    """Forget the areas found (for a test that adds one)."""
    areas.cache_clear()
