"""Delegations of many: the proxies given within delegations, and votes cast in amounts
(a split ``yes=2,no=1,abstain=0`` in the votes' table, which needs a wider column).

Revision ID: 0029d
Revises: 0029b
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029d"
down_revision: str | Sequence[str] | None = "0029b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)


def upgrade() -> None:
    op.create_table(
        "proxy_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("to", ID, nullable=False),
        sa.Column("given_on", D, nullable=False),
        sa.Column("revoked_on", D, nullable=True),
    )
    with op.batch_alter_table("vote_view") as batch:
        batch.alter_column("vote", type_=sa.String(63), existing_type=sa.String(8))


def downgrade() -> None:
    with op.batch_alter_table("vote_view") as batch:
        batch.alter_column("vote", type_=sa.String(8), existing_type=sa.String(63))
    op.drop_table("proxy_view")
