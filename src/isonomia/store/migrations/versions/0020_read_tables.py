"""Queries read only read tables: an act's stages and history, the day each vote was cast.

Revision ID: 0012q
Revises: 0011a
Create Date: 2026-12-07

The queries of acts folded the record's state for what the read tables did not keep: the
day a motion was drafted, the stage an act had reached on a day (found by parsing its
history's words), its history and the day each vote was cast. These tables keep them, and
are filled by `isonomia projections rebuild`, which replays the ledger.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012q"
down_revision: str | Sequence[str] | None = "0011a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)


def upgrade() -> None:
    op.add_column("vote_view", sa.Column("cast_on", D))
    op.create_table(
        "act_stage_view",
        sa.Column("act", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("from_on", D, nullable=False),
    )
    op.create_table(
        "act_history_view",
        sa.Column("act", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("on", D, nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("act_history_view")
    op.drop_table("act_stage_view")
    with op.batch_alter_table("vote_view") as batch:
        batch.drop_column("cast_on")
