"""Accounts of the web interface: who may use it, in which role, for which principal.

Accounts, their API tokens and their login sessions are access to the interface, not acts
of the union: they are kept beside the ledger, never in it, and nothing in the record
depends on them. Secrets are stored only as hashes (argon2 for passwords, SHA-256 for the
random tokens of sessions and scripts).
"""

from __future__ import annotations

import sqlalchemy as sa

from isonomia.store.tables import metadata

__all__ = ["web_account", "web_session", "web_token"]

web_account = sa.Table(
    "web_account",
    metadata,
    sa.Column("name", sa.Text(), primary_key=True),
    sa.Column("principal", sa.Text(), nullable=False),
    sa.Column("role", sa.Text(), nullable=False),
    sa.Column("password_hash", sa.Text(), nullable=True),
    sa.Column("disabled", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.Text(), nullable=False),
)

web_token = sa.Table(
    "web_token",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
    # The registered key the token's scripts sign with; envelopes under another are refused.
    sa.Column("key_id", sa.String(32), nullable=False),
    sa.Column("created_at", sa.Text(), nullable=False),
    sa.Index("ix_web_token_account", "account"),
)

web_session = sa.Table(
    "web_session",
    metadata,
    sa.Column("session_hash", sa.String(64), primary_key=True),
    sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
    sa.Column("expires_at", sa.Text(), nullable=False),
    sa.Index("ix_web_session_account", "account"),
)
