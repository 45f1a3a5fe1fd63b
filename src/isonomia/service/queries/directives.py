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

from isonomia.domain import FederationState
from isonomia.domain.directives import closure
from isonomia.domain.languages import awaiting
from isonomia.service.federation import Federation
from isonomia.service.pipeline import now
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


def not_in_force(state: FederationState, act: str, member: str, on: date) -> str | None:
    """Why a union act is not in force in one member on a day, or None when it is (P14)."""
    if not state.in_force(act, on):
        return "not in force in the union"
    missing = awaiting(state, act, member, on)
    if missing:
        return f"not in force in {member}: awaiting {', '.join(missing)}"
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
    state = federation.state()
    record = state.members.get(member)
    result = []
    for r in rows:
        carried = (
            r.carried_out_on if r.carried_out_on and r.carried_out_on <= day.isoformat() else None
        )
        closed = closure(record, date.fromisoformat(r.published_on), day)
        result.append(
            ComplianceRow(
                directive=r.directive,
                title=r.title,
                force=r.force,
                status=_status_on(
                    r, day.isoformat(), closed, not_in_force(state, r.directive, member, day)
                ),
                carried_out_on=carried,
                basis=r.basis if carried else None,
                justification=r.justification if carried else None,
            )
        )
    return result
