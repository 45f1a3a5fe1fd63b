"""Secessions kept one row per decision, with their withdrawals (P3).

Revision ID: 0005
Revises: 0004s
Create Date: 2026-11-30

The table is filled by `isonomia projections rebuild`, which replays the ledger.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004s"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "secession_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("member", sa.String(63), nullable=False),
        sa.Column("membership", sa.Integer(), nullable=False),
        sa.Column("decided_on", sa.String(10), nullable=False),
        sa.Column("leaves_on", sa.String(10), nullable=False),
        sa.Column("withdrawn_on", sa.String(10)),
    )


def downgrade() -> None:
    op.drop_table("secession_view")
