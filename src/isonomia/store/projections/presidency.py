"""Read table of the presidency (P5): the delegate each presiding member designated to
preside over an organ for a term."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.presidency import PresidingDelegateDesignated
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

presiding_delegate_view = read_table(
    sa.Table(
        "presiding_delegate_view",
        metadata,
        sa.Column("organ", ID, primary_key=True),
        #: The term, counted from 1 (the founding term).
        sa.Column("term", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("member", ID, primary_key=True),
        #: The designation holds from the next day until a later one for the same term.
        sa.Column("designated_on", D, primary_key=True),
        sa.Column("person", ID, nullable=False),
    )
)


@projects(PresidingDelegateDesignated)
def _designated(conn: Connection, sequence: int, event: PresidingDelegateDesignated) -> None:
    t = presiding_delegate_view.c
    conn.execute(
        sa.delete(presiding_delegate_view).where(
            t.organ == event.organ,
            t.term == event.term,
            t.member == event.member,
            t.designated_on == iso(event.designated_on),
        )
    )
    conn.execute(
        presiding_delegate_view.insert(),
        dict(
            organ=event.organ,
            term=event.term,
            member=event.member,
            person=event.person,
            designated_on=iso(event.designated_on),
        ),
    )
