"""The areas whose rules are registered: importing this module registers every decider
(`admissions`, `secession` and `votes` hold the membership's and the motions' deciders that
outgrew them)."""

from isonomia.rules import (
    admissions,
    appeals,
    competences,
    conferences,
    departments,
    directives,
    inspection,
    languages,
    membership,
    motions,
    offices,
    organs,
    principals,
    secession,
    votes,
)

AREAS = (
    membership,
    admissions,
    secession,
    organs,
    motions,
    votes,
    appeals,
    directives,
    departments,
    conferences,
    competences,
    principals,
    languages,
    offices,
    inspection,
)

__all__ = ["AREAS"]
