"""Queries over directives (P8): each addressee's handling."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from isonomia.service.federation import Federation
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


def directives_for(federation: Federation, member: str) -> list[ComplianceRow]:
    """What a member has carried out under each directive addressed to it, and what is
    outstanding (P8)."""
    c, a = compliance_view, act_view
    query = (
        sa.select(c, a.c.title, a.c.force)
        .join(a, a.c.id == c.c.directive)
        .where(c.c.member == member)
        .order_by(a.c.last_sequence)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        ComplianceRow(
            directive=r.directive,
            title=r.title,
            force=r.force,
            status=r.status
            if r.force != "advisory" or r.carried_out_on
            else "advisory (nothing owed)",
            carried_out_on=r.carried_out_on,
            basis=r.basis,
            justification=r.justification,
        )
        for r in rows
    ]
