"""The inspection (P16, P17): cases and complaints addressed to officials, and the evidence
files kept beside the ledger by their SHA-256.

Revision ID: 0010i
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010i"
down_revision: str | Sequence[str] | None = "0010o"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)
SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "case_view",
        sa.Column("id", ID, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("opened_on", D, nullable=False),
        sa.Column("commission", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Integer(), nullable=False),
        sa.Column("last_sequence", SEQ, nullable=False),
    )
    op.create_table(
        "complaint_view",
        sa.Column("id", ID, primary_key=True),
        sa.Column("official", ID, nullable=False),
        sa.Column("addressed_by", sa.Text(), nullable=False),
        sa.Column("addressed_on", D, nullable=False),
        sa.Column("answer_due", D, nullable=False),
        sa.Column("answered_on", D),
        sa.Column("neglected", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "evidence_blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", SEQ, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("evidence_blob")
    op.drop_table("complaint_view")
    op.drop_table("case_view")
