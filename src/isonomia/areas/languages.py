"""Languages (P14): members' language rules, versions of acts, their certification, waivers,
correspondence.
"""

from isonomia.areas import Area

AREA = Area(
    name="languages",
    order=100,
    domain=("isonomia.domain.languages",),
    rules=("isonomia.rules.languages",),
    projections=("isonomia.store.projections.languages",),
    queries=("isonomia.service.queries.languages",),
    cli=("isonomia.cli.languages",),
)
