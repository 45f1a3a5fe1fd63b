"""Procedure: a draft's circulation to every member's council, postponements of votes, and
motions sent back by a suspensive objection on a national question.

Revision ID: 0011p
Revises: 0012q
Create Date: 2027-01-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011p"
down_revision: str | Sequence[str] | None = "0012q"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "circulation_view",
        sa.Column("motion", sa.String(63), primary_key=True),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("received_on", sa.String(10), nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("notice_days", sa.Integer(), nullable=False),
        sa.Column("notice_ends_on", sa.String(10), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("concerned", sa.Boolean(), nullable=False),
        sa.Column("circulated_by", sa.Text(), nullable=False),
    )
    op.create_table(
        "postponement_view",
        sa.Column("motion", sa.String(63), primary_key=True),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.String(10), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("vote_from", sa.String(10), nullable=False),
        sa.Column("notified", sa.Text(), nullable=False),
    )
    op.create_table(
        "sent_back_view",
        sa.Column("motion", sa.String(63), primary_key=True),
        sa.Column("objected_by", sa.Text(), nullable=False),
        sa.Column("counted_on", sa.String(10), nullable=False),
        sa.Column("votes", sa.Text(), nullable=False),
        sa.Column("vote_from", sa.String(10), nullable=False),
        sa.Column("then_rule", sa.String(63), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sent_back_view")
    op.drop_table("postponement_view")
    op.drop_table("circulation_view")
