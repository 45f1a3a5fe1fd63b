"""The grove's read table, on a branch of its own."""

import sqlalchemy as sa
from alembic import op

revision = "grove0001"
down_revision = None
branch_labels = ("grove",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grove_tree",
        sa.Column("tree", sa.String(63), primary_key=True),
        sa.Column("planted_on", sa.String(10), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("grove_tree")
