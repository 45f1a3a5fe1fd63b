"""Sanctions: what final findings' sanctions did to each person (removal, suspension,
transfer, reprimand), with the offices taken and the bar on re-appointment.

Revision ID: 0025s
Revises: 0022r
Create Date: 2027-01-20
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025s"
down_revision: str | Sequence[str] | None = "0022r"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sanction_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("person", sa.String(63), nullable=False),
        sa.Column("case", sa.String(63), nullable=False),
        sa.Column("findings", sa.String(63), nullable=False),
        sa.Column("sanction", sa.String(32), nullable=False),
        sa.Column("effective_on", sa.String(10), nullable=False),
        sa.Column("resumes_on", sa.String(10), nullable=True),
        sa.Column("bar_until", sa.String(10), nullable=True),
        sa.Column("offices", sa.Text(), nullable=False),
    )
    op.create_index("ix_sanction_view_person", "sanction_view", ["person"])


def downgrade() -> None:
    op.drop_index("ix_sanction_view_person", table_name="sanction_view")
    op.drop_table("sanction_view")
