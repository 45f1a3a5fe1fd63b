"""Read tables of membership (P1–P3): the union's own facts and every member's record.

`member_view` keeps one row per membership (and per pending or rejected candidacy): a
member that left and rejoined keeps its earlier row beside the new one (P3, P5)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.charter.load import charter_from_data
from isonomia.domain import (
    AccessionDecided,
    AdmissionRejected,
    CharterAdopted,
    MemberAdmitted,
    SecessionDecided,
    SecessionTookEffect,
    SecessionWithdrawn,
    UnionFounded,
)
from isonomia.store.projections.competences import add_competence
from isonomia.store.projections.registry import projects, read_table
from isonomia.store.tables import metadata

member_view = read_table(
    sa.Table(
        "member_view",
        metadata,
        sa.Column("id", sa.String(63), primary_key=True),
        #: 1 for a member's first membership (or candidacy), 2 after it rejoins, and so on.
        sa.Column("membership", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("congress", sa.Text(), nullable=False),
        sa.Column("population", sa.BigInteger(), nullable=False),
        sa.Column("population_year", sa.Integer(), nullable=False),
        sa.Column("population_source", sa.Text(), nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),  # JSON list of BCP-47 tags
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("founding", sa.Boolean(), nullable=False),
        sa.Column("joined_on", sa.String(10)),
        sa.Column("accepted_fields", sa.Text()),  # JSON list, or NULL for all joint fields
        sa.Column("secession_decided_on", sa.String(10)),
        sa.Column("leaves_on", sa.String(10)),
        sa.Column("rotation_position", sa.Integer()),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
    )
)

union_view = read_table(
    sa.Table(
        "union_view",
        metadata,
        sa.Column("key", sa.String(63), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
)


def _put_union(conn: Connection, **values: str) -> None:
    for key, value in values.items():
        conn.execute(sa.delete(union_view).where(union_view.c.key == key))
        conn.execute(union_view.insert(), dict(key=key, value=value))


def _latest(conn: Connection, member: str) -> int:
    top = conn.execute(
        sa.select(sa.func.max(member_view.c.membership)).where(member_view.c.id == member)
    ).scalar()
    return int(top or 0)


def _update_member(conn: Connection, member: str, **values: Any) -> None:
    """Update the member's latest membership; earlier ones are never rewritten."""
    conn.execute(
        sa.update(member_view)
        .where(member_view.c.id == member, member_view.c.membership == _latest(conn, member))
        .values(**values)
    )


def _next_position(conn: Connection) -> int:
    top = conn.execute(sa.select(sa.func.max(member_view.c.rotation_position))).scalar()
    return int(top or 0) + 1


@projects(CharterAdopted)
def _charter_adopted(conn: Connection, sequence: int, event: CharterAdopted) -> None:
    union = event.charter["union"]
    _put_union(
        conn,
        id=union["id"],
        name=union["name"],
        seat=union["seat"],
        # The charter as adopted, for the queries of union-wide facts.
        charter=json.dumps(event.charter, sort_keys=True),
    )
    for name, kind in sorted(charter_from_data(event.charter).field_kinds().items()):
        add_competence(conn, name, kind.value, None, "charter")


@projects(UnionFounded)
def _union_founded(conn: Connection, sequence: int, event: UnionFounded) -> None:
    _put_union(conn, founded_on=event.founded_on.isoformat())
    for position, f in enumerate(event.founders, start=1):
        conn.execute(
            member_view.insert(),
            dict(
                id=f.member,
                membership=1,
                name=f.name,
                congress=f.congress,
                population=f.population,
                population_year=f.population_year,
                population_source=f.population_source,
                languages=json.dumps(f.languages),
                status="member",
                founding=True,
                joined_on=event.founded_on.isoformat(),
                rotation_position=position,
                last_sequence=sequence,
            ),
        )


@projects(AccessionDecided)
def _accession_decided(conn: Connection, sequence: int, event: AccessionDecided) -> None:
    c = event.candidate
    conn.execute(  # a candidacy that failed gives way; a membership that ended stays
        sa.delete(member_view).where(
            member_view.c.id == event.member, member_view.c.status.in_(("candidate", "rejected"))
        )
    )
    conn.execute(
        member_view.insert(),
        dict(
            id=event.member,
            membership=_latest(conn, event.member) + 1,
            name=c.name,
            congress=c.congress,
            population=c.population,
            population_year=c.population_year,
            population_source=c.population_source,
            languages=json.dumps(c.languages),
            status="candidate",
            founding=False,
            accepted_fields=json.dumps(event.accepts_fields),
            last_sequence=sequence,
        ),
    )


@projects(MemberAdmitted)
def _member_admitted(conn: Connection, sequence: int, event: MemberAdmitted) -> None:
    _update_member(
        conn,
        event.member,
        status="member",
        joined_on=event.admitted_on.isoformat(),
        rotation_position=_next_position(conn),
        last_sequence=sequence,
    )


@projects(AdmissionRejected)
def _admission_rejected(conn: Connection, sequence: int, event: AdmissionRejected) -> None:
    _update_member(conn, event.member, status="rejected", last_sequence=sequence)


@projects(SecessionDecided)
def _secession_decided(conn: Connection, sequence: int, event: SecessionDecided) -> None:
    _update_member(
        conn,
        event.member,
        status="seceding",
        secession_decided_on=event.decided_on.isoformat(),
        leaves_on=event.effective_on.isoformat(),
        last_sequence=sequence,
    )


@projects(SecessionWithdrawn)
def _secession_withdrawn(conn: Connection, sequence: int, event: SecessionWithdrawn) -> None:
    _update_member(
        conn,
        event.member,
        status="member",
        secession_decided_on=None,
        leaves_on=None,
        last_sequence=sequence,
    )


@projects(SecessionTookEffect)
def _secession_took_effect(conn: Connection, sequence: int, event: SecessionTookEffect) -> None:
    _update_member(conn, event.member, status="seceded", last_sequence=sequence)
