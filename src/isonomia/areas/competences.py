"""Competences (P10, P11): which fields are joint, changed only by amendment, with their history."""

from isonomia.areas import Area

AREA = Area(
    name="competences",
    order=80,
    domain=("isonomia.domain.competences",),
    rules=("isonomia.rules.competences",),
    projections=("isonomia.store.projections.competences",),
    queries=("isonomia.service.queries.competences",),
    cli=("isonomia.cli.competences",),
)
