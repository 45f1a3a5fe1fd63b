"""Queries over joint departments (P7): consents and gaps, and dissolutions (P10)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.service.queries.organs import members_on_day
from isonomia.store.projections.departments import (
    department_member_view,
    department_staff_language_view,
    department_view,
)


@dataclass(frozen=True)
class DepartmentRow:
    id: str
    name: str
    field: str
    seat: str
    status: str  # proposed, joint, operational, dissolved (on DATE: why)
    consented: list[str]
    not_consented: list[str]
    gaps: dict[str, list[str]]
    representatives: dict[str, str]
    staff: dict[str, list[str]]
    #: Per member, the languages its representative and staff command together (P14).
    languages: dict[str, list[str]]


def _coverage(rows: Sequence[sa.Row[Any]], department: str) -> dict[str, list[str]]:
    """Per member, the languages a department's people there command together (P14)."""
    result: dict[str, set[str]] = {}
    for r in rows:
        if r.department == department:
            result.setdefault(str(r.member), set()).update(json.loads(r.languages))
    return {member: sorted(spoken) for member, spoken in sorted(result.items())}


def _gaps(mine: Sequence[sa.Row[Any]], members: list[str]) -> dict[str, list[str]]:
    """What each participating member lacks: a representative, staff (P7)."""
    by_member = {str(m.member): m for m in mine}
    result: dict[str, list[str]] = {}
    for member in members:
        row = by_member.get(member)
        if row is None or not row.participates:
            continue
        missing = []
        if not row.representative:
            missing.append("authorized representative")
        if not json.loads(row.staff):
            missing.append("staff")
        if missing:
            result[member] = missing
    return result


def departments(federation: Federation, on: date) -> list[DepartmentRow]:
    """Joint departments, who has and has not consented, and the gaps in representation (P7)."""
    day = on.isoformat()
    with federation.db.reading() as conn:
        members = [m for m, _ in members_on_day(conn, on)]
        rows = conn.execute(sa.select(department_view).order_by(department_view.c.id)).all()
        per_member = conn.execute(sa.select(department_member_view)).all()
        languages = conn.execute(sa.select(department_staff_language_view)).all()
    result = []
    for r in rows:
        mine = [m for m in per_member if m.department == r.id]
        dissolved = r.dissolved_on is not None and r.dissolved_on <= day  # as it stood on `on`
        participating = [m for m in members if any(x.member == m and x.participates for x in mine)]
        if dissolved:
            status = f"dissolved on {r.dissolved_on}: {r.dissolution}"
        elif r.created_on is None:
            status = "proposed"
        elif participating and not _gaps(mine, participating):
            status = "operational"
        else:
            status = "joint"
        consented = sorted(m.member for m in mine if m.consented_on)
        result.append(
            DepartmentRow(
                id=r.id,
                name=r.name,
                field=r.field,
                seat=r.seat,
                status=status,
                consented=consented,
                not_consented=[m for m in members if m not in consented]
                if r.created_on is None
                else [],
                gaps=_gaps(mine, members) if r.created_on else {},
                representatives={m.member: m.representative for m in mine if m.representative},
                staff={m.member: json.loads(m.staff) for m in mine if json.loads(m.staff)},
                languages=_coverage(languages, r.id),
            )
        )
    return result
