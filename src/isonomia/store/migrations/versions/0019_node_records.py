"""A member's node keeps the checkpoints it accepted and the alarms it raised (P3, P18).

Revision ID: 0019a
Revises: 0011a
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019a"
down_revision: str | Sequence[str] | None = "0011a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIZE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "node_checkpoint",
        sa.Column("size", _SIZE, primary_key=True, autoincrement=False),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("accepted_at", sa.Text(), nullable=False),
        sa.Column("cosignature", sa.Text(), nullable=True),
        sa.Column("statement", sa.Text(), nullable=True),
    )
    op.create_table(
        "node_alarm",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("sequence", _SIZE, nullable=True),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("node_alarm")
    op.drop_table("node_checkpoint")
