"""The inspection (P16, P17): complaints, commissions drawn by lot with recusals, defenders,
findings, protection from retaliation.
"""

from isonomia.areas import Area, Navigation

AREA = Area(
    name="inspection",
    order=120,
    domain=(
        "isonomia.domain.inspection",
        "isonomia.domain.inspection_book",
        "isonomia.domain.sanctions",
    ),
    rules=(
        "isonomia.rules.inspection",
        "isonomia.rules.inspection_orders",
        "isonomia.rules.complaints_to_officials",
    ),
    projections=("isonomia.store.projections.inspection",),
    queries=("isonomia.service.queries.inspection",),
    cli=("isonomia.cli.inspection",),
    web=("isonomia.web.pages_cases",),
    navigation=(Navigation("/cases", "Cases", 20),),
)
