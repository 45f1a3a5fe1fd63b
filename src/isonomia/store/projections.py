"""Read models: SQL tables kept in step with the ledger, for queries and pages.

Each event updates the read tables in the same transaction as its append, so readers
never see one without the other. The tables hold nothing the ledger does not: `rebuild`
empties them and replays the whole ledger, and a test shows the result equals the live
tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.events import (
    AccessionDecided,
    AdmissionRejected,
    CharterAdopted,
    Event,
    MemberAdmitted,
    SecessionDecided,
    SecessionTookEffect,
    SecessionWithdrawn,
    UnionFounded,
    event_from_record,
)
from isonomia.ledger.chain import Entry
from isonomia.store.ledger_store import read_entries
from isonomia.store.tables import metadata

member_view = sa.Table(
    "member_view",
    metadata,
    sa.Column("id", sa.String(63), primary_key=True),
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

union_view = sa.Table(
    "union_view",
    metadata,
    sa.Column("key", sa.String(63), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)

VIEW_TABLES = (member_view, union_view)


def _put_union(conn: Connection, **values: str) -> None:
    for key, value in values.items():
        conn.execute(sa.delete(union_view).where(union_view.c.key == key))
        conn.execute(sa.insert(union_view).values(key=key, value=value))


def _update_member(conn: Connection, member: str, **values: Any) -> None:
    conn.execute(sa.update(member_view).where(member_view.c.id == member).values(**values))


def _next_position(conn: Connection) -> int:
    top = conn.execute(sa.select(sa.func.max(member_view.c.rotation_position))).scalar()
    return int(top or 0) + 1


def apply(conn: Connection, sequence: int, event: Event) -> None:
    """Update the read tables for one event."""
    match event:
        case CharterAdopted(charter=charter):
            union = charter["union"]
            _put_union(conn, id=union["id"], name=union["name"], seat=union["seat"])
        case UnionFounded(founded_on=founded_on, founders=founders):
            _put_union(conn, founded_on=founded_on.isoformat())
            for position, f in enumerate(founders, start=1):
                conn.execute(
                    sa.insert(member_view).values(
                        id=f.member,
                        name=f.name,
                        congress=f.congress,
                        population=f.population,
                        population_year=f.population_year,
                        population_source=f.population_source,
                        languages=json.dumps(f.languages),
                        status="member",
                        founding=True,
                        joined_on=founded_on.isoformat(),
                        rotation_position=position,
                        last_sequence=sequence,
                    )
                )
        case AccessionDecided(member=member, candidate=c):
            conn.execute(sa.delete(member_view).where(member_view.c.id == member))
            conn.execute(
                sa.insert(member_view).values(
                    id=member,
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
                )
            )
        case MemberAdmitted(member=member):
            _update_member(
                conn,
                member,
                status="member",
                joined_on=event.admitted_on.isoformat(),
                rotation_position=_next_position(conn),
                last_sequence=sequence,
            )
        case AdmissionRejected(member=member):
            _update_member(conn, member, status="rejected", last_sequence=sequence)
        case SecessionDecided(member=member):
            _update_member(
                conn,
                member,
                status="seceding",
                secession_decided_on=event.decided_on.isoformat(),
                leaves_on=event.effective_on.isoformat(),
                last_sequence=sequence,
            )
        case SecessionWithdrawn(member=member):
            _update_member(
                conn,
                member,
                status="member",
                secession_decided_on=None,
                leaves_on=None,
                last_sequence=sequence,
            )
        case SecessionTookEffect(member=member):
            _update_member(
                conn, member, status="seceded", rotation_position=None, last_sequence=sequence
            )
        case _:
            raise TypeError(f"no projection for {type(event).__name__}")


def event_of(entry: Entry) -> Event:
    return event_from_record(entry.event_type, entry.schema_version, entry.payload)


def apply_entries(conn: Connection, entries: Iterable[Entry]) -> None:
    for entry in entries:
        apply(conn, entry.sequence, event_of(entry))


def rebuild(conn: Connection) -> int:
    """Empty the read tables and replay the whole ledger into them; returns entries replayed."""
    for table in VIEW_TABLES:
        conn.execute(sa.delete(table))
    replayed = 0
    for entry in read_entries(conn):
        apply(conn, entry.sequence, event_of(entry))
        replayed += 1
    return replayed


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read table, in key order: for comparing live and rebuilt state."""
    return {
        table.name: [
            tuple(row)
            for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
        ]
        for table in VIEW_TABLES
    }
