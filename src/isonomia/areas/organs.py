"""Organs (P4): delegations, their terms and recalls, sessions on the union council's calendar."""

from isonomia.areas import Area

AREA = Area(
    name="organs",
    order=20,
    domain=("isonomia.domain.organs",),
    rules=("isonomia.rules.organs",),
    projections=("isonomia.store.projections.organs",),
    queries=("isonomia.service.queries.organs",),
    cli=("isonomia.cli.organs",),
)
