"""Appeals (P6): a member appeals an executive decision to the union council; the decision
stays in force meanwhile unless the charter makes its field suspensive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain import phrases
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.motions import Act
from isonomia.domain.persistent import put
from isonomia.domain.phrases import fill

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class FileAppeal(Command):
    """A member, by its council or delegation, appeals an executive decision (P6)."""

    appeal: Slug = Field(description="An id for the appeal.")
    act: Slug = Field(description="The executive decision appealed.")
    member: Slug = Field(description="The appealing member.")
    ground: str = Field(min_length=1, description="The ground of the appeal.")


class AppealFiled(Event):
    union_wide = True
    appeal: str
    act: str
    member: str
    ground: str
    filed_on: date
    suspensive: bool


class AppealRuled(Event):
    union_wide = True
    appeal: str
    act: str
    member: str
    ruling: str
    ruled_on: date
    motion: str
    text: str


@dataclass(frozen=True)
class Appeal:
    """A member's appeal against an executive decision, to the union council (P6)."""

    id: str
    act: str
    member: str
    ground: str
    filed_on: date
    suspensive: bool
    review_session: str | None = None
    ruling: str | None = None
    ruled_on: date | None = None
    motion: str | None = None

    def pending(self, on: date) -> bool:
        return self.filed_on <= on and (self.ruled_on is None or on < self.ruled_on)


def in_force(act: Act, appeals: Iterable[Appeal], on: date) -> bool:
    """Whether an act is in force on a day: published, not annulled or lapsed, and not
    suspended by a pending appeal in a field the charter makes suspensive (P6)."""
    if act.in_force_on is None or on < act.in_force_on:
        return False
    if any(end is not None and end <= on for end in (act.annulled_on, act.lapsed_on)):
        return False
    return not any(a.act == act.id and a.suspensive and a.pending(on) for a in appeals)


@evolves(AppealFiled)
def _appeal_filed(state: FederationState, event: AppealFiled) -> FederationState:
    appeal = Appeal(
        event.appeal, event.act, event.member, event.ground, event.filed_on, event.suspensive
    )
    act = state.acts[event.act]
    said = phrases.APPEALED_SUSPENDED if event.suspensive else phrases.APPEALED_IN_FORCE
    act = replace(
        act,
        history=act.with_history(
            event.filed_on, fill(said, member=event.member, appeal=event.appeal)
        ),
    )
    return replace(
        state,
        appeals=put(state.appeals, appeal.id, appeal),
        acts=put(state.acts, act.id, act),
    )


@evolves(AppealRuled)
def _appeal_ruled(state: FederationState, event: AppealRuled) -> FederationState:
    appeal = replace(
        state.appeals[event.appeal],
        ruling=event.ruling,
        ruled_on=event.ruled_on,
        motion=event.motion,
    )
    act = state.acts[event.act]
    act = replace(
        act,
        text=event.text if event.ruling == "amend" else act.text,
        annulled_on=event.ruled_on if event.ruling == "annul" else act.annulled_on,
        history=act.with_history(
            event.ruled_on,
            fill(phrases.RULED[event.ruling], appeal=event.appeal, motion=event.motion),
        ),
    )
    return replace(
        state,
        appeals=put(state.appeals, appeal.id, appeal),
        acts=put(state.acts, act.id, act),
    )
