"""Motions and acts (P4, P12): drafting, tabling, amendments, the delegates' signed votes, the
count by the organ's rule, publication.
"""

from isonomia.areas import Area

AREA = Area(
    name="motions",
    order=30,
    domain=(
        "isonomia.domain.motions",
        "isonomia.domain.motion_commands",
        "isonomia.domain.references",
    ),
    rules=(
        "isonomia.rules.motions",
        "isonomia.rules.votes",
    ),
    projections=("isonomia.store.projections.motions",),
    queries=("isonomia.service.queries.motions",),
    cli=("isonomia.cli.motions",),
)
