"""Read tables of procedure (P4, P12, P14): who received a motion's draft when, in which
languages, with its notice; and the postponements of its vote."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.procedure import DraftCirculated, MotionSentBack, VotePostponed
from isonomia.store.projections.motions import vote_view
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

circulation_view = read_table(
    sa.Table(
        "circulation_view",
        metadata,
        sa.Column("motion", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        #: The member's council received it on this day.
        sa.Column("received_on", D, nullable=False),
        #: Its official languages, each "LANG: version" or "LANG: pending", comma-separated.
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("notice_days", sa.Integer(), nullable=False),
        sa.Column("notice_ends_on", D, nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("justification", sa.Text()),
        sa.Column("concerned", sa.Boolean(), nullable=False),
        sa.Column("circulated_by", sa.Text(), nullable=False),
    )
)

postponement_view = read_table(
    sa.Table(
        "postponement_view",
        metadata,
        sa.Column("motion", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_on", D, nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("vote_from", D, nullable=False),
        #: Every member notified, comma-separated.
        sa.Column("notified", sa.Text(), nullable=False),
    )
)

sent_back_view = read_table(
    sa.Table(
        "sent_back_view",
        metadata,
        sa.Column("motion", ID, primary_key=True),
        #: The concerned members whose objection sent it back, comma-separated.
        sa.Column("objected_by", sa.Text(), nullable=False),
        sa.Column("counted_on", D, nullable=False),
        #: The first vote's ballots, "member: vote" comma-separated (the new vote replaces them
        #: in vote_view).
        sa.Column("votes", sa.Text(), nullable=False),
        sa.Column("vote_from", D, nullable=False),
        sa.Column("then_rule", ID, nullable=False),
    )
)


@projects(DraftCirculated)
def _circulated(conn: Connection, sequence: int, event: DraftCirculated) -> None:
    for member, languages in event.recipients.items():
        conn.execute(
            circulation_view.insert(),
            dict(
                motion=event.motion,
                member=member,
                received_on=iso(event.circulated_on),
                languages=", ".join(f"{lang}: {what}" for lang, what in sorted(languages.items())),
                notice_days=event.notice_days,
                notice_ends_on=iso(event.notice_ends_on),
                urgent=event.urgent,
                justification=event.justification,
                concerned=member in event.concerned or member in event.may_postpone,
                circulated_by=event.circulated_by,
            ),
        )


@projects(VotePostponed)
def _postponed(conn: Connection, sequence: int, event: VotePostponed) -> None:
    conn.execute(
        postponement_view.insert(),
        dict(
            motion=event.motion,
            member=event.member,
            reason=event.reason,
            requested_on=iso(event.requested_on),
            days=event.days,
            vote_from=iso(event.vote_from),
            notified=", ".join(event.notified),
        ),
    )


@projects(MotionSentBack)
def _sent_back(conn: Connection, sequence: int, event: MotionSentBack) -> None:
    conn.execute(
        sa.delete(vote_view).where(vote_view.c.act == event.motion, vote_view.c.item == "")
    )
    conn.execute(
        sent_back_view.insert(),
        dict(
            motion=event.motion,
            objected_by=", ".join(event.objected_by),
            counted_on=iso(event.counted_on),
            votes=", ".join(f"{m}: {v}" for m, v in sorted(event.votes.items())),
            vote_from=iso(event.vote_from),
            then_rule=event.then_rule,
        ),
    )
