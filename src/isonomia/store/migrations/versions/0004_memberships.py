"""One row per membership in the members' read table: a member that left and rejoined keeps
its earlier membership beside the new one (P3, P5).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "id, name, congress, population, population_year, population_source, languages, status, "
    "founding, joined_on, accepted_fields, secession_decided_on, leaves_on, "
    "rotation_position, last_sequence"
)


def _member_table(name: str, per_membership: bool) -> None:
    key = [sa.Column("membership", sa.Integer(), primary_key=True)] if per_membership else []
    op.create_table(
        name,
        sa.Column("id", sa.String(63), primary_key=True),
        *key,
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


def upgrade() -> None:
    _member_table("member_view_new", per_membership=True)
    op.execute(
        f"INSERT INTO member_view_new (membership, {COLUMNS}) SELECT 1, {COLUMNS} FROM member_view"
    )
    op.drop_table("member_view")
    op.rename_table("member_view_new", "member_view")


def downgrade() -> None:
    _member_table("member_view_old", per_membership=False)
    op.execute(
        f"INSERT INTO member_view_old ({COLUMNS}) SELECT {COLUMNS} FROM member_view m "
        "WHERE m.membership = (SELECT MAX(n.membership) FROM member_view n WHERE n.id = m.id)"
    )
    op.drop_table("member_view")
    op.rename_table("member_view_old", "member_view")
