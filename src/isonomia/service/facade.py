"""A package face whose names are imported when first used (PEP 562), so that a command
loads the modules it uses and no others: `isonomia members` reads a table and never
loads the rules, numpy or Alembic just because the face also offers them.

The face lists its names once, as ordinary imports under `if TYPE_CHECKING:` (which
type checkers and readers see); `lazy_exports` reads that block from the package's own
source and answers each name, on first use, from the module it names.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any


def _sources(path: Path) -> dict[str, tuple[str, str]]:
    """``name -> (module, attribute)`` from the imports under ``if TYPE_CHECKING:``."""
    found: dict[str, tuple[str, str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in node.body:
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    for alias in inner.names:
                        found[alias.asname or alias.name] = (inner.module, alias.name)
    return found


def lazy_exports(package: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``'s face."""
    module = sys.modules[package]
    origin = module.__spec__.origin if module.__spec__ else None
    if origin is None:  # pragma: no cover - a face is always a file
        raise ImportError(f"{package} has no source to read its names from")
    sources = _sources(Path(origin))
    # a name that is also its own submodule's name (`queries.appeals`, the function of
    # `queries/appeals.py`): importing the submodule, from anywhere, sets the package's
    # attribute to the submodule; the face keeps the name's own value instead
    shadowed = {
        name: attribute
        for name, (where, attribute) in sources.items()
        if where == f"{package}.{name}"
    }

    class Face(ModuleType):
        def __setattr__(self, name: str, value: Any) -> None:
            submodule = isinstance(value, ModuleType) and value.__name__ == f"{package}.{name}"
            if name in shadowed and submodule:
                value = getattr(value, shadowed[name])
            super().__setattr__(name, value)

    module.__class__ = Face
    for name in shadowed:  # submodules imported before the face was made
        if isinstance(vars(module).get(name), ModuleType):
            setattr(module, name, vars(module)[name])

    def __getattr__(name: str) -> Any:
        try:
            where, attribute = sources[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        if where == package:  # `from package import submodule`
            value: Any = importlib.import_module(f"{package}.{attribute}")
        else:
            owner = importlib.import_module(where)
            try:
                value = getattr(owner, attribute)
            except AttributeError:
                value = importlib.import_module(f"{where}.{attribute}")
        setattr(module, name, value)  # found directly from now on
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(module)) | set(sources))

    return __getattr__, __dir__
