"""Procedure that belongs to the members (P4, P12, P14): a draft circulated to every member's
council before its vote, the charter's minimum notice, and a concerned member's postponement.
"""

from isonomia.areas import Area

AREA = Area(
    name="procedure",
    order=35,
    domain=("isonomia.domain.procedure",),
    rules=("isonomia.rules.procedure",),
    projections=("isonomia.store.projections.procedure",),
    queries=("isonomia.service.queries.procedure",),
    cli=("isonomia.cli.procedure",),
)
