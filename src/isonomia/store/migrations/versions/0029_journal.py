"""The union's official journal: one row for each entry it publishes (an act published, a
draft circulated, an election counted, a sanction taking effect, an amendment).

Revision ID: 0029j
Revises: 0028c
Create Date: 2027-02-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029j"
down_revision: str | Sequence[str] | None = "0028c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "journal_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("subject", sa.String(63), nullable=False),
        sa.Column("organ", sa.String(63), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("addressees", sa.Text(), nullable=False),
        sa.Column("languages", sa.Text(), nullable=True),
    )
    op.create_index("ix_journal_view_day", "journal_view", ["day"])


def downgrade() -> None:
    op.drop_index("ix_journal_view_day", table_name="journal_view")
    op.drop_table("journal_view")
