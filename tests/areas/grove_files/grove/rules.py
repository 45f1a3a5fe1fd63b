"""Who plants, and the rule: a tree is planted once."""

from __future__ import annotations

from grove.domain import Grove, PlantTree, TreePlanted
from isonomia.domain import FederationState, actors
from isonomia.domain.refusal import Refusal
from isonomia.domain.slices import slice_of
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who


@decides(
    PlantTree,
    who=Who("P4", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT),
)
def plant_tree(state: FederationState, command: PlantTree) -> Decision:
    if command.tree in slice_of(state, Grove).trees:
        return Refusal.of("P4", "the grove already has a {tree}", tree=command.tree)
    return [TreePlanted(tree=command.tree, planted_on=command.day)]
