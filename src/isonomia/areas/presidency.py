"""The rotating presidency (P5): its calendar, computed from the members and the charter."""

from isonomia.areas import Area

AREA = Area(
    name="presidency",
    order=15,
    rules=("isonomia.rules.presidency",),
    queries=("isonomia.service.queries.presidency",),
    cli=("isonomia.cli.presidency",),
)
