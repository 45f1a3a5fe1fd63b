"""Where members' institutions receive notices, and the notices' outbox.

Revision ID: 0030n
Revises: 0029j
Create Date: 2027-02-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030n"
down_revision: str | Sequence[str] | None = "0029j"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notice_address_view",
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("institution", sa.String(63), primary_key=True),
        sa.Column("language", sa.String(35), primary_key=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("webhook", sa.Text(), nullable=True),
        sa.Column("registered_on", sa.String(10), nullable=False),
    )
    op.create_table(
        "notice_outbox",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("member", sa.String(63), nullable=False),
        sa.Column("institution", sa.String(63), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("queued_at", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.Text(), nullable=True),
        sa.Column("dead_at", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_notice_outbox_next_at", "notice_outbox", ["next_at"])


def downgrade() -> None:
    op.drop_index("ix_notice_outbox_next_at", table_name="notice_outbox")
    op.drop_table("notice_outbox")
    op.drop_table("notice_address_view")
