"""Accounts of the web interface, their API tokens and login sessions.

Revision ID: 0010w
Revises: 0009
Create Date: 2026-11-30

Beside the ledger, not in it: accounts are access to the interface, not acts of the union.
The tables start empty.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010w"
down_revision: str | Sequence[str] | None = "0010t"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_account",
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
    )
    op.create_table(
        "web_token",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
    )
    op.create_index("ix_web_token_account", "web_token", ["account"])
    op.create_table(
        "web_session",
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
        sa.Column("expires_at", sa.Text(), nullable=False),
    )
    op.create_index("ix_web_session_account", "web_session", ["account"])


def downgrade() -> None:
    op.drop_index("ix_web_session_account", table_name="web_session")
    op.drop_table("web_session")
    op.drop_index("ix_web_token_account", table_name="web_token")
    op.drop_table("web_token")
    op.drop_table("web_account")
