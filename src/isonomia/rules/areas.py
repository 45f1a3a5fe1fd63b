"""The areas whose rules are registered: importing this module registers every decider."""

from isonomia.rules import (
    appeals,
    competences,
    conferences,
    departments,
    directives,
    inspection,
    languages,
    membership,
    motions,
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
    inspection,
)

__all__ = ["AREAS"]
