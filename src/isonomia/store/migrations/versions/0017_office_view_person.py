"""Offices held are indexed by person, so a recall finds the seat it ends at once.

Revision ID: 0010x
Revises: 0010s
Create Date: 2026-11-30

Ending a delegate's seat looked it up by office alone, scanning every seat the organ ever
had: each recall cost more than the last, and a long record took time that grew with the
square of its length to make or rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010x"
down_revision: str | Sequence[str] | None = "0010s"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_office_view_person", "office_view", ["person", "office"])


def downgrade() -> None:
    op.drop_index("ix_office_view_person", "office_view")
