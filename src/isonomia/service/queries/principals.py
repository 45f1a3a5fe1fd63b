"""Queries over the key register (P18): every key as of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.principals import key_view
from isonomia.store.tables import ledger


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    principal: str
    registered_by: str
    since: str  # when it was recorded (ISO-8601 UTC)
    status: str  # "in force" or "revoked at …"


def keys(federation: Federation, on: date) -> list[KeyRow]:
    """Keys registered by the end of `on`, each in force or revoked as of that day."""
    registered = ledger.alias("registered")
    revoked = ledger.alias("revoked")
    query = (
        sa.select(
            key_view, registered.c.recorded_at.label("since"), revoked.c.recorded_at.label("until")
        )
        .join(registered, registered.c.sequence == key_view.c.registered_sequence)
        .outerjoin(revoked, revoked.c.sequence == key_view.c.revoked_sequence)
        .order_by(key_view.c.registered_sequence, key_view.c.key_id)
    )
    end = f"{on.isoformat()}T23:59:59Z"
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    result = []
    for r in rows:
        if r.since > end:
            continue
        status = "in force" if r.until is None or r.until > end else f"revoked at {r.until}"
        result.append(KeyRow(r.key_id, r.principal, r.registered_by, r.since, status))
    return result


def key_holder(federation: Federation, key_id: str) -> str | None:
    """The principal a registered key was registered for; None for a key never registered."""
    query = sa.select(key_view.c.principal).where(key_view.c.key_id == key_id)
    with federation.db.reading() as conn:
        return conn.execute(query).scalar()
