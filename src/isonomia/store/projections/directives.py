"""Read table of directives (P8): each addressee's handling of each directive."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import (
    DirectiveCarriedOut,
    InstructionsGiven,
    InstructionsRequested,
    SessionConvened,
    UrgentActionRef,
    UrgentActionReviewed,
    parse_review,
)
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

compliance_view = read_table(
    sa.Table(
        "compliance_view",
        metadata,
        sa.Column("directive", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("requested_on", D),
        sa.Column("question", sa.Text()),
        sa.Column("instructed_on", D),
        sa.Column("instructions", sa.Text()),
        sa.Column("carried_out_on", D),
        sa.Column("basis", sa.String(16)),
        sa.Column("justification", sa.Text()),
        sa.Column("review_session", ID),
        sa.Column("review", sa.String(16)),
    )
)


def add_addressee(conn: Connection, directive: str, member: str) -> None:
    conn.execute(
        compliance_view.insert(), dict(directive=directive, member=member, status="outstanding")
    )


def update_compliance(conn: Connection, directive: str, member: str, **values: Any) -> None:
    table = compliance_view
    conn.execute(
        sa.update(table)
        .where(table.c.directive == directive, table.c.member == member)
        .values(**values)
    )


@projects(SessionConvened)
def _reviewed_at(conn: Connection, sequence: int, event: SessionConvened) -> None:
    """A session that reviews urgent actions sets their review session."""
    for ref in map(parse_review, event.reviews):
        if isinstance(ref, UrgentActionRef):
            update_compliance(conn, *ref.key, review_session=event.session)


@projects(InstructionsRequested)
def _requested(conn: Connection, sequence: int, event: InstructionsRequested) -> None:
    update_compliance(
        conn,
        event.directive,
        event.member,
        status="instructions requested",
        requested_on=iso(event.requested_on),
        question=event.question,
    )


@projects(InstructionsGiven)
def _given(conn: Connection, sequence: int, event: InstructionsGiven) -> None:
    update_compliance(
        conn,
        event.directive,
        event.member,
        status="instructed",
        instructed_on=iso(event.given_on),
        instructions=event.instructions,
    )


@projects(DirectiveCarriedOut)
def _carried_out(conn: Connection, sequence: int, event: DirectiveCarriedOut) -> None:
    urgent = event.basis == "urgency"
    update_compliance(
        conn,
        event.directive,
        event.member,
        status="carried out (urgent; review pending)" if urgent else "carried out",
        carried_out_on=iso(event.carried_out_on),
        basis=event.basis,
        justification=event.justification,
    )


@projects(UrgentActionReviewed)
def _reviewed(conn: Connection, sequence: int, event: UrgentActionReviewed) -> None:
    update_compliance(
        conn,
        event.directive,
        event.member,
        review=event.outcome,
        status=f"carried out (urgent; {event.outcome})",
    )
