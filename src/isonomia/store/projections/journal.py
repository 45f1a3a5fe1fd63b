"""The read table of the union's official journal (P8, P14, P18): one row for each entry that
the journal publishes (an act published, a draft circulated to the members' councils, an
election counted, a sanction taking effect, a charter amendment adopted or taking effect),
with the day it is published under and the entry it cites."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.amendments import CharterAmended, CharterAmendmentTookEffect
from isonomia.domain.elections import ElectionCounted
from isonomia.domain.inspection import SanctionTookEffect
from isonomia.domain.motions import ActPublished
from isonomia.domain.procedure import DraftCirculated
from isonomia.store.projections.motions import act_view
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

journal_view = read_table(
    sa.Table(
        "journal_view",
        metadata,
        #: The entry the item publishes: its proof is the entry's inclusion proof.
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("day", D, nullable=False),
        #: act, draft, election, sanction, amendment, amendment in effect.
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("subject", ID, nullable=False),
        sa.Column("organ", ID),
        sa.Column("title", sa.Text(), nullable=False),
        #: Who it concerns (JSON list; empty: every member).
        sa.Column("addressees", sa.Text(), nullable=False),
        #: For a draft: each member's council → its languages, "version" or "pending" (JSON).
        sa.Column("languages", sa.Text()),
        sa.Index("ix_journal_view_day", "day"),
    )
)


def _item(
    conn: Connection, sequence: int, day: str | None, kind: str, subject: str, **more: object
) -> None:
    values = {"addressees": "[]", "title": subject, **more}
    conn.execute(
        journal_view.insert(),
        dict(sequence=sequence, day=day, kind=kind, subject=subject, **values),
    )


def _act(conn: Connection, act: str) -> tuple[str, str | None]:
    row = conn.execute(
        sa.select(act_view.c.title, act_view.c.organ).where(act_view.c.id == act)
    ).first()
    return (str(row.title), str(row.organ)) if row is not None else (act, None)


@projects(ActPublished)
def _published(conn: Connection, sequence: int, event: ActPublished) -> None:
    title, organ = _act(conn, event.act)
    addressees = json.dumps(sorted(event.addressees))
    _item(
        conn,
        sequence,
        iso(event.published_on),
        "act",
        event.act,
        organ=organ,
        title=title,
        addressees=addressees,
    )


@projects(DraftCirculated)
def _circulated(conn: Connection, sequence: int, event: DraftCirculated) -> None:
    title, _ = _act(conn, event.motion)
    languages = json.dumps(event.recipients, sort_keys=True)
    day = iso(event.circulated_on)
    _item(
        conn,
        sequence,
        day,
        "draft",
        event.motion,
        organ=event.organ,
        title=title,
        languages=languages,
    )


@projects(ElectionCounted)
def _counted(conn: Connection, sequence: int, event: ElectionCounted) -> None:
    title = f"{event.office}: {', '.join(event.elected) or '-'}"
    _item(conn, sequence, iso(event.counted_on), "election", event.election, title=title)


@projects(SanctionTookEffect)
def _sanctioned(conn: Connection, sequence: int, event: SanctionTookEffect) -> None:
    title = f"{event.person}: {event.sanction}"
    _item(conn, sequence, iso(event.effective_on), "sanction", event.case, title=title)


@projects(CharterAmended)
def _amended(conn: Connection, sequence: int, event: CharterAmended) -> None:
    title, organ = _act(conn, event.motion)
    _item(
        conn, sequence, iso(event.adopted_on), "amendment", event.motion, organ=organ, title=title
    )


@projects(CharterAmendmentTookEffect)
def _amendment_in_effect(
    conn: Connection, sequence: int, event: CharterAmendmentTookEffect
) -> None:
    title, organ = _act(conn, event.motion)
    day = iso(event.took_effect_on)
    _item(conn, sequence, day, "amendment in effect", event.motion, organ=organ, title=title)
