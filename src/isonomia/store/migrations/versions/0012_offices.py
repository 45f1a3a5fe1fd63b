"""Offices (P15): every office each person holds or held, and who signed each command on
which day, for the report of concentration.

Revision ID: 0010o
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010o"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)


def upgrade() -> None:
    op.create_table(
        "office_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("office", sa.String(80), nullable=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("held_from", D, nullable=False),
        sa.Column("held_until", D),
        sa.Column("ended_on", D),
    )
    op.create_index("ix_office_view_office", "office_view", ["office"])
    op.create_table(
        "office_signature_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("signed_on", D, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("office_signature_view")
    op.drop_index("ix_office_view_office", table_name="office_view")
    op.drop_table("office_view")
