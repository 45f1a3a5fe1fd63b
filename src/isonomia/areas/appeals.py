"""Appeals (P6): a member's appeal against an executive decision, in force meanwhile unless the
charter says otherwise.
"""

from isonomia.areas import Area

AREA = Area(
    name="appeals",
    order=40,
    domain=("isonomia.domain.appeals",),
    rules=("isonomia.rules.appeals",),
    projections=("isonomia.store.projections.appeals",),
    queries=("isonomia.service.queries.appeals",),
    cli=("isonomia.cli.appeals",),
)
