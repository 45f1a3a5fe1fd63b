"""Read tables of motions and acts (P4, P8): the act, its amendments and its votes, the
stages it went through (each from its day) and the lines of its history."""

from __future__ import annotations

import json
from datetime import date
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
from isonomia.domain.phrases import (
    AMENDMENT_ADOPTED,
    AMENDMENT_REJECTED,
    COUNTED_ADOPTED,
    COUNTED_REJECTED,
    DRAFTED_BY,
    LAPSED,
    PUBLISHED,
    TABLED,
    TABLED_CLOSING,
    fill,
)
from isonomia.store.projections.directives import add_addressee
from isonomia.store.projections.organs import append_to_agenda, session_view
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
        # "yes", "no", "abstain", or a split "yes=2,no=1,abstain=0" (issue 24).
        sa.Column("vote", sa.String(63), nullable=False),
        # None in entries recorded when votes were cast on the session's day only.
        sa.Column("cast_on", D),
    )
)

#: Each stage an act reached, from the day it reached it: drafted (its drafting day),
#: tabled (its session's day), adopted or rejected (the day counted), published. An act's
#: stage on a day is the last one reached by then.
act_stage_view = read_table(
    sa.Table(
        "act_stage_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("from_on", D, nullable=False),
    )
)

#: The lines of an act's history, in the order recorded, each with its day.
act_history_view = read_table(
    sa.Table(
        "act_history_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("on", D, nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
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


def add_history(conn: Connection, sequence: int, act: str, on: Any, what: str) -> None:
    """One line of an act's history (the words the record's state keeps)."""
    conn.execute(act_history_view.insert(), dict(act=act, sequence=sequence, on=iso(on), what=what))


def _stage(conn: Connection, sequence: int, act: str, stage: str, on: Any) -> None:
    conn.execute(
        act_stage_view.insert(), dict(act=act, sequence=sequence, stage=stage, from_on=iso(on))
    )


def update_act(conn: Connection, sequence: int, act: str, **values: Any) -> None:
    conn.execute(
        sa.update(act_view).where(act_view.c.id == act).values(last_sequence=sequence, **values)
    )


@projects(MotionDrafted)
def _drafted(conn: Connection, sequence: int, event: MotionDrafted) -> None:
    conn.execute(
        act_view.insert(),
        dict(
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
        ),
    )
    _stage(conn, sequence, event.motion, "drafted", event.drafted_on)
    add_history(
        conn, sequence, event.motion, event.drafted_on, fill(DRAFTED_BY, who=event.drafted_by)
    )


@projects(MotionTabled)
def _tabled(conn: Connection, sequence: int, event: MotionTabled) -> None:
    row = conn.execute(sa.select(act_view).where(act_view.c.id == event.motion)).one()
    append_to_agenda(conn, event.session, f"motion {row.id}: {row.title}")
    update_act(conn, sequence, event.motion, stage="tabled", session=event.session)
    held_on = date.fromisoformat(
        conn.execute(
            sa.select(session_view.c.held_on).where(session_view.c.id == event.session)
        ).scalar_one()
    )
    closes = event.voting_closes_on
    _stage(conn, sequence, event.motion, "tabled", held_on)
    conn.execute(
        act_history_view.insert(),
        dict(
            act=event.motion,
            sequence=sequence,
            on=iso(held_on),
            what=fill(TABLED_CLOSING, session=event.session, closes=closes)
            if closes
            else fill(TABLED, session=event.session),
        ),
    )


@projects(AmendmentProposed)
def _amendment_proposed(conn: Connection, sequence: int, event: AmendmentProposed) -> None:
    conn.execute(
        amendment_view.insert(),
        dict(
            act=event.motion,
            id=event.amendment,
            text=event.text,
            proposed_by=event.proposed_by,
            status="proposed",
        ),
    )


@projects(VoteCast)
def _vote_cast(conn: Connection, sequence: int, event: VoteCast) -> None:
    conn.execute(
        vote_view.insert(),
        dict(
            act=event.motion,
            item=event.item,
            member=event.member,
            person=event.person,
            vote=event.vote,
            cast_on=iso(event.cast_on),
        ),
    )


@projects(AmendmentAdopted, AmendmentRejected)
def _amendment_counted(
    conn: Connection, sequence: int, event: AmendmentAdopted | AmendmentRejected
) -> None:
    adopted = isinstance(event, AmendmentAdopted)
    t = amendment_view
    where = (t.c.act == event.motion, t.c.id == event.amendment)
    verb = "adopted" if adopted else "rejected"
    conn.execute(sa.update(t).where(*where).values(status=verb))
    said = AMENDMENT_ADOPTED if adopted else AMENDMENT_REJECTED
    add_history(
        conn, sequence, event.motion, event.counted_on, fill(said, amendment=event.amendment)
    )
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
    stage = "adopted" if adopted else "rejected"
    _stage(conn, sequence, event.motion, stage, event.counted_on)
    said = fill(COUNTED_ADOPTED if adopted else COUNTED_REJECTED, reason=event.reason)
    add_history(conn, sequence, event.motion, event.counted_on, said)


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
    _stage(conn, sequence, event.act, "published", event.published_on)
    add_history(
        conn,
        sequence,
        event.act,
        event.published_on,
        fill(PUBLISHED, day=event.in_force_on),
    )
    kind = conn.execute(sa.select(act_view.c.kind).where(act_view.c.id == event.act))
    if kind.scalar_one() == "directive":
        for member in event.addressees:
            add_addressee(conn, event.act, member)


@projects(ActLapsed)
def _lapsed(conn: Connection, sequence: int, event: ActLapsed) -> None:
    update_act(conn, sequence, event.act, lapsed_on=iso(event.lapsed_on))
    add_history(conn, sequence, event.act, event.lapsed_on, fill(LAPSED, reason=event.reason))
