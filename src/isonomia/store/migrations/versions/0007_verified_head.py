"""The verified head: the last ledger entry known to verify (P18).

Revision ID: 0004s
Revises: 0006
Create Date: 2026-11-30

A command checks only the entries appended after this head, so the check costs in
proportion to what is new. It starts empty: the first write after this migration checks
the whole chain once.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004s"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verified_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_verified_head_one_row"),
    )


def downgrade() -> None:
    op.drop_table("verified_head")
