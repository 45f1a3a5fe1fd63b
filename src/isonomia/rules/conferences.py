"""Conferences (P9): consultative bodies; nothing can give their resolutions binding force."""

from __future__ import annotations

from isonomia.charter.model import OrganKind
from isonomia.domain import BindResolution, FederationState
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.motions import motion_of
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, kind_of


@decides(BindResolution, who=Who("P9", "a union organ", lambda s, c: kind_of(c.actor) == "organ"))
def bind_resolution(state: FederationState, command: BindResolution) -> Decision:
    act = motion_of(state, command.act)
    if isinstance(act, Refusal):
        return act
    if act.organ_kind == OrganKind.CONFERENCE.value:
        return Refusal.of(
            "P9",
            N_(
                "{act} is a resolution of {organ}, a conference of a purely consultative "
                "nature; nothing can give it binding force"
            ),
            act=act.id,
            organ=act.organ,
        )
    return Refusal.of(
        "P8",
        N_("{act} has the force its organ voted ({force}); a different force needs a new act"),
        act=act.id,
        force=act.force.value,
    )
