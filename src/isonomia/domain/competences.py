"""Competences (P10, P11): which fields are joint and which are the members' own.

The register is data, seeded by the charter and changed only by charter amendment, with
its history kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import FieldKind, Slug
from isonomia.domain.base import Command, Event, evolves, revise

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class SetCompetence(Command):
    """Change a field's kind directly: refused, fields change only by amendment (P10)."""

    field: Slug = Field(description="The field of competence.")
    kind: FieldKind = Field(description="Its kind.")


class CompetencesAmended(Event):
    union_wide = True
    changes: dict[str, str]
    effective_on: date
    motion: str


@dataclass(frozen=True)
class CompetenceChange:
    """One line of the register of competences' history (P10)."""

    effective_on: date | None  # None: from the charter itself
    field: str
    kind: str
    by: str


@evolves(CompetencesAmended)
def _amended(state: FederationState, event: CompetencesAmended) -> FederationState:
    changes = tuple(
        CompetenceChange(event.effective_on, name, kind, event.motion)
        for name, kind in sorted(event.changes.items())
    )
    return revise(state, competence_history=(*state.competence_history, *changes))
