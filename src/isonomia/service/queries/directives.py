"""Queries over directives (P8): each addressee's handling, as of a day.

Nothing binds a member that has left (P3): what it still owed is shown closed from the day
it left, and a directive published after a day is not listed as of that day. Whether a
directive is in force is asked of each addressee (P14), as `act status` asks it: one that
awaits its certified versions in a member's official languages owes that member nothing yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from isonomia.service.clock import now
from isonomia.service.federation import Federation
from isonomia.service.queries.languages import language_book, not_in_force
from isonomia.store.projections.directives import compliance_view
from isonomia.store.projections.motions import act_view


@dataclass(frozen=True)
class ComplianceRow:
    directive: str
    title: str
    force: str
    status: str
    carried_out_on: str | None
    basis: str | None
    justification: str | None


def _closure(record: Any | None, member: str, published_on: str, on: str) -> str | None:
    """Why a directive addressed to `member` no longer binds it on `on`, or None if it does
    (P3), from its latest membership's row: as `domain.directives.closure` reads the state."""
    if record is None:
        return "closed: not a member"
    if record.joined_on > published_on:
        return f"closed: {member} left the union after it was addressed"
    if record.leaves_on is not None and record.leaves_on <= on:
        return f"closed: {member} left the union on {record.leaves_on}"
    return None


def _status_on(row: Any, on: str, closed: str | None, unforced: str | None) -> str:
    """The addressee's handling as of `on` (an ISO day), from the dates the record keeps."""
    if row.carried_out_on and row.carried_out_on <= on:
        return str(row.status)
    if closed is not None:
        return closed
    if unforced is not None:
        return unforced
    if row.force == "advisory":
        return "advisory (nothing owed)"
    if row.instructed_on and row.instructed_on <= on:
        return "instructed"
    if row.requested_on and row.requested_on <= on:
        return "instructions requested"
    return "outstanding"


def directives_for(
    federation: Federation, member: str, on: date | None = None
) -> list[ComplianceRow]:
    """What a member has carried out under each directive published to it by `on` (default:
    today), what is outstanding, and what its departure closed (P3, P8)."""
    day = on or now().date()
    c, a = compliance_view, act_view
    query = (
        sa.select(c, a.c.title, a.c.force, a.c.published_on)
        .join(a, a.c.id == c.c.directive)
        .where(c.c.member == member, a.c.published_on <= day.isoformat())
        .order_by(a.c.last_sequence)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
        book = language_book(conn, day, [r.directive for r in rows])
    record = book.members.get(member)
    result = []
    for r in rows:
        carried = (
            r.carried_out_on if r.carried_out_on and r.carried_out_on <= day.isoformat() else None
        )
        closed = _closure(record, member, r.published_on, day.isoformat())
        result.append(
            ComplianceRow(
                directive=r.directive,
                title=r.title,
                force=r.force,
                status=_status_on(
                    r, day.isoformat(), closed, not_in_force(book, r.directive, member)
                ),
                carried_out_on=carried,
                basis=r.basis if carried else None,
                justification=r.justification if carried else None,
            )
        )
    return result
