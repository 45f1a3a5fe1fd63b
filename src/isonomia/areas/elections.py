"""Elections of persons (issue 24, P4, P15): the charter's elected offices filled by a call,
nominations with the candidates' consent, open ballots signed by the electors, and a count by
the engine recorded with its table."""

from isonomia.areas import Area

AREA = Area(
    name="elections",
    order=115,
    domain=("isonomia.domain.elections",),
    rules=("isonomia.rules.elections", "isonomia.rules.election_count"),
    projections=("isonomia.store.projections.elections",),
    queries=("isonomia.service.queries.elections",),
    cli=("isonomia.cli.elections",),
)
