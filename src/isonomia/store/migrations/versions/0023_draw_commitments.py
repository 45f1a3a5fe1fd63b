"""The draw no one can steer and challenges (P17): each principal's commitment to a case's
draw and its value once revealed; each challenge of a commissioner and its rulings.

Revision ID: 0026d
Revises: 0024t
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026d"
down_revision: str | Sequence[str] | None = "0024t"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)


def upgrade() -> None:
    op.create_table(
        "draw_commitment_view",
        sa.Column("case", ID, primary_key=True),
        sa.Column("round", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("principal", sa.String(200), primary_key=True),
        sa.Column("commitment", sa.String(64), nullable=False),
        sa.Column("committed_on", D, nullable=False),
        sa.Column("value", sa.String(64), nullable=True),
        sa.Column("revealed_on", D, nullable=True),
        sa.Column("silent", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "challenge_view",
        sa.Column("case", ID, primary_key=True),
        sa.Column("challenge", ID, primary_key=True),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("party", sa.Text(), nullable=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("challenged_on", D, nullable=False),
        sa.Column("rulings", sa.Text(), nullable=False),
        sa.Column("upheld", sa.Boolean(), nullable=True),
        sa.Column("decided_on", D, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("challenge_view")
    op.drop_table("draw_commitment_view")
