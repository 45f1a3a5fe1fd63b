"""Conferences (P9): consultative bodies; nothing can give their resolutions binding force."""

from __future__ import annotations

from isonomia.charter.model import OrganKind
from isonomia.domain import BindResolution, FederationState
from isonomia.domain.refusal import Refusal
from isonomia.rules.motions import motion_of
from isonomia.rules.registry import Decision, decides


@decides(BindResolution)
def bind_resolution(state: FederationState, command: BindResolution) -> Decision:
    act = motion_of(state, command.act)
    if isinstance(act, Refusal):
        return act
    if act.organ_kind == OrganKind.CONFERENCE.value:
        return Refusal(
            "P9",
            f"{act.id} is a resolution of {act.organ}, a conference of a purely consultative "
            "nature; nothing can give it binding force",
        )
    return Refusal(
        "P8",
        f"{act.id} has the force its organ voted ({act.force.value}); "
        "a different force needs a new act",
    )
