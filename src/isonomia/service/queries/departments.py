"""Queries over joint departments (P7): consents and gaps, and dissolutions (P10)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.departments import department_member_view, department_view


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


def _coverage(
    staff: Mapping[tuple[str, str, str], tuple[str, ...]], department: str
) -> dict[str, list[str]]:
    """Per member, the languages a department's people there command together (P14)."""
    result: dict[str, set[str]] = {}
    for (where, member, _), languages in staff.items():
        if where == department:
            result.setdefault(member, set()).update(languages)
    return {member: sorted(spoken) for member, spoken in sorted(result.items())}


def departments(federation: Federation, on: date) -> list[DepartmentRow]:
    """Joint departments, who has and has not consented, and the gaps in representation (P7)."""
    state = federation.state()
    members = [m.id for m in state.members_on(on)]
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(department_view).order_by(department_view.c.id)).all()
        per_member = conn.execute(sa.select(department_member_view)).all()
    result = []
    for r in rows:
        mine = [m for m in per_member if m.department == r.id]
        department = state.departments[r.id]
        if department.dissolved_on is not None and on < department.dissolved_on:
            department = replace(department, dissolved_on=None)  # as it stood on `on`
        if department.dissolved_on is not None and department.dissolved_on <= on:
            status = f"dissolved on {department.dissolved_on}: {department.dissolution}"
        elif department.created_on is None:
            status = "proposed"
        elif department.operational(members):
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
                if department.created_on is None
                else [],
                gaps=department.gaps(members) if department.created_on else {},
                representatives={m.member: m.representative for m in mine if m.representative},
                staff={m.member: json.loads(m.staff) for m in mine if json.loads(m.staff)},
                languages=_coverage(state.languages.staff, r.id),
            )
        )
    return result
