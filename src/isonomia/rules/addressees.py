"""To whom a directive is published (P2, P3): the members it names, each bound by it under its
terms of accession, or, naming none, every member it can bind."""

from __future__ import annotations

from datetime import date

from isonomia.domain import Act, ActKind, FederationState
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.standing import outside_terms


def addressees(state: FederationState, act: Act, day: date) -> list[str] | Refusal:
    """The members a directive is published to: those it names, each a member bound by it
    under its terms of accession (P2, P3); naming none, every member it can bind."""
    if act.kind is not ActKind.DIRECTIVE:
        return []
    kind, force = act.kind.value, act.force.value
    # Addressed to no one by name, a directive goes to every member it can bind: a member
    # outside its terms of accession is not among them (P2).
    addressees = list(act.addressees) or [
        m.id
        for m in state.members_on(day)
        if not outside_terms(m.accepted_fields, act.field, kind, force)
    ]
    for member in addressees:
        record = state.members.get(member)
        if record is None or not record.is_member(day):
            return Refusal.of(
                "P3",
                N_("{member} is not a member: union acts do not apply to it"),
                member=member,
            )
        if outside_terms(record.accepted_fields, act.field, kind, force):
            return Refusal.of(
                "P2",
                N_(
                    "{member} joined without accepting {field}; a binding directive there "
                    "cannot be addressed to it"
                ),
                member=member,
                field=act.field,
            )
    return addressees
