"""Conferences (P9): consultative bodies whose resolutions never bind."""

from isonomia.areas import Area

AREA = Area(
    name="conferences",
    order=70,
    domain=("isonomia.domain.conferences",),
    rules=("isonomia.rules.conferences",),
    queries=("isonomia.service.queries.conferences",),
    cli=("isonomia.cli.conferences",),
)
