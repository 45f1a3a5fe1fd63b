"""The notices' outbox: each notice to send, kept in the database until it is delivered.

Notices (journal items and reminders, by email and by webhook) are not acts of the union:
they are queued beside the ledger by the service's sender, never inside a command's
transaction, and nothing in the record depends on them. `key` makes queueing idempotent (a
notice is queued once however often the sender looks); `sent_at` marks delivery; a notice
that failed `attempts` times waits until `next_at`, and one that failed too often is dead
(`dead_at`) and listed for a person to look at.
"""

from __future__ import annotations

import sqlalchemy as sa

from isonomia.store.tables import metadata

__all__ = ["notice_outbox"]

notice_outbox = sa.Table(
    "notice_outbox",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("member", sa.String(63), nullable=False),
    sa.Column("institution", sa.String(63), nullable=False),
    sa.Column("language", sa.String(35), nullable=False),
    # "email" or "webhook", and where to.
    sa.Column("channel", sa.String(8), nullable=False),
    sa.Column("target", sa.Text(), nullable=False),
    sa.Column("subject", sa.Text(), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("queued_at", sa.Text(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("next_at", sa.Text(), nullable=False),
    sa.Column("sent_at", sa.Text()),
    sa.Column("dead_at", sa.Text()),
    sa.Column("last_error", sa.Text()),
    sa.Index("ix_notice_outbox_next_at", "next_at"),
)
