"""Queries read only read tables: an act's stages and history, the day each vote was cast,
the languages of the people serving joint departments, and the inspection's cases in whole.

Revision ID: 0012q
Revises: 0019a
Create Date: 2026-12-07

The queries of acts folded the record's state for what the read tables did not keep: the
day a motion was drafted, the stage an act had reached on a day (found by parsing its
history's words), its history, the day each vote was cast, and the languages of the people
serving joint departments in each member (P14); those of the inspection folded it for a
case's parties, evidence and findings (P17). These tables and columns keep them, and
are filled by `isonomia projections rebuild`, which replays the ledger.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012q"
down_revision: str | Sequence[str] | None = "0019a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(63)
D = sa.String(10)


def upgrade() -> None:
    _charter_in_union_view()
    op.add_column("vote_view", sa.Column("cast_on", D))
    op.create_table(
        "act_stage_view",
        sa.Column("act", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("from_on", D, nullable=False),
    )
    op.create_table(
        "act_history_view",
        sa.Column("act", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("on", D, nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
    )
    op.create_table(
        "department_staff_language_view",
        sa.Column("department", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("person", ID, primary_key=True),
        sa.Column("languages", sa.Text(), nullable=False),
    )
    with op.batch_alter_table("case_view") as batch:
        batch.add_column(sa.Column("complainant", sa.Text()))
        batch.add_column(sa.Column("accused", sa.Text()))
        batch.add_column(sa.Column("witnesses", sa.Text()))
        batch.add_column(sa.Column("summary", sa.Text()))
        batch.add_column(sa.Column("defender", ID))
        batch.add_column(sa.Column("seed", sa.Text()))
        batch.add_column(sa.Column("recused", sa.Text()))
    op.create_table(
        "case_evidence_view",
        sa.Column("case", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_on", D, nullable=False),
    )
    op.create_table(
        "findings_view",
        sa.Column("id", ID, primary_key=True),
        sa.Column("case", ID, nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.Text(), nullable=False),
        sa.Column("sanction", sa.Text(), nullable=False),
        sa.Column("signatures", sa.Text(), nullable=False),
        sa.Column("final_on", D),
        sa.Column("earlier", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )


def _charter_in_union_view() -> None:
    """The charter as adopted, which the union's facts are read from, copied from the
    ledger's first entry at once: every page names the union before any rebuild."""
    conn = op.get_bind()
    payload = conn.execute(
        sa.text(
            "SELECT payload FROM ledger WHERE event_type = 'CharterAdopted' "
            "ORDER BY sequence LIMIT 1"
        )
    ).scalar()
    if payload is None:
        return
    charter = json.dumps(json.loads(payload)["charter"], sort_keys=True)
    conn.execute(sa.text("DELETE FROM union_view WHERE key = 'charter'"))
    conn.execute(
        sa.text("INSERT INTO union_view (key, value) VALUES ('charter', :value)"),
        {"value": charter},
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM union_view WHERE key = 'charter'"))
    op.drop_table("findings_view")
    op.drop_table("case_evidence_view")
    with op.batch_alter_table("case_view") as batch:
        for column in ("recused", "seed", "defender", "summary", "witnesses", "accused"):
            batch.drop_column(column)
        batch.drop_column("complainant")
    op.drop_table("department_staff_language_view")
    op.drop_table("act_history_view")
    op.drop_table("act_stage_view")
    with op.batch_alter_table("vote_view") as batch:
        batch.drop_column("cast_on")
