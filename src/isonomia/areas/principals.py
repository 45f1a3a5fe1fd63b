"""Principals and their keys (P1–P4, P18): who registers which key, and in what capacity it
signs.
"""

from isonomia.areas import Area

AREA = Area(
    name="principals",
    order=90,
    domain=("isonomia.domain.principals",),
    rules=("isonomia.rules.principals",),
    projections=("isonomia.store.projections.principals",),
    queries=("isonomia.service.queries.principals",),
    cli=("isonomia.cli.principals",),
)
