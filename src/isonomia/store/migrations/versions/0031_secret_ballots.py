"""Secret ballots: each election's kind of ballot, reveal window and abstentions, and the
commitments to secret ballots.

Revision ID: 0029sb
Revises: 0030n
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029sb"
down_revision: str | Sequence[str] | None = "0030n"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("election_view") as batch:
        batch.add_column(sa.Column("ballot", sa.String(8), nullable=False, server_default="open"))
        batch.add_column(sa.Column("reveals_close", sa.String(10), nullable=True))
        batch.add_column(sa.Column("abstentions", sa.Integer(), nullable=True))
    op.create_table(
        "ballot_commitment_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("election", sa.String(63), nullable=False),
        sa.Column("elector", sa.String(63), nullable=False),
        sa.Column("for_member", sa.String(63), nullable=True),
        sa.Column("commitment", sa.String(64), nullable=False),
        sa.Column("committed_on", sa.String(10), nullable=False),
        sa.Column("revealed_on", sa.String(10), nullable=True),
    )
    op.create_index("ix_ballot_commitment_view_election", "ballot_commitment_view", ["election"])


def downgrade() -> None:
    op.drop_index("ix_ballot_commitment_view_election", table_name="ballot_commitment_view")
    op.drop_table("ballot_commitment_view")
    with op.batch_alter_table("election_view") as batch:
        batch.drop_column("abstentions")
        batch.drop_column("reveals_close")
        batch.drop_column("ballot")
