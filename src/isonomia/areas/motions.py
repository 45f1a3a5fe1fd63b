"""Motions and acts (P4, P12): drafting, tabling, amendments, the delegates' signed votes, the
count by the organ's rule, publication; charter amendments and the charter they make (P10).
"""

from isonomia.areas import Area

AREA = Area(
    name="motions",
    order=30,
    domain=(
        "isonomia.domain.motions",
        "isonomia.domain.motion_commands",
        "isonomia.domain.references",
        "isonomia.domain.amendments",
    ),
    rules=(
        "isonomia.rules.motions",
        "isonomia.rules.votes",
        "isonomia.rules.amendments",
    ),
    projections=(
        "isonomia.store.projections.motions",
        "isonomia.store.projections.amendments",
    ),
    queries=("isonomia.service.queries.motions",),
    cli=("isonomia.cli.motions",),
)
