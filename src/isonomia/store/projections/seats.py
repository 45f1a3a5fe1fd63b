"""Read tables of delegations of many (issue 24): the proxies given within delegations, each
member's census updates (in the members' table), and votes cast in amounts (in the votes'
table, a member's row holding its split so far)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.seats import CensusUpdated, ProxyGiven, ProxyRevoked, SeatVoteCast, split_text
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.motions import vote_view
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

proxy_view = read_table(
    sa.Table(
        "proxy_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("to", ID, nullable=False),
        sa.Column("given_on", D, nullable=False),
        sa.Column("revoked_on", D),
    )
)


@projects(CensusUpdated)
def _census_updated(conn: Connection, sequence: int, event: CensusUpdated) -> None:
    conn.execute(
        sa.update(member_view)
        .where(member_view.c.id == event.member)
        .values(
            population=event.population,
            population_year=event.population_year,
            population_source=event.population_source,
        )
    )


@projects(ProxyGiven)
def _proxy_given(conn: Connection, sequence: int, event: ProxyGiven) -> None:
    conn.execute(
        proxy_view.insert(),
        dict(
            sequence=sequence,
            organ=event.organ,
            member=event.member,
            person=event.person,
            to=event.to,
            given_on=iso(event.given_on),
        ),
    )


@projects(ProxyRevoked)
def _proxy_revoked(conn: Connection, sequence: int, event: ProxyRevoked) -> None:
    t = proxy_view
    conn.execute(
        sa.update(t)
        .where(
            t.c.organ == event.organ,
            t.c.member == event.member,
            t.c.person == event.person,
            t.c.revoked_on.is_(None),
        )
        .values(revoked_on=iso(event.revoked_on))
    )


@projects(SeatVoteCast)
def _seat_vote_cast(conn: Connection, sequence: int, event: SeatVoteCast) -> None:
    t = vote_view
    where = (t.c.act == event.motion, t.c.item == event.item, t.c.member == event.member)
    before = conn.execute(sa.select(t.c.vote).where(*where)).scalar()
    yes, no, abstain = event.yes, event.no, event.abstain
    if before is not None:
        parts = dict(p.split("=") for p in str(before).split(","))
        yes, no, abstain = (
            yes + int(parts["yes"]),
            no + int(parts["no"]),
            abstain + int(parts["abstain"]),
        )
        conn.execute(sa.delete(t).where(*where))
    conn.execute(
        t.insert(),
        dict(
            act=event.motion,
            item=event.item,
            member=event.member,
            person=event.person,
            vote=split_text(yes, no, abstain),
            cast_on=iso(event.cast_on),
        ),
    )
