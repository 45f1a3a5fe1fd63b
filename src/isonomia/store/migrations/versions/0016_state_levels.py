"""Snapshots keep their large maps in levels of buckets, read a bucket at a time.

Revision ID: 0010s
Revises: 0010w
Create Date: 2026-11-30

`state_level` holds the buckets; each snapshot names the levels it uses. Snapshots of the
earlier format are ignored by this program, so they are dropped here: the next write that
is due stores a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010s"
down_revision: str | Sequence[str] | None = "0010w"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "state_level",
        sa.Column("level", sa.String(32), primary_key=True),
        sa.Column("bucket", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("entries", sa.LargeBinary(), nullable=False),
    )
    op.execute("DELETE FROM state_snapshot")
    with op.batch_alter_table("state_snapshot") as batch:
        batch.add_column(sa.Column("levels", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("state_snapshot") as batch:
        batch.drop_column("levels")
    op.drop_table("state_level")
