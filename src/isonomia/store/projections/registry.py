"""The projectors of every event and the read tables, registered by each area's module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import Event

__all__ = [
    "ID",
    "PREBUILT",
    "PROJECTORS",
    "VIEW_TABLES",
    "D",
    "iso",
    "prebuilt",
    "projects",
    "read_table",
]

Projector = Callable[[Connection, int, Any], None]
P = TypeVar("P", bound=Projector)
S = TypeVar("S", bound=sa.Executable)

#: Event type → the functions that update the read tables for one such event, in order.
PROJECTORS: dict[type[Event], list[Projector]] = {}
#: Every read table, in the order areas register them (rebuilt and compared together).
VIEW_TABLES: list[sa.Table] = []

#: Statements built once by projectors (`prebuilt`), by id: a rebuild compiles each once.
PREBUILT: dict[int, sa.Executable] = {}

D = sa.String(10)  # an ISO date
ID = sa.String(63)


def projects(*types: type[Event]) -> Callable[[P], P]:
    """Register the decorated function as the projector of these event types."""

    def register(fn: P) -> P:
        for cls in types:
            PROJECTORS.setdefault(cls, []).append(fn)
        return fn

    return register


def read_table(table: sa.Table) -> sa.Table:
    """Register a read table (so rebuilds and comparisons include it) and return it."""
    VIEW_TABLES.append(table)
    return table


def prebuilt(statement: S) -> S:
    """Mark `statement`, an UPDATE or DELETE of read tables that a projector builds once
    (with `sa.bindparam`s) and runs with a mapping of values without reading its result:
    a rebuild sends it to its scratch file compiled once, without SQLAlchemy's work per
    execution."""
    PREBUILT[id(statement)] = statement
    return statement


def iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())
