"""Presidency: the delegate each presiding member designated to preside over an organ for a
term (P5).

Revision ID: 0022r
Revises: 0027e
Create Date: 2027-01-12
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022r"
down_revision: str | Sequence[str] | None = "0027e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "presiding_delegate_view",
        sa.Column("organ", sa.String(63), primary_key=True),
        sa.Column("term", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("designated_on", sa.String(10), primary_key=True),
        sa.Column("person", sa.String(63), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("presiding_delegate_view")
