"""The areas whose rules are registered: importing this module loads every area's rules
modules (`isonomia.areas`), whose deciders register themselves with `@decides`."""

from isonomia import areas as _areas

AREAS = tuple(_areas.load("rules"))

__all__ = ["AREAS"]
