"""Snapshots of the folded state, a cache that spares a process the replay of the ledger.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

Each row is the state as of one entry, with that entry's hash and the snapshot's format;
one that does not match the ledger is ignored. The table starts empty.

Delegations get an index by who sits (organ, member, person), so a recall no longer scans
every term ever recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "state_snapshot",
        sa.Column(
            "sequence",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_delegation_view_who", "delegation_view", ["organ", "member", "person"])


def downgrade() -> None:
    op.drop_index("ix_delegation_view_who", table_name="delegation_view")
    op.drop_table("state_snapshot")
