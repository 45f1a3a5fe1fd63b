"""The transparency log's Merkle tree kept between checkpoints (P18).

Revision ID: 0010t
Revises: 0009
Create Date: 2026-11-30

One row per complete subtree of the RFC 9162 tree over the ledger's entries, keyed by the
last leaf it covers and its level (``store/merkle_nodes.py``). The table starts empty: the
rows of a ledger that already has entries are computed from them when the log next needs
them (a checkpoint, a proof), and checked against them by `isonomia ledger verify`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010t"
down_revision: str | Sequence[str] | None = "0010i"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "merkle_node",
        sa.Column(
            "end_leaf",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("level", sa.SmallInteger(), primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("merkle_node")
