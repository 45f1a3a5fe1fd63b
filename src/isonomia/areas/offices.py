"""Offices (P15): limits on offices per person, exclusive offices, terms, collegial decisions."""

from isonomia.areas import Area

AREA = Area(
    name="offices",
    order=110,
    domain=("isonomia.domain.offices",),
    rules=("isonomia.rules.offices",),
    projections=("isonomia.store.projections.offices",),
    queries=("isonomia.service.queries.offices",),
    cli=("isonomia.cli.offices",),
)
