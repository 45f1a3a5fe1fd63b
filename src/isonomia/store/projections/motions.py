"""Read tables of motions and acts (P4, P8): the act, its amendments and its votes."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import (
    ActLapsed,
    ActPublished,
    AmendmentAdopted,
    AmendmentProposed,
    AmendmentRejected,
    MotionAdopted,
    MotionDrafted,
    MotionRejected,
    MotionTabled,
    VoteCast,
)
from isonomia.store.projections.directives import add_addressee
from isonomia.store.projections.organs import append_to_agenda
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

act_view = read_table(
    sa.Table(
        "act_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("organ", ID, nullable=False),
        sa.Column("organ_kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("field", ID, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("force", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("session", ID),
        sa.Column("addressees", sa.Text(), nullable=False),  # JSON list
        sa.Column("adopted_on", D),
        sa.Column("published_on", D),
        sa.Column("in_force_on", D),
        sa.Column("annulled_on", D),
        sa.Column("lapsed_on", D),
        sa.Column("decision_rule", ID),
        sa.Column("count_reason", sa.Text()),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
    )
)

vote_view = read_table(
    sa.Table(
        "vote_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("item", ID, primary_key=True),  # "" for the motion, else the amendment
        sa.Column("member", ID, primary_key=True),
        sa.Column("person", ID, nullable=False),
        sa.Column("vote", sa.String(8), nullable=False),
    )
)

amendment_view = read_table(
    sa.Table(
        "amendment_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("id", ID, primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
)


def update_act(conn: Connection, sequence: int, act: str, **values: Any) -> None:
    conn.execute(
        sa.update(act_view).where(act_view.c.id == act).values(last_sequence=sequence, **values)
    )


@projects(MotionDrafted)
def _drafted(conn: Connection, sequence: int, event: MotionDrafted) -> None:
    conn.execute(
        sa.insert(act_view).values(
            id=event.motion,
            organ=event.organ,
            organ_kind=event.organ_kind,
            title=event.title,
            text=event.text,
            field=event.field,
            kind=event.kind,
            force=event.force,
            stage="drafted",
            addressees=json.dumps(event.addressees),
            last_sequence=sequence,
        )
    )


@projects(MotionTabled)
def _tabled(conn: Connection, sequence: int, event: MotionTabled) -> None:
    row = conn.execute(sa.select(act_view).where(act_view.c.id == event.motion)).one()
    append_to_agenda(conn, event.session, f"motion {row.id}: {row.title}")
    update_act(conn, sequence, event.motion, stage="tabled", session=event.session)


@projects(AmendmentProposed)
def _amendment_proposed(conn: Connection, sequence: int, event: AmendmentProposed) -> None:
    conn.execute(
        sa.insert(amendment_view).values(
            act=event.motion,
            id=event.amendment,
            text=event.text,
            proposed_by=event.proposed_by,
            status="proposed",
        )
    )


@projects(VoteCast)
def _vote_cast(conn: Connection, sequence: int, event: VoteCast) -> None:
    conn.execute(
        sa.insert(vote_view).values(
            act=event.motion,
            item=event.item,
            member=event.member,
            person=event.person,
            vote=event.vote,
        )
    )


@projects(AmendmentAdopted, AmendmentRejected)
def _amendment_counted(
    conn: Connection, sequence: int, event: AmendmentAdopted | AmendmentRejected
) -> None:
    adopted = isinstance(event, AmendmentAdopted)
    t = amendment_view
    where = (t.c.act == event.motion, t.c.id == event.amendment)
    conn.execute(sa.update(t).where(*where).values(status="adopted" if adopted else "rejected"))
    if adopted:
        text = conn.execute(sa.select(t.c.text).where(*where)).scalar_one()
        update_act(conn, sequence, event.motion, text=text)


@projects(MotionAdopted, MotionRejected)
def _motion_counted(conn: Connection, sequence: int, event: MotionAdopted | MotionRejected) -> None:
    adopted = isinstance(event, MotionAdopted)
    update_act(
        conn,
        sequence,
        event.motion,
        stage="adopted" if adopted else "rejected",
        adopted_on=iso(event.counted_on) if adopted else None,
        decision_rule=event.decision_rule,
        count_reason=event.reason,
    )


@projects(ActPublished)
def _published(conn: Connection, sequence: int, event: ActPublished) -> None:
    update_act(
        conn,
        sequence,
        event.act,
        stage="published",
        published_on=iso(event.published_on),
        in_force_on=iso(event.in_force_on),
        addressees=json.dumps(event.addressees),
    )
    kind = conn.execute(sa.select(act_view.c.kind).where(act_view.c.id == event.act))
    if kind.scalar_one() == "directive":
        for member in event.addressees:
            add_addressee(conn, event.act, member)


@projects(ActLapsed)
def _lapsed(conn: Connection, sequence: int, event: ActLapsed) -> None:
    update_act(conn, sequence, event.act, lapsed_on=iso(event.lapsed_on))
