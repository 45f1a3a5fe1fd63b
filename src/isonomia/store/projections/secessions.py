"""Read table of secessions (P3): every decision to leave, and its withdrawal if any.

The members table keeps a membership's current state; this one keeps each secession
decision with its dates, so that what a query answers for a past day never changes when a
secession is later withdrawn (the member was seceding on the days in between).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import SecessionDecided, SecessionWithdrawn
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

secession_view = read_table(
    sa.Table(
        "secession_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("membership", sa.Integer(), nullable=False),
        sa.Column("decided_on", D, nullable=False),
        sa.Column("leaves_on", D, nullable=False),
        sa.Column("withdrawn_on", D),
    )
)


@projects(SecessionDecided)
def _decided(conn: Connection, sequence: int, event: SecessionDecided) -> None:
    membership = conn.execute(
        sa.select(sa.func.max(member_view.c.membership)).where(member_view.c.id == event.member)
    ).scalar()
    conn.execute(
        secession_view.insert(),
        dict(
            sequence=sequence,
            member=event.member,
            membership=int(membership or 1),
            decided_on=iso(event.decided_on),
            leaves_on=iso(event.effective_on),
        ),
    )


@projects(SecessionWithdrawn)
def _withdrawn(conn: Connection, sequence: int, event: SecessionWithdrawn) -> None:
    t = secession_view
    latest = conn.execute(
        sa.select(sa.func.max(t.c.sequence)).where(
            t.c.member == event.member, t.c.withdrawn_on.is_(None)
        )
    ).scalar()
    if latest is not None:
        conn.execute(
            sa.update(t).where(t.c.sequence == latest).values(withdrawn_on=iso(event.withdrawn_on))
        )
