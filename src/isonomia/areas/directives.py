"""Directives (P8): graded force, requests for instructions, urgent cases and their review."""

from isonomia.areas import Area

AREA = Area(
    name="directives",
    order=50,
    domain=("isonomia.domain.directives",),
    rules=("isonomia.rules.directives",),
    projections=("isonomia.store.projections.directives",),
    queries=("isonomia.service.queries.directives",),
    cli=("isonomia.cli.directives",),
)
