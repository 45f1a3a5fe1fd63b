"""Read tables of principals (P18): the key register, and who signed each command."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import CharterAdopted, CommandSigned, KeyRegistered, KeyRevoked
from isonomia.store.projections.membership import union_view
from isonomia.store.projections.registry import ID, projects, read_table
from isonomia.store.tables import metadata

key_view = read_table(
    sa.Table(
        "key_view",
        metadata,
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("registered_by", sa.Text(), nullable=False),
        sa.Column("for_member", ID),
        sa.Column("registered_sequence", sa.BigInteger(), nullable=False),
        sa.Column("revoked_sequence", sa.BigInteger()),
        sa.Column("revoked_by", sa.Text()),
        sa.Column("revoked_reason", sa.Text()),
    )
)

signed_command_view = read_table(
    sa.Table(
        "signed_command_view",
        metadata,
        sa.Column("command_id", sa.Text(), primary_key=True),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("command_type", sa.String(63), nullable=False),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
    )
)


@projects(KeyRegistered)
def _registered(conn: Connection, sequence: int, event: KeyRegistered) -> None:
    conn.execute(
        key_view.insert(),
        dict(
            key_id=event.key_id,
            principal=event.principal,
            public_key=event.public_key,
            registered_by=event.registered_by,
            for_member=event.for_member,
            registered_sequence=sequence,
        ),
    )


@projects(KeyRevoked)
def _revoked(conn: Connection, sequence: int, event: KeyRevoked) -> None:
    conn.execute(
        sa.update(key_view)
        .where(key_view.c.key_id == event.key_id)
        .values(revoked_sequence=sequence, revoked_by=event.revoked_by, revoked_reason=event.reason)
    )


@projects(CommandSigned)
def _signed(conn: Connection, sequence: int, event: CommandSigned) -> None:
    conn.execute(
        signed_command_view.insert(),
        dict(
            command_id=event.command_id,
            sequence=sequence,
            command_type=event.command_type,
            principal=event.principal,
            key_id=event.key_id,
        ),
    )


@projects(CharterAdopted)
def _clock(conn: Connection, sequence: int, event: CharterAdopted) -> None:
    conn.execute(union_view.insert(), dict(key="clock", value=event.clock))
