"""The areas whose rules are registered: importing this module registers every decider."""

from isonomia.rules import (
    appeals,
    competences,
    conferences,
    departments,
    directives,
    languages,
    membership,
    motions,
    offices,
    organs,
    principals,
)

AREAS = (
    membership,
    organs,
    motions,
    appeals,
    directives,
    departments,
    conferences,
    competences,
    principals,
    languages,
    offices,
)

__all__ = ["AREAS"]
