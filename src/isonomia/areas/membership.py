"""Membership (P1–P3): the charter, the founding, accession by the candidate's own decision and
the organ's vote, secession.
"""

from isonomia.areas import Area

AREA = Area(
    name="membership",
    order=10,
    domain=(
        "isonomia.domain.membership",
        "isonomia.domain.admissions",
    ),
    rules=(
        "isonomia.rules.membership",
        "isonomia.rules.admissions",
        "isonomia.rules.secession",
    ),
    projections=(
        "isonomia.store.projections.membership",
        "isonomia.store.projections.secessions",
    ),
    queries=(
        "isonomia.service.queries.membership",
        # Union-wide facts: the founding, the clock, the charter's default organs.
        "isonomia.service.queries.union",
    ),
    cli=("isonomia.cli.membership",),
)
