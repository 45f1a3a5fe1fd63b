"""Read table of appeals (P6): who appealed what, on which ground, and the ruling."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import AppealFiled, AppealRef, AppealRuled, SessionConvened, parse_review
from isonomia.domain.phrases import APPEALED_IN_FORCE, APPEALED_SUSPENDED, RULED, fill
from isonomia.store.projections.motions import add_history, update_act
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

appeal_view = read_table(
    sa.Table(
        "appeal_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("act", ID, nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("ground", sa.Text(), nullable=False),
        sa.Column("filed_on", D, nullable=False),
        sa.Column("suspensive", sa.Boolean(), nullable=False),
        sa.Column("review_session", ID),
        sa.Column("ruling", sa.String(16)),
        sa.Column("ruled_on", D),
        sa.Column("motion", ID),
    )
)


def set_review_session(conn: Connection, appeal: str, session: str) -> None:
    conn.execute(
        sa.update(appeal_view).where(appeal_view.c.id == appeal).values(review_session=session)
    )


@projects(SessionConvened)
def _reviewed_at(conn: Connection, sequence: int, event: SessionConvened) -> None:
    """A session that reviews appeals sets their review session (the organs' projector
    records the session itself)."""
    for ref in map(parse_review, event.reviews):
        if isinstance(ref, AppealRef):
            set_review_session(conn, ref.appeal, event.session)


@projects(AppealFiled)
def _appeal_filed(conn: Connection, sequence: int, event: AppealFiled) -> None:
    conn.execute(
        appeal_view.insert(),
        dict(
            id=event.appeal,
            act=event.act,
            member=event.member,
            ground=event.ground,
            filed_on=iso(event.filed_on),
            suspensive=event.suspensive,
        ),
    )
    said = APPEALED_SUSPENDED if event.suspensive else APPEALED_IN_FORCE
    what = fill(said, member=event.member, appeal=event.appeal)
    add_history(conn, sequence, event.act, event.filed_on, what)


@projects(AppealRuled)
def _appeal_ruled(conn: Connection, sequence: int, event: AppealRuled) -> None:
    conn.execute(
        sa.update(appeal_view)
        .where(appeal_view.c.id == event.appeal)
        .values(ruling=event.ruling, ruled_on=iso(event.ruled_on), motion=event.motion)
    )
    if event.ruling == "annul":
        update_act(conn, sequence, event.act, annulled_on=iso(event.ruled_on))
    elif event.ruling == "amend":
        update_act(conn, sequence, event.act, text=event.text)
    add_history(
        conn,
        sequence,
        event.act,
        event.ruled_on,
        fill(RULED[event.ruling], appeal=event.appeal, motion=event.motion),
    )
