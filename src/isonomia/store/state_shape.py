"""The state's declared shape, as the format number of its snapshots.

A snapshot is the folded state, pickled: it can be read back only by code whose records
have the same fields. Instead of a number bumped by hand when someone remembers, the format
is derived from what the code declares: every dataclass of every domain module (the built-in
ones and each area's, `isonomia.areas`), with its fields and their annotated types, and
every model of the charter with its fields. Adding an area, a field or a record changes it,
and the snapshots stored before are then ignored (the state is folded from the ledger and
stored again), never misread.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import pkgutil
import re
from types import ModuleType

from pydantic import BaseModel

import isonomia.charter.model
import isonomia.domain
from isonomia import areas

__all__ = ["state_format", "state_shape"]


def _domain_modules() -> list[ModuleType]:
    package = isonomia.domain
    built_in = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]
    return [isonomia.charter.model, *built_in, *areas.load("domain")]


def _declared(module: ModuleType) -> list[str]:
    lines = []
    for name, value in sorted(vars(module).items()):
        if not isinstance(value, type) or value.__module__ != module.__name__:
            continue
        if dataclasses.is_dataclass(value):
            fields = [f"{f.name}:{f.type}" for f in dataclasses.fields(value)]
        elif issubclass(value, BaseModel):
            fields = [f"{n}:{f.annotation}" for n, f in value.model_fields.items()]
        else:
            continue
        lines.append(f"{module.__name__}.{name}({','.join(fields)})")
    return lines


#: What a type's text holds that changes from one process to the next (where a validator
#: function happens to be in memory).
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def state_shape() -> str:
    """Every record the state can hold, with its fields, one per line, sorted."""
    lines = sorted(line for m in _domain_modules() for line in _declared(m))
    return _ADDRESS.sub("", "\n".join(lines))


def state_format() -> int:
    """The snapshots' format number: the first 28 bits of the shape's SHA-256."""
    return int(hashlib.sha256(state_shape().encode()).hexdigest()[:7], 16)
