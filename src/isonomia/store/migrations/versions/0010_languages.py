"""National languages (P14): members' language rules, certifiers, versions of acts,
waivers, the union's correspondence and the originals of members' commands.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)
LANG = sa.String(35)


def upgrade() -> None:
    op.create_table(
        "language_rules_view",
        sa.Column("member", ID, primary_key=True),
        sa.Column("correspondence", sa.Text(), nullable=False),
        sa.Column("bilingual_documents", sa.Text(), nullable=False),
        sa.Column("staff", sa.Text(), nullable=False),
        sa.Column("adopted_on", D, nullable=False),
    )
    op.create_table(
        "certifier_view",
        sa.Column("member", ID, primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("designated_on", D, nullable=False),
    )
    op.create_table(
        "version_view",
        sa.Column("act", ID, primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("submitted_by", sa.Text(), nullable=False),
        sa.Column("submitted_on", D, nullable=False),
        sa.Column("certified_by", sa.Text()),
        sa.Column("certified_on", D),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "waiver_view",
        sa.Column("act", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("waived_on", D, nullable=False),
    )
    op.create_table(
        "correspondence_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("sent_on", D, nullable=False),
    )
    op.create_table(
        "original_view",
        sa.Column("of_command", sa.Text(), primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("filed_by", sa.Text(), nullable=False),
        sa.Column("filed_on", D, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "original_view",
        "correspondence_view",
        "waiver_view",
        "version_view",
        "certifier_view",
        "language_rules_view",
    ):
        op.drop_table(table)
