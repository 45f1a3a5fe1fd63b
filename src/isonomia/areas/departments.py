"""Joint departments (P7): by every member council's consent, with a representative and staff
in every member.
"""

from isonomia.areas import Area

AREA = Area(
    name="departments",
    order=60,
    domain=("isonomia.domain.departments",),
    rules=("isonomia.rules.departments",),
    projections=("isonomia.store.projections.departments",),
    queries=("isonomia.service.queries.departments",),
    cli=("isonomia.cli.departments",),
)
