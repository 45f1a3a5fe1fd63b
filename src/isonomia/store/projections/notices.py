"""The read table of where members' institutions receive notices (P8, P14)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.notices import NoticeAddressRegistered
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

notice_address_view = read_table(
    sa.Table(
        "notice_address_view",
        metadata,
        sa.Column("member", ID, primary_key=True),
        sa.Column("institution", ID, primary_key=True),
        sa.Column("language", sa.String(35), primary_key=True),
        sa.Column("email", sa.Text()),
        sa.Column("webhook", sa.Text()),
        sa.Column("registered_on", D, nullable=False),
    )
)


@projects(NoticeAddressRegistered)
def _registered(conn: Connection, sequence: int, event: NoticeAddressRegistered) -> None:
    t = notice_address_view
    key = (t.c.member == event.member, t.c.institution == event.institution)
    conn.execute(sa.delete(t).where(*key, t.c.language == event.language))
    if event.email is None and event.webhook is None:
        return  # neither address: the institution receives no more notices in it
    conn.execute(
        t.insert(),
        dict(
            member=event.member,
            institution=event.institution,
            language=event.language,
            email=event.email,
            webhook=event.webhook,
            registered_on=iso(event.registered_on),
        ),
    )
