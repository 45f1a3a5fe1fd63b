"""The areas whose rules are registered: importing this module registers every decider."""

from isonomia.rules import (
    appeals,
    competences,
    conferences,
    departments,
    directives,
    membership,
    motions,
    organs,
)

AREAS = (membership, organs, motions, appeals, directives, departments, conferences, competences)

__all__ = ["AREAS"]
