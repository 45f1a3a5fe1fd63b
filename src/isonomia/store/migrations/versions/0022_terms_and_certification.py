"""Certification per member: a certification of an act's version counts only for the members
whose own designated certifier made it (P14).

Revision ID: 0024t
Revises: 0011p
Create Date: 2026-12-07

`certification_view` keeps one row per act, language and member for which a certification
counts. It is filled by `isonomia projections rebuild`, which replays the ledger; until then
an act certified before this revision shows as awaiting its versions.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024t"
down_revision: str | Sequence[str] | None = "0011p"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "certification_view",
        sa.Column("act", sa.String(63), primary_key=True),
        sa.Column("language", sa.String(35), primary_key=True),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("certified_by", sa.Text(), nullable=False),
        sa.Column("certified_on", sa.String(10), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("certification_view")
