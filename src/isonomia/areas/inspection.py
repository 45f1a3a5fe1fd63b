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
        "isonomia.domain.inspection_lot",
        "isonomia.domain.sanctions",
        "isonomia.domain.connivance",
        "isonomia.domain.sealed_cases",
    ),
    rules=(
        "isonomia.rules.inspection",
        "isonomia.rules.inspection_orders",
        "isonomia.rules.inspection_lot",
        "isonomia.rules.inspection_challenges",
        "isonomia.rules.connivance",
        "isonomia.rules.complaints_to_officials",
        "isonomia.rules.sealed_cases",
    ),
    projections=(
        "isonomia.store.projections.inspection",
        "isonomia.store.projections.inspection_lot",
        "isonomia.store.projections.connivance",
        "isonomia.store.projections.sealed_cases",
    ),
    queries=("isonomia.service.queries.inspection",),
    cli=("isonomia.cli.inspection",),
    web=("isonomia.web.pages_cases",),
    navigation=(Navigation("/cases", "Cases", 20),),
)
