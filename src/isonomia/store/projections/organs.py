"""Read tables of organs (P4): delegations with their terms, and sessions with agendas."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import (
    DelegateAppointed,
    DelegateRecalled,
    SessionConvened,
)
from isonomia.domain.inspection import REMOVAL, SanctionTookEffect
from isonomia.store.projections.registry import ID, D, iso, prebuilt, projects, read_table
from isonomia.store.tables import metadata

delegation_view = read_table(
    sa.Table(
        "delegation_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("term_from", D, nullable=False),
        sa.Column("term_until", D),
        sa.Column("recalled_on", D),
        # A recall finds the delegation by who sits; without it, a scan of every term.
        sa.Index("ix_delegation_view_who", "organ", "member", "person"),
    )
)

session_view = read_table(
    sa.Table(
        "session_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("organ", ID, nullable=False),
        sa.Column("held_on", D, nullable=False),
        sa.Column("presided_by", ID),
        sa.Column("agenda", sa.Text(), nullable=False),  # JSON list of items
    )
)


def append_to_agenda(conn: Connection, session: str, item: str) -> None:
    where = session_view.c.id == session
    agenda = conn.execute(sa.select(session_view.c.agenda).where(where)).scalar_one()
    conn.execute(
        sa.update(session_view).where(where).values(agenda=json.dumps([*json.loads(agenda), item]))
    )


@projects(DelegateAppointed)
def _appointed(conn: Connection, sequence: int, event: DelegateAppointed) -> None:
    conn.execute(
        delegation_view.insert(),
        dict(
            sequence=sequence,
            organ=event.organ,
            member=event.member,
            person=event.person,
            term_from=iso(event.term_from),
            term_until=iso(event.term_until),
        ),
    )


def _recall_statement() -> sa.Update:
    t, on = delegation_view, sa.bindparam("b_on", type_=D)  # (a bound name must not be a column's)
    return (
        sa.update(t)
        .where(
            t.c.organ == sa.bindparam("b_organ"),
            t.c.member == sa.bindparam("b_member"),
            t.c.person == sa.bindparam("b_person"),
            t.c.recalled_on.is_(None),
            t.c.term_from <= on,
            sa.or_(t.c.term_until.is_(None), t.c.term_until > on),
        )
        .values(recalled_on=on)
    )


#: Built once: a rebuild recalls half a million delegates in a million entries.
_RECALL = prebuilt(_recall_statement())


@projects(DelegateRecalled)
def _recalled(conn: Connection, sequence: int, event: DelegateRecalled) -> None:
    who = {"b_organ": event.organ, "b_member": event.member, "b_person": event.person}
    conn.execute(_RECALL, {**who, "b_on": iso(event.recalled_on)})


@projects(SessionConvened)
def _convened(conn: Connection, sequence: int, event: SessionConvened) -> None:
    conn.execute(
        session_view.insert(),
        dict(
            id=event.session,
            organ=event.organ,
            held_on=iso(event.held_on),
            presided_by=event.presided_by,
            agenda=json.dumps(event.agenda),
        ),
    )


@projects(SanctionTookEffect)
def _removed_by_sanction(conn: Connection, sequence: int, event: SanctionTookEffect) -> None:
    """A removal from office ends every seat the person sits in, or would, from its day (P17);
    a suspension is read from `sanction_view`."""
    if event.sanction != REMOVAL:
        return
    t, on = delegation_view, iso(event.effective_on)
    ended = sa.case((t.c.term_from > on, t.c.term_from), else_=on)
    conn.execute(
        sa.update(t)
        .where(
            t.c.person == event.person,
            t.c.recalled_on.is_(None),
            sa.or_(t.c.term_until.is_(None), t.c.term_until > on),
        )
        .values(recalled_on=ended)
    )
