"""Read-model tables: members and union facts, rebuilt from the ledger at will.

Revision ID: 0002
Revises: 0001
Create Date: 2024-03-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member_view",
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("congress", sa.Text(), nullable=False),
        sa.Column("population", sa.BigInteger(), nullable=False),
        sa.Column("population_year", sa.Integer(), nullable=False),
        sa.Column("population_source", sa.Text(), nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("founding", sa.Boolean(), nullable=False),
        sa.Column("joined_on", sa.String(10)),
        sa.Column("accepted_fields", sa.Text()),
        sa.Column("secession_decided_on", sa.String(10)),
        sa.Column("leaves_on", sa.String(10)),
        sa.Column("rotation_position", sa.Integer()),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "union_view",
        sa.Column("key", sa.String(63), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("union_view")
    op.drop_table("member_view")
