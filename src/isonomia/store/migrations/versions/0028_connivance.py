"""Those who connived: each official a case's commission named as having known and not
acted, the evidence cited, their defender and the sanctions findings put on them.

Revision ID: 0028c
Revises: 0025s
Create Date: 2027-01-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028c"
down_revision: str | Sequence[str] | None = "0025s"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conniver_view",
        sa.Column("case", sa.String(63), primary_key=True),
        sa.Column("person", sa.String(63), primary_key=True),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("named_by", sa.String(63), nullable=False),
        sa.Column("named_on", sa.String(10), nullable=False),
        sa.Column("defender", sa.String(63), nullable=True),
        sa.Column("sanctions", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conniver_view")
