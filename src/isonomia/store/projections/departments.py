"""Read tables of joint departments (P7): each department, and its state in each member;
a department whose field was returned to the members shows as dissolved (P10)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import (
    DepartmentBecameOperational,
    DepartmentConsented,
    DepartmentCreated,
    DepartmentJoined,
    DepartmentProposed,
    RepresentativeAppointed,
    StaffAssigned,
)
from isonomia.domain.departments import DepartmentDissolved
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

department_view = read_table(
    sa.Table(
        "department_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("field", ID, nullable=False),
        sa.Column("seat", sa.Text(), nullable=False),
        # proposed, joint, operational, dissolved
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("proposed_on", D, nullable=False),
        sa.Column("created_on", D),
        sa.Column("operational_since", D),
        sa.Column("dissolved_on", D),
        sa.Column("dissolution", sa.Text()),
    )
)

department_member_view = read_table(
    sa.Table(
        "department_member_view",
        metadata,
        sa.Column("department", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("consented_on", D),
        sa.Column("participates", sa.Boolean(), nullable=False),
        sa.Column("representative", ID),
        sa.Column("staff", sa.Text(), nullable=False),  # JSON list of persons
    )
)

#: The languages each person serving a department in a member commands (P14), as recorded
#: when they were appointed or assigned (a later appointment of the same person replaces it).
department_staff_language_view = read_table(
    sa.Table(
        "department_staff_language_view",
        metadata,
        sa.Column("department", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("person", ID, primary_key=True),
        sa.Column("languages", sa.Text(), nullable=False),  # JSON list
    )
)


def _serving(conn: Connection, department: str, member: str, person: str, languages: Any) -> None:
    t = department_staff_language_view
    conn.execute(
        sa.delete(t).where(t.c.department == department, t.c.member == member, t.c.person == person)
    )
    conn.execute(
        t.insert(),
        dict(department=department, member=member, person=person, languages=json.dumps(languages)),
    )


def _set_department(conn: Connection, department: str, **values: Any) -> None:
    conn.execute(
        sa.update(department_view).where(department_view.c.id == department).values(**values)
    )


def _department_member(conn: Connection, department: str, member: str, **values: Any) -> None:
    table = department_member_view
    where = (table.c.department == department, table.c.member == member)
    if conn.execute(sa.select(table.c.member).where(*where)).first() is None:
        row = {"participates": False, "staff": "[]", **values}
        conn.execute(table.insert(), dict(department=department, member=member, **row))
    else:
        conn.execute(sa.update(table).where(*where).values(**values))


@projects(DepartmentProposed)
def _proposed(conn: Connection, sequence: int, event: DepartmentProposed) -> None:
    conn.execute(
        department_view.insert(),
        dict(
            id=event.department,
            name=event.name,
            field=event.field,
            seat=event.seat,
            status="proposed",
            proposed_on=iso(event.proposed_on),
        ),
    )


@projects(DepartmentConsented)
def _consented(conn: Connection, sequence: int, event: DepartmentConsented) -> None:
    _department_member(conn, event.department, event.member, consented_on=iso(event.consented_on))


@projects(DepartmentCreated)
def _created(conn: Connection, sequence: int, event: DepartmentCreated) -> None:
    _set_department(conn, event.department, status="joint", created_on=iso(event.created_on))
    for member in event.participants:
        _department_member(conn, event.department, member, participates=True)


@projects(DepartmentJoined)
def _joined(conn: Connection, sequence: int, event: DepartmentJoined) -> None:
    _department_member(conn, event.department, event.member, participates=True)
    _set_department(conn, event.department, status="joint")  # a gap until staffed


@projects(RepresentativeAppointed)
def _represented(conn: Connection, sequence: int, event: RepresentativeAppointed) -> None:
    _department_member(conn, event.department, event.member, representative=event.person)
    _serving(conn, event.department, event.member, event.person, event.languages)


@projects(StaffAssigned)
def _staffed(conn: Connection, sequence: int, event: StaffAssigned) -> None:
    t = department_member_view
    staff = conn.execute(
        sa.select(t.c.staff).where(t.c.department == event.department, t.c.member == event.member)
    ).scalar()
    persons = [*json.loads(staff or "[]"), event.person]
    _department_member(conn, event.department, event.member, staff=json.dumps(persons))
    _serving(conn, event.department, event.member, event.person, event.languages)


@projects(DepartmentBecameOperational)
def _operational(conn: Connection, sequence: int, event: DepartmentBecameOperational) -> None:
    _set_department(
        conn,
        event.department,
        status="operational",
        operational_since=iso(event.operational_on),
    )


@projects(DepartmentDissolved)
def _dissolved(conn: Connection, sequence: int, event: DepartmentDissolved) -> None:
    _set_department(
        conn,
        event.department,
        status="dissolved",
        dissolved_on=iso(event.dissolved_on),
        dissolution=event.reason,
    )
