"""SQLAlchemy Core table definitions: the shared ``metadata`` and the ``ledger`` table.

The schema itself is created by the Alembic migrations in ``isonomia/store/migrations``;
these definitions are what queries are written against and must stay in step with them.
Projection tables are added to the same ``metadata`` in ``isonomia.store.projections``.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["ledger", "metadata"]

metadata = sa.MetaData()

ledger = sa.Table(
    "ledger",
    metadata,
    # Gapless from 1; assigned by append() under the append lock, never by the database.
    sa.Column(
        "sequence",
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        primary_key=True,
        autoincrement=False,
    ),
    # ISO-8601 UTC text exactly as hashed; a datetime column would re-spell it.
    sa.Column("recorded_at", sa.Text(), nullable=False),
    sa.Column("actor", sa.Text(), nullable=False),
    sa.Column("command_id", sa.Text(), nullable=False),
    sa.Column("event_type", sa.Text(), nullable=False),
    sa.Column("schema_version", sa.Integer(), nullable=False),
    # The payload's RFC 8785 canonical JSON, so the stored text is the hashed text.
    sa.Column("payload", sa.Text(), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("hash", name="uq_ledger_hash"),
    sa.CheckConstraint("sequence >= 1", name="ck_ledger_sequence_positive"),
    sa.Index("ix_ledger_command_id", "command_id"),
)
