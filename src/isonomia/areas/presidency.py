"""The rotating presidency (P5): its calendar, computed from the members and the charter, and
the presiding delegates who sign an organ's procedural acts."""

from isonomia.areas import Area

AREA = Area(
    name="presidency",
    order=15,
    domain=("isonomia.domain.presidency",),
    rules=("isonomia.rules.presidency", "isonomia.rules.presiding"),
    projections=("isonomia.store.projections.presidency",),
    queries=("isonomia.service.queries.presidency",),
    cli=("isonomia.cli.presidency",),
)
