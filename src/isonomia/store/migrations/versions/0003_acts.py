"""Read-model tables of organs and acts: delegations, sessions, acts, votes, appeals,
directives' compliance, joint departments and the register of competences (P4, P6–P11).

Revision ID: 0003
Revises: 0002
Create Date: 2024-03-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "delegation_view",
    "session_view",
    "act_view",
    "vote_view",
    "amendment_view",
    "appeal_view",
    "compliance_view",
    "department_view",
    "department_member_view",
    "competence_view",
)


def upgrade() -> None:
    _organ_tables()
    _act_tables()
    _review_tables()
    _department_tables()


def _organ_tables() -> None:
    op.create_table(
        "delegation_view",
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("organ", sa.String(63), nullable=False),
        sa.Column("member", sa.String(63), nullable=False),
        sa.Column("person", sa.String(63), nullable=False),
        sa.Column("term_from", sa.String(10), nullable=False),
        sa.Column("term_until", sa.String(10)),
        sa.Column("recalled_on", sa.String(10)),
    )
    op.create_table(
        "session_view",
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("organ", sa.String(63), nullable=False),
        sa.Column("held_on", sa.String(10), nullable=False),
        sa.Column("presided_by", sa.String(63)),
        sa.Column("agenda", sa.Text(), nullable=False),
    )


def _act_tables() -> None:
    op.create_table(
        "act_view",
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("organ", sa.String(63), nullable=False),
        sa.Column("organ_kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("field", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("force", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("session", sa.String(63)),
        sa.Column("addressees", sa.Text(), nullable=False),
        sa.Column("adopted_on", sa.String(10)),
        sa.Column("published_on", sa.String(10)),
        sa.Column("in_force_on", sa.String(10)),
        sa.Column("annulled_on", sa.String(10)),
        sa.Column("lapsed_on", sa.String(10)),
        sa.Column("decision_rule", sa.String(63)),
        sa.Column("count_reason", sa.Text()),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "vote_view",
        sa.Column("act", sa.String(63), primary_key=True),
        sa.Column("item", sa.String(63), primary_key=True),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("person", sa.String(63), nullable=False),
        sa.Column("vote", sa.String(8), nullable=False),
    )
    op.create_table(
        "amendment_view",
        sa.Column("act", sa.String(63), primary_key=True),
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )


def _review_tables() -> None:
    op.create_table(
        "appeal_view",
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("act", sa.String(63), nullable=False),
        sa.Column("member", sa.String(63), nullable=False),
        sa.Column("ground", sa.Text(), nullable=False),
        sa.Column("filed_on", sa.String(10), nullable=False),
        sa.Column("suspensive", sa.Boolean(), nullable=False),
        sa.Column("review_session", sa.String(63)),
        sa.Column("ruling", sa.String(16)),
        sa.Column("ruled_on", sa.String(10)),
        sa.Column("motion", sa.String(63)),
    )
    op.create_table(
        "compliance_view",
        sa.Column("directive", sa.String(63), primary_key=True),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("requested_on", sa.String(10)),
        sa.Column("question", sa.Text()),
        sa.Column("instructed_on", sa.String(10)),
        sa.Column("instructions", sa.Text()),
        sa.Column("carried_out_on", sa.String(10)),
        sa.Column("basis", sa.String(16)),
        sa.Column("justification", sa.Text()),
        sa.Column("review_session", sa.String(63)),
        sa.Column("review", sa.String(16)),
    )


def _department_tables() -> None:
    op.create_table(
        "department_view",
        sa.Column("id", sa.String(63), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("field", sa.String(63), nullable=False),
        sa.Column("seat", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("proposed_on", sa.String(10), nullable=False),
        sa.Column("created_on", sa.String(10)),
        sa.Column("operational_since", sa.String(10)),
    )
    op.create_table(
        "department_member_view",
        sa.Column("department", sa.String(63), primary_key=True),
        sa.Column("member", sa.String(63), primary_key=True),
        sa.Column("consented_on", sa.String(10)),
        sa.Column("participates", sa.Boolean(), nullable=False),
        sa.Column("representative", sa.String(63)),
        sa.Column("staff", sa.Text(), nullable=False),
    )
    op.create_table(
        "competence_view",
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("field", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("effective_on", sa.String(10)),
        sa.Column("by", sa.String(63), nullable=False),
    )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
