"""The ledger table and the triggers that make it append-only (P18).

Revision ID: 0001
Revises:
Create Date: 2024-03-01

UPDATE, DELETE (and on PostgreSQL, TRUNCATE) on the ledger are refused by the database
itself, so no code path, old or new, can rewrite the record. An INSERT must continue the
chain: its sequence is the head's plus one and its prev_hash is the head's hash.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "ledger is append-only (P18)"
GAP = "ledger sequence must continue from the head without a gap (P18)"
UNLINKED = "ledger prev_hash must equal the hash of the head entry (P18)"
GENESIS = "0" * 64

SQLITE_UP = [
    f"""
    CREATE TRIGGER ledger_refuse_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END
    """,
    f"""
    CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END
    """,
    f"""
    CREATE TRIGGER ledger_check_link BEFORE INSERT ON ledger
    BEGIN
        SELECT RAISE(ABORT, '{GAP}')
        WHERE NEW.sequence <> COALESCE((SELECT MAX(sequence) FROM ledger), 0) + 1;
        SELECT RAISE(ABORT, '{UNLINKED}')
        WHERE NEW.prev_hash <> COALESCE(
            (SELECT hash FROM ledger ORDER BY sequence DESC LIMIT 1), '{GENESIS}');
    END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS ledger_check_link",
    "DROP TRIGGER IF EXISTS ledger_refuse_delete",
    "DROP TRIGGER IF EXISTS ledger_refuse_update",
]

POSTGRESQL_UP = [
    f"""
    CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{APPEND_ONLY}';
    END
    $$
    """,
    """
    CREATE TRIGGER ledger_refuse_update BEFORE UPDATE ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    """
    CREATE TRIGGER ledger_refuse_delete BEFORE DELETE ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    """
    CREATE TRIGGER ledger_refuse_truncate BEFORE TRUNCATE ON ledger
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()
    """,
    # Row-level BEFORE triggers see rows inserted earlier by the same statement, so a
    # multi-row INSERT is checked row by row against the head as it grows.
    f"""
    CREATE FUNCTION ledger_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        head_sequence bigint;
        head_hash text;
    BEGIN
        SELECT sequence, hash INTO head_sequence, head_hash
            FROM ledger ORDER BY sequence DESC LIMIT 1;
        IF NEW.sequence <> COALESCE(head_sequence, 0) + 1 THEN
            RAISE EXCEPTION '{GAP}';
        END IF;
        IF NEW.prev_hash <> COALESCE(head_hash, '{GENESIS}') THEN
            RAISE EXCEPTION '{UNLINKED}';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER ledger_check_link BEFORE INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_check_link()
    """,
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS ledger_check_link ON ledger",
    "DROP TRIGGER IF EXISTS ledger_refuse_truncate ON ledger",
    "DROP TRIGGER IF EXISTS ledger_refuse_delete ON ledger",
    "DROP TRIGGER IF EXISTS ledger_refuse_update ON ledger",
    "DROP FUNCTION IF EXISTS ledger_check_link()",
    "DROP FUNCTION IF EXISTS ledger_refuse_change()",
]


def _statements(sqlite: list[str], postgresql: list[str]) -> list[str]:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        return sqlite
    if dialect == "postgresql":
        return postgresql
    raise NotImplementedError(
        f"the ledger's triggers are written for sqlite and postgresql, not {dialect}"
    )


def upgrade() -> None:
    op.create_table(
        "ledger",
        sa.Column(
            "sequence",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("command_id", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("hash", name="uq_ledger_hash"),
        sa.CheckConstraint("sequence >= 1", name="ck_ledger_sequence_positive"),
    )
    op.create_index("ix_ledger_command_id", "ledger", ["command_id"])
    for statement in _statements(SQLITE_UP, POSTGRESQL_UP):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(SQLITE_DOWN, POSTGRESQL_DOWN):
        op.execute(statement)
    op.drop_index("ix_ledger_command_id", table_name="ledger")
    op.drop_table("ledger")
