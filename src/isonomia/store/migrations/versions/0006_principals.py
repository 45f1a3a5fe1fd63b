"""The key register and signed commands (P18), and the record's clock that never goes back.

Revision ID: 0006
Revises: 0004b
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0004b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKWARDS = "the record clock never goes backwards: recorded_at is before the previous entry"

# Entries are compared with the one before them (the sequence is gapless), as instants: the
# text may carry fractional seconds, which sort wrongly as plain text.
SQLITE_UP = [
    f"""
    CREATE TRIGGER ledger_check_clock BEFORE INSERT ON ledger
    BEGIN
        SELECT RAISE(ABORT, '{BACKWARDS}')
        WHERE julianday(substr(NEW.recorded_at, 1, length(NEW.recorded_at) - 1)) < (
            SELECT julianday(substr(recorded_at, 1, length(recorded_at) - 1))
            FROM ledger WHERE sequence = NEW.sequence - 1);
    END
    """,
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS ledger_check_clock"]
POSTGRESQL_UP = [
    f"""
    CREATE FUNCTION ledger_check_clock() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        previous text;
    BEGIN
        SELECT recorded_at INTO previous FROM ledger WHERE sequence = NEW.sequence - 1;
        IF previous IS NOT NULL
           AND NEW.recorded_at::timestamptz < previous::timestamptz THEN
            RAISE EXCEPTION '{BACKWARDS}';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER ledger_check_clock BEFORE INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_check_clock()
    """,
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS ledger_check_clock ON ledger",
    "DROP FUNCTION IF EXISTS ledger_check_clock()",
]


def _statements(sqlite: list[str], postgresql: list[str]) -> list[str]:
    return sqlite if op.get_context().dialect.name == "sqlite" else postgresql


def upgrade() -> None:
    op.create_table(
        "key_view",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("registered_by", sa.Text(), nullable=False),
        sa.Column("for_member", sa.String(63)),
        sa.Column("registered_sequence", sa.BigInteger(), nullable=False),
        sa.Column("revoked_sequence", sa.BigInteger()),
        sa.Column("revoked_by", sa.Text()),
        sa.Column("revoked_reason", sa.Text()),
    )
    op.create_table(
        "signed_command_view",
        sa.Column("command_id", sa.Text(), primary_key=True),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("command_type", sa.String(63), nullable=False),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
    )
    for statement in _statements(SQLITE_UP, POSTGRESQL_UP):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(SQLITE_DOWN, POSTGRESQL_DOWN):
        op.execute(statement)
    op.drop_table("signed_command_view")
    op.drop_table("key_view")
