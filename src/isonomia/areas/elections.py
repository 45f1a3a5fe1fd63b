"""Elections of persons (issue 24, P4, P15): the charter's elected offices filled by a call,
nominations with the candidates' consent, ballots signed by the electors (open, or secret:
committed in the period and revealed after it), and a count by the engine recorded with its
table."""

from isonomia.areas import Area

AREA = Area(
    name="elections",
    order=115,
    domain=("isonomia.domain.elections", "isonomia.domain.secret_ballots"),
    rules=(
        "isonomia.rules.elections",
        "isonomia.rules.secret_ballots",
        "isonomia.rules.election_count",
    ),
    projections=("isonomia.store.projections.elections",),
    queries=("isonomia.service.queries.elections",),
    cli=("isonomia.cli.elections",),
)
