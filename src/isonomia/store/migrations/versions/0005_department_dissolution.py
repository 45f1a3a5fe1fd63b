"""Joint departments dissolved when a charter amendment returns their field to the members
(P10): the day and the reason, on the department's read table.

Revision ID: 0004b
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004b"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("department_view") as batch:
        batch.add_column(sa.Column("dissolved_on", sa.String(10)))
        batch.add_column(sa.Column("dissolution", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("department_view") as batch:
        batch.drop_column("dissolution")
        batch.drop_column("dissolved_on")
