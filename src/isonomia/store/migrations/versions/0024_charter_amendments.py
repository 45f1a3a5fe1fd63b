"""Amendments of the charter's settings: each adopted amendment's changes, the charter they
make, and the days it takes and took effect.

Revision ID: 0023ca
Revises: 0026d
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023ca"
down_revision: str | Sequence[str] | None = "0026d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "charter_amendment_view",
        sa.Column("motion", sa.String(63), primary_key=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("charter", sa.Text(), nullable=False),
        sa.Column("adopted_on", sa.String(10), nullable=False),
        sa.Column("effective_on", sa.String(10), nullable=False),
        sa.Column("took_effect_on", sa.String(10), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("charter_amendment_view")
