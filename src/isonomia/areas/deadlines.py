"""Deadlines and reminders (P3, P4, P6, P12, P14): what the record says is about to run out
for each member (appeal windows, notice, postponed votes, ballot periods, secessions taking
effect, awaited language versions), and the reminders the charter's lead times give."""

from isonomia.areas import Area

AREA = Area(
    name="deadlines",
    order=118,
    queries=("isonomia.service.queries.deadlines",),
    cli=("isonomia.cli.deadlines",),
)
