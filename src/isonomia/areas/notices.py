"""Notices to members' institutions (P8, P14): where each institution receives them, and
the outbox the service sends journal items and reminders from, by email and webhook."""

from isonomia.areas import Area

AREA = Area(
    name="notices",
    order=121,
    domain=("isonomia.domain.notices",),
    rules=("isonomia.rules.notices",),
    projections=("isonomia.store.projections.notices",),
    cli=("isonomia.cli.notices",),
)
