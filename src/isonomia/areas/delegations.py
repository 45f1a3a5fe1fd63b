"""Delegations of many (issue 24, P4, P12): seats apportioned by the charter on the members'
census figures, votes per seat or per delegation, split votes, proxies within a delegation."""

from isonomia.areas import Area

AREA = Area(
    name="delegations",
    order=25,
    domain=("isonomia.domain.seats",),
    rules=("isonomia.rules.seats", "isonomia.rules.seat_votes"),
    projections=("isonomia.store.projections.seats",),
    queries=("isonomia.service.queries.seats",),
    cli=("isonomia.cli.seats",),
)
