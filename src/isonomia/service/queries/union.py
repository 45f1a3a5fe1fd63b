"""Union-wide facts (P1, P2, P4, P18): the charter in effect, the day the union was
founded, its clock, and the organs the charter names for commands that name none; from the
read table of the union's own facts (`union_view`)."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import sqlalchemy as sa

from isonomia.charter.model import Charter, OrganKind
from isonomia.domain.refusal import N_
from isonomia.service.errors import NotInitialized
from isonomia.service.federation import Federation
from isonomia.store.projections.membership import union_view

__all__ = ["charter", "clock", "deciding_organ", "founded_on", "union_council"]


def charter(federation: Federation) -> Charter:
    """The union's charter in effect: as adopted (P1), or as an amendment that has taken
    effect made it (P10); refused before `isonomia init`."""
    query = sa.select(union_view.c.value).where(union_view.c.key == "charter")
    with federation.db.reading() as conn:
        value = conn.execute(query).scalar()
    if value is None:
        raise NotInitialized.of(N_("this database has no charter: run `isonomia init`"))
    return _parsed(value)


@lru_cache(maxsize=8)
def _parsed(value: str) -> Charter:
    # Checked whole when it was recorded (an amended charter may name members that joined).
    return Charter.model_validate(json.loads(value))


def founded_on(federation: Federation) -> date | None:
    """The day the union was founded (P1), or None before its founding."""
    query = sa.select(union_view.c.value).where(union_view.c.key == "founded_on")
    with federation.db.reading() as conn:
        value = conn.execute(query).scalar()
    return date.fromisoformat(value) if value else None


def clock(federation: Federation) -> str:
    """ "simulated" when the union's dates are asserted by its commands, else "live" (P18)."""
    query = sa.select(union_view.c.value).where(union_view.c.key == "clock")
    with federation.db.reading() as conn:
        value = conn.execute(query).scalar()
    return str(value or "live")


def union_council(federation: Federation) -> str:
    """The id of the charter's union council: the organ commands default to (P4)."""
    adopted = charter(federation)
    councils = [o.id for o in adopted.organs if o.kind is OrganKind.UNION_COUNCIL]
    return councils[0] if councils else adopted.accession.decided_by


def deciding_organ(federation: Federation) -> str:
    """The organ that admits candidates under the charter's accession rule (P2)."""
    return charter(federation).accession.decided_by
