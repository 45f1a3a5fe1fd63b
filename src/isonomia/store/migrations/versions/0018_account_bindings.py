"""Accounts act for a principal only by proving a key; sign-ins are counted for back-off.

Revision ID: 0011a
Revises: 0010x
Create Date: 2027-01-04

An account's principal was set by whoever made the account, so an administrator could make
one act for the inspection. From here on only a signed challenge binds an account, and the
binding records the key that proved it. No binding made before proved anything: every
account starts unbound, and the tokens (made on the same unproved word) and sessions are
dropped, so everyone signs in again and proves a key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011a"
down_revision: str | Sequence[str] | None = "0010x"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Emptied first: SQLite rebuilds web_account below, which its foreign keys allow only
    # while no token or session points at it.
    op.execute(sa.text("DELETE FROM web_token"))
    op.execute(sa.text("DELETE FROM web_session"))
    with op.batch_alter_table("web_account") as batch:
        batch.alter_column("principal", existing_type=sa.Text(), nullable=True)
        batch.add_column(sa.Column("key_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("bound_at", sa.Text(), nullable=True))
    op.execute(sa.text("UPDATE web_account SET principal = NULL"))
    op.add_column("web_session", sa.Column("key_id", sa.String(32), nullable=True))
    op.create_index("ix_web_account_key_id", "web_account", ["key_id"])
    op.create_index("ix_web_token_key_id", "web_token", ["key_id"])
    op.create_table(
        "web_challenge",
        sa.Column("nonce", sa.String(64), primary_key=True),
        sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.Text(), nullable=False),
    )
    op.create_index("ix_web_challenge_account", "web_challenge", ["account"])
    op.create_table(
        "web_login_attempt",
        sa.Column("subject", sa.Text(), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.Text(), nullable=False),
        sa.Column("blocked_until", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("web_login_attempt")
    op.drop_index("ix_web_challenge_account", table_name="web_challenge")
    op.drop_table("web_challenge")
    op.drop_index("ix_web_token_key_id", table_name="web_token")
    op.drop_index("ix_web_account_key_id", table_name="web_account")
    # Unbound accounts cannot go back to a column that needs a principal.
    op.execute(sa.text("DELETE FROM web_token"))
    op.execute(sa.text("DELETE FROM web_session"))
    op.execute(sa.text("DELETE FROM web_account WHERE principal IS NULL"))
    with op.batch_alter_table("web_session") as batch:
        batch.drop_column("key_id")
    with op.batch_alter_table("web_account") as batch:
        batch.drop_column("bound_at")
        batch.drop_column("key_id")
        batch.alter_column("principal", existing_type=sa.Text(), nullable=False)
