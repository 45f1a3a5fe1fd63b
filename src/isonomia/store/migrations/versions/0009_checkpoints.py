"""Checkpoints and cosignatures of the transparency log; no entry replaced (P18).

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-30

SQLite's ``INSERT OR REPLACE`` deletes the row it conflicts with without firing a delete
trigger, so an insert whose sequence or hash is already in the ledger is refused before
any conflict is resolved. On PostgreSQL, ``INSERT ... ON CONFLICT DO UPDATE`` is refused by
the update trigger of 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TAKEN = "ledger entries are never replaced: this sequence or hash is already recorded (P18)"

SQLITE_UP = f"""
    CREATE TRIGGER ledger_refuse_replace BEFORE INSERT ON ledger
    BEGIN
        SELECT RAISE(ABORT, '{TAKEN}')
        WHERE EXISTS (
            SELECT 1 FROM ledger WHERE sequence = NEW.sequence OR hash = NEW.hash);
    END
    """
SQLITE_DOWN = "DROP TRIGGER IF EXISTS ledger_refuse_replace"

_SIZE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "checkpoint",
        sa.Column("size", _SIZE, primary_key=True, autoincrement=False),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("made_at", sa.Text(), nullable=False),
    )
    op.create_table(
        "cosignature",
        sa.Column("size", _SIZE, sa.ForeignKey("checkpoint.size"), primary_key=True),
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
    )
    if op.get_context().dialect.name == "sqlite":
        op.execute(SQLITE_UP)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute(SQLITE_DOWN)
    op.drop_table("cosignature")
    op.drop_table("checkpoint")
