"""Elections: each election's call and result, its candidates, and its open ballots.

Revision ID: 0027e
Revises: 0023ca
Create Date: 2027-01-20
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027e"
down_revision: str | Sequence[str] | None = "0023ca"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "election_view",
        sa.Column("election", sa.String(63), primary_key=True),
        sa.Column("office", sa.String(63), nullable=False),
        sa.Column("organ", sa.String(63), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("one_per_member", sa.Boolean(), nullable=False),
        sa.Column("called_on", sa.String(10), nullable=False),
        sa.Column("nominations_close", sa.String(10), nullable=False),
        sa.Column("ballots_open", sa.String(10), nullable=False),
        sa.Column("ballots_close", sa.String(10), nullable=False),
        sa.Column("term_from", sa.String(10), nullable=False),
        sa.Column("term_until", sa.String(10), nullable=True),
        sa.Column("electorate", sa.Integer(), nullable=False),
        sa.Column("counted_on", sa.String(10), nullable=True),
        sa.Column("ballots", sa.Integer(), nullable=True),
        sa.Column("quota", sa.Text(), nullable=True),
        sa.Column("elected", sa.Text(), nullable=True),
        sa.Column("tables", sa.Text(), nullable=True),
        sa.Column("skipped", sa.Text(), nullable=True),
    )
    op.create_table(
        "candidate_view",
        sa.Column("election", sa.String(63), primary_key=True),
        sa.Column("person", sa.String(63), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member", sa.String(63), nullable=False),
        sa.Column("nominated_on", sa.String(10), nullable=False),
        sa.Column("consented_on", sa.String(10), nullable=True),
    )
    op.create_table(
        "ballot_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("election", sa.String(63), nullable=False),
        sa.Column("elector", sa.String(63), nullable=False),
        sa.Column("for_member", sa.String(63), nullable=True),
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("cast_on", sa.String(10), nullable=False),
    )
    op.create_index("ix_ballot_view_election", "ballot_view", ["election"])


def downgrade() -> None:
    op.drop_index("ix_ballot_view_election", table_name="ballot_view")
    op.drop_table("ballot_view")
    op.drop_table("candidate_view")
    op.drop_table("election_view")
