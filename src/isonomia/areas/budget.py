"""The union's budget (issue 26, P3, P4, P12): the annual budget adopted by the charter's
budget rule with notice, contributions called by the charter's formula, payments, spending
under the adopted lines, equalisation transfers, and the accounts as a double-entry ledger
exported for Beancount."""

from isonomia.areas import Area, Navigation

AREA = Area(
    name="budget",
    order=120,
    domain=("isonomia.domain.budget", "isonomia.domain.budget_book"),
    rules=("isonomia.rules.budget",),
    projections=("isonomia.store.projections.budget",),
    queries=("isonomia.service.queries.budget",),
    cli=("isonomia.cli.budget",),
    web=("isonomia.web.budget",),
    navigation=(Navigation("/budget", "Budget", 55),),
)
