"""Read tables of offices (P15): every office each person holds or held, and the day and
signer of every signed command, from which the report of concentration is drawn."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import (
    CommandSigned,
    DelegateAppointed,
    DelegateRecalled,
    OfficialAppointed,
    OfficialRemoved,
    RepresentativeAppointed,
    StaffAssigned,
)
from isonomia.domain.departments import DepartmentDissolved
from isonomia.domain.inspection import REMOVAL, SanctionTookEffect
from isonomia.store.projections.registry import ID, D, iso, prebuilt, projects, read_table
from isonomia.store.tables import metadata

office_view = read_table(
    sa.Table(
        "office_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("person", ID, nullable=False),
        # organ:ID (a seat), department:ID (a post), office:ID (a named office)
        sa.Column("office", sa.String(80), nullable=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("held_from", D, nullable=False),
        sa.Column("held_until", D),
        sa.Column("ended_on", D),
        sa.Index("ix_office_view_office", "office"),
        sa.Index("ix_office_view_person", "person", "office"),
    )
)

office_signature_view = read_table(
    sa.Table(
        "office_signature_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("signed_on", D, nullable=False),
    )
)


def _hold(conn: Connection, sequence: int, **values: Any) -> None:
    conn.execute(office_view.insert(), dict(sequence=sequence, **values))


def _end(conn: Connection, office: str, on: str, later: bool = True, **match: str) -> None:
    """End the holdings of `office` held on `on` (or, with `later`, from then on)."""
    statement = _ENDS.get((later, *match))
    if statement is None:
        statement = _ENDS[(later, *match)] = prebuilt(_end_statement(later, *match))
    conn.execute(
        statement, {"b_office": office, "b_on": on, **{f"b_{k}": v for k, v in match.items()}}
    )


def _end_statement(later: bool, *match: str) -> sa.Update:
    t, on = office_view, sa.bindparam("b_on", type_=D)  # (a bound name must not be a column's)
    where = [
        t.c.office == sa.bindparam("b_office"),
        sa.or_(t.c.held_until.is_(None), t.c.held_until > on),
        sa.or_(t.c.ended_on.is_(None), t.c.ended_on > on),
        *(t.c[name] == sa.bindparam(f"b_{name}") for name in match),
    ]
    if not later:
        where.append(t.c.held_from <= on)
    ended = sa.case((t.c.held_from > on, t.c.held_from), else_=on)
    return sa.update(t).where(*where).values(ended_on=ended)


#: `_end`'s statements, built once for each kind of match (a rebuild ends many holdings).
_ENDS: dict[tuple[object, ...], sa.Update] = {}


@projects(DelegateAppointed)
def _seated(conn: Connection, sequence: int, event: DelegateAppointed) -> None:
    _hold(
        conn,
        sequence,
        person=event.person,
        office=f"organ:{event.organ}",
        organ=event.organ,
        member=event.member,
        role="delegate",
        held_from=iso(event.term_from),
        held_until=iso(event.term_until),
    )


@projects(DelegateRecalled)
def _unseated(conn: Connection, sequence: int, event: DelegateRecalled) -> None:
    on = iso(event.recalled_on)
    assert on is not None
    office = f"organ:{event.organ}"
    _end(conn, office, on, later=False, person=event.person, member=event.member)


@projects(RepresentativeAppointed)
def _represents(conn: Connection, sequence: int, event: RepresentativeAppointed) -> None:
    t, office, on = office_view, f"department:{event.department}", iso(event.appointed_on)
    assert on is not None
    current = conn.execute(
        sa.select(t.c.person).where(
            t.c.office == office,
            t.c.member == event.member,
            t.c.role == "representative",
            t.c.ended_on.is_(None),
        )
    ).scalars()
    if event.person in set(current):
        return
    _end(conn, office, on, member=event.member, role="representative")
    _post(conn, sequence, event.department, event.member, event.person, "representative", on)


def _post(
    conn: Connection, sequence: int, department: str, member: str, person: str, role: str, on: str
) -> None:
    _hold(
        conn,
        sequence,
        person=person,
        office=f"department:{department}",
        organ=department,
        member=member,
        role=role,
        held_from=on,
    )


@projects(StaffAssigned)
def _staffs(conn: Connection, sequence: int, event: StaffAssigned) -> None:
    on = iso(event.assigned_on)
    assert on is not None
    _post(conn, sequence, event.department, event.member, event.person, "staff", on)


@projects(DepartmentDissolved)
def _posts_end(conn: Connection, sequence: int, event: DepartmentDissolved) -> None:
    on = iso(event.dissolved_on)
    assert on is not None
    _end(conn, f"department:{event.department}", on)


@projects(OfficialAppointed)
def _appointed(conn: Connection, sequence: int, event: OfficialAppointed) -> None:
    _hold(
        conn,
        sequence,
        person=event.person,
        office=f"office:{event.office}",
        organ=event.organ,
        role="official",
        held_from=iso(event.term_from),
        held_until=iso(event.term_until),
    )


@projects(OfficialRemoved)
def _removed(conn: Connection, sequence: int, event: OfficialRemoved) -> None:
    on = iso(event.removed_on)
    assert on is not None
    _end(conn, f"office:{event.office}", on, person=event.person)


@projects(CommandSigned)
def _signed(conn: Connection, sequence: int, event: CommandSigned) -> None:
    at = event.command.get("at")
    signed_on = str(at)[:10] if at else "0001-01-01"
    conn.execute(
        office_signature_view.insert(),
        dict(sequence=sequence, principal=event.principal, signed_on=signed_on),
    )


@projects(SanctionTookEffect)
def _removed_by_sanction(conn: Connection, sequence: int, event: SanctionTookEffect) -> None:
    """A removal from office ends every office the person holds, or would, from its day (P17)."""
    if event.sanction != REMOVAL:
        return
    t, on = office_view, iso(event.effective_on)
    assert on is not None
    ended = sa.case((t.c.held_from > on, t.c.held_from), else_=on)
    conn.execute(
        sa.update(t)
        .where(
            t.c.person == event.person,
            sa.or_(t.c.held_until.is_(None), t.c.held_until > on),
            sa.or_(t.c.ended_on.is_(None), t.c.ended_on > on),
        )
        .values(ended_on=ended)
    )
