"""The union's budget (issue 26): each fiscal year, its lines, each member's share and what
it was charged, paid, had cancelled and received, the income figures the members' councils
recorded, and the accounts' postings.

Revision ID: 0029b
Revises: 0029sb
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029b"
down_revision: str | Sequence[str] | None = "0029sb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID, D, MONEY = sa.String(63), sa.String(10), sa.String(40)


def upgrade() -> None:
    op.create_table(
        "budget_year",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("motion", ID, nullable=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("currency", sa.String(24), nullable=False),
        sa.Column("proposed_on", D, nullable=False),
        sa.Column("adopted_on", D, nullable=True),
        sa.Column("starts_on", D, nullable=True),
        sa.Column("ends_on", D, nullable=True),
        sa.Column("called_on", D, nullable=True),
        sa.Column("due_on", D, nullable=True),
    )
    op.create_table(
        "budget_line",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("line", ID, primary_key=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("spent", MONEY, nullable=False),
    )
    op.create_table(
        "budget_share",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("member", ID, primary_key=True),
        sa.Column("share", MONEY, nullable=False),
        sa.Column("equalisation", MONEY, nullable=False),
        sa.Column("charged", MONEY, nullable=False),
        sa.Column("paid", MONEY, nullable=False),
        sa.Column("cancelled", MONEY, nullable=False),
        sa.Column("transferred", MONEY, nullable=False),
    )
    op.create_table(
        "budget_income",
        sa.Column("member", ID, primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("recorded_on", D, nullable=False),
    )
    op.create_table(
        "budget_posting",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("txn", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("booked_on", D, nullable=False),
        sa.Column("account", sa.String(200), nullable=False),
        sa.Column("member", ID, nullable=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("narration", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("budget_posting", "budget_income", "budget_share", "budget_line", "budget_year"):
        op.drop_table(table)
