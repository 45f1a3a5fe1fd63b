"""The grove's command, event and slice of the state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import Field

from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.slices import slice_of, with_slice
from isonomia.domain.state import FederationState


class PlantTree(Command):
    """Plant a tree in the union's grove."""

    tree: str = Field(description="The tree planted.")


class TreePlanted(Event):
    union_wide = True
    tree: str
    planted_on: date


@dataclass(frozen=True)
class Grove:
    trees: tuple[str, ...] = ()


@evolves(TreePlanted)
def _planted(state: FederationState, event: TreePlanted) -> FederationState:
    grove = slice_of(state, Grove)
    return with_slice(state, Grove((*grove.trees, event.tree)))
