"""Amendments of the charter's settings (P10, P12, P13): an adopted charter-amendment motion
that changes the charter's settings records the charter it makes (`CharterAmended`), which
takes effect on its recorded day (`CharterAmendmentTookEffect`, due by itself that day):
from then on the rules decide by it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from isonomia.charter.model import Charter
from isonomia.domain.base import Event, evolves, revise

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

__all__ = ["CharterAmended", "CharterAmendmentTookEffect", "CharterVersion"]


class CharterAmended(Event):
    """An adopted amendment's charter, recorded on its adoption with the day it takes effect."""

    union_wide = True
    motion: str
    #: The changes as the motion gave them, merged over the charter.
    changes: dict[str, Any]
    #: The whole charter they make.
    charter: dict[str, Any]
    adopted_on: date
    effective_on: date


class CharterAmendmentTookEffect(Event):
    """The charter an amendment made is the union's charter from this day."""

    union_wide = True
    motion: str
    took_effect_on: date


@dataclass(frozen=True)
class CharterVersion:
    """A charter an adopted amendment made, and whether it has taken effect (P10)."""

    motion: str
    adopted_on: date
    effective_on: date
    charter: Charter
    #: The charter it changes: the one adopted, or the one the amendment before it made.
    previous: Charter
    took_effect: bool = False


@evolves(CharterAmended)
def _amended(state: FederationState, event: CharterAmended) -> FederationState:
    previous = state.charter_versions[-1].charter if state.charter_versions else state.charter
    assert previous is not None  # an amendment is adopted under a charter
    version = CharterVersion(
        motion=event.motion,
        adopted_on=event.adopted_on,
        effective_on=event.effective_on,
        charter=Charter.model_validate(event.charter),
        previous=previous,
    )
    return revise(state, charter_versions=(*state.charter_versions, version))


@evolves(CharterAmendmentTookEffect)
def _took_effect(state: FederationState, event: CharterAmendmentTookEffect) -> FederationState:
    versions = tuple(
        replace(v, took_effect=True) if v.motion == event.motion else v
        for v in state.charter_versions
    )
    charter = next(v.charter for v in versions if v.motion == event.motion)
    return revise(state, charter=charter, charter_versions=versions)
