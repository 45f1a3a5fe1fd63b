"""Accounts of the web interface: who may use it, in which role, for which principal.

Accounts, their API tokens and their login sessions are access to the interface, not acts
of the union: they are kept beside the ledger, never in it, and nothing in the record
depends on them. Secrets are stored only as hashes (argon2 for passwords, SHA-256 for the
random tokens of sessions and scripts).

An account acts for a principal only once it has proved that it holds one of the
principal's registered keys: `principal` and `key_id` are written by that proof alone
(`web_challenge` keeps the challenges waiting to be signed), never by an administrator.
`web_login_attempt` counts failed sign-ins by account name and by address, so that the
back-off holds across every worker of the service.
"""

from __future__ import annotations

import sqlalchemy as sa

from isonomia.store.tables import metadata

__all__ = ["web_account", "web_challenge", "web_login_attempt", "web_session", "web_token"]

web_account = sa.Table(
    "web_account",
    metadata,
    sa.Column("name", sa.Text(), primary_key=True),
    # Who it acts for, and the registered key that proved it; empty until a proof binds it.
    sa.Column("principal", sa.Text(), nullable=True),
    sa.Column("key_id", sa.String(32), nullable=True),
    sa.Column("bound_at", sa.Text(), nullable=True),
    sa.Column("role", sa.Text(), nullable=False),
    sa.Column("password_hash", sa.Text(), nullable=True),
    sa.Column("disabled", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.Text(), nullable=False),
    sa.Index("ix_web_account_key_id", "key_id"),
)

web_token = sa.Table(
    "web_token",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
    # The registered key whose possession was proved when the token was made: the token
    # acts for that key's principal while the key is in force, and signs with it only.
    sa.Column("key_id", sa.String(32), nullable=False),
    sa.Column("created_at", sa.Text(), nullable=False),
    sa.Index("ix_web_token_account", "account"),
    sa.Index("ix_web_token_key_id", "key_id"),
)

web_session = sa.Table(
    "web_session",
    metadata,
    sa.Column("session_hash", sa.String(64), primary_key=True),
    sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
    sa.Column("expires_at", sa.Text(), nullable=False),
    # The key the account was bound with when the session began or was bound (none while
    # it acts for no principal): once that key is revoked the session is refused.
    sa.Column("key_id", sa.String(32), nullable=True),
    sa.Index("ix_web_session_account", "account"),
)

web_challenge = sa.Table(
    "web_challenge",
    metadata,
    # Random, single use (deleted when answered), short-lived, for one account and one key.
    sa.Column("nonce", sa.String(64), primary_key=True),
    sa.Column("account", sa.Text(), sa.ForeignKey("web_account.name"), nullable=False),
    sa.Column("key_id", sa.String(32), nullable=False),
    sa.Column("principal", sa.Text(), nullable=False),
    sa.Column("expires_at", sa.Text(), nullable=False),
    sa.Index("ix_web_challenge_account", "account"),
)

web_login_attempt = sa.Table(
    "web_login_attempt",
    metadata,
    # `account:NAME` (a name whether or not an account has it) or `address:IP`.
    sa.Column("subject", sa.Text(), primary_key=True),
    sa.Column("failures", sa.Integer(), nullable=False),
    sa.Column("last_failure_at", sa.Text(), nullable=False),
    sa.Column("blocked_until", sa.Text(), nullable=True),
)
