"""Procedure that belongs to the members (P4, P12, P14): a draft circulated to every member's
council before its vote, the notice the charter sets running from that day, and a concerned
member's request that the vote be postponed.

The records live in the area's own slice of the state (`ProcedureBook`); the votes' rules
read from it the first day a motion may be voted on (`vote_from`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain import phrases
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.motions import HistoryLine
from isonomia.domain.persistent import put
from isonomia.domain.phrases import fill
from isonomia.domain.slices import slice_of, with_slice

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

#: A language version circulated with a draft, or a note that it is still pending (P14).
VERSION, PENDING = "version", "pending"


class CirculateDraft(Command):
    """Circulate a drafted motion to every member's council in its languages; the charter's
    minimum notice before its vote runs from this day (P4, P14)."""

    motion: Slug = Field(description="The drafted motion to circulate.")
    urgent: bool = Field(
        default=False,
        description="Use the urgent procedure, with its shorter notice, where the charter "
        "declares one for the motion's organ and kind.",
    )
    justification: str | None = Field(
        default=None,
        min_length=1,
        description="Why the matter is urgent (required with the urgent procedure).",
    )
    concerned: list[Slug] = Field(
        default_factory=list,
        description="Members the motion names as concerned; they may ask that its vote be "
        "postponed (P12).",
    )


class RequestPostponement(Command):
    """A concerned member's council asks, once per motion, that its vote be postponed by the
    charter's period; every member is notified (P12)."""

    motion: Slug = Field(description="The motion whose vote is to be postponed.")
    member: Slug = Field(description="The concerned member asking, through its own council.")
    reason: str = Field(min_length=1, description="Why the member asks for time.")


class DraftCirculated(Event):
    union_wide = True
    motion: str
    organ: str
    circulated_on: date
    #: The days of notice that apply, and the first day the motion may be voted on.
    notice_days: int
    notice_ends_on: date
    urgent: bool
    justification: str | None
    #: Members the motion names as concerned.
    concerned: list[str]
    #: Every member concerned when it was circulated: those named, and those the charter
    #: calls concerned by its field or kind; they may ask that its vote be postponed (P12).
    may_postpone: list[str] = Field(default_factory=list)
    #: Each member's council that received it (all on `circulated_on`), and for each of the
    #: member's official languages "version" or "pending".
    recipients: dict[str, dict[str, str]]
    circulated_by: str


class VotePostponed(Event):
    union_wide = True
    motion: str
    member: str
    reason: str
    requested_on: date
    days: int
    #: The first day the motion may now be voted on.
    vote_from: date
    #: The members notified: every member on the day.
    notified: list[str]


class MotionSentBack(Event):
    """A concerned member's suspensive objection on a national question sent the motion
    back (P12): its vote is held again from `vote_from`, by `then_rule`."""

    union_wide = True
    motion: str
    objected_by: list[str]
    counted_on: date
    votes: dict[str, str]
    vote_from: date
    then_rule: str
    reason: str


@dataclass(frozen=True)
class SentBack:
    """A motion sent back by a suspensive objection, and the rule its new vote needs."""

    motion: str
    objected_by: tuple[str, ...]
    counted_on: date
    vote_from: date
    then_rule: str


@dataclass(frozen=True)
class Circulation:
    """A draft's circulation: who received it when, in which languages, and its notice."""

    motion: str
    circulated_on: date
    notice_days: int
    notice_ends_on: date
    urgent: bool
    justification: str | None
    concerned: tuple[str, ...]
    #: (member, ((language, "version" | "pending"), ...)), in the members' order.
    recipients: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    circulated_by: str


@dataclass(frozen=True)
class Postponed:
    """One member's postponement of a motion's vote."""

    motion: str
    member: str
    reason: str
    requested_on: date
    vote_from: date


@dataclass(frozen=True)
class ProcedureBook:
    """The area's slice: circulations by motion, and each motion's postponements."""

    circulations: Mapping[str, Circulation] = _field(default_factory=dict)
    postponements: Mapping[str, tuple[Postponed, ...]] = _field(default_factory=dict)
    sent_back: Mapping[str, SentBack] = _field(default_factory=dict)

    def postponed_to(self, motion: str) -> date | None:
        """The first day the motion's vote was postponed or sent back to, if it was."""
        days = [p.vote_from for p in self.postponements.get(motion, ())]
        if motion in self.sent_back:
            days.append(self.sent_back[motion].vote_from)
        return max(days) if days else None


def book(state: FederationState) -> ProcedureBook:
    return slice_of(state, ProcedureBook)


@evolves(DraftCirculated)
def _circulated(state: FederationState, event: DraftCirculated) -> FederationState:
    current = book(state)
    record = Circulation(
        motion=event.motion,
        circulated_on=event.circulated_on,
        notice_days=event.notice_days,
        notice_ends_on=event.notice_ends_on,
        urgent=event.urgent,
        justification=event.justification,
        concerned=tuple(event.concerned),
        recipients=tuple(
            (member, tuple(languages.items())) for member, languages in event.recipients.items()
        ),
        circulated_by=event.circulated_by,
    )
    circulations = {**current.circulations, event.motion: record}
    return with_slice(state, replace(current, circulations=circulations))


@evolves(VotePostponed)
def _postponed(state: FederationState, event: VotePostponed) -> FederationState:
    current = book(state)
    record = Postponed(
        event.motion, event.member, event.reason, event.requested_on, event.vote_from
    )
    postponements = {
        **current.postponements,
        event.motion: (*current.postponements.get(event.motion, ()), record),
    }
    return with_slice(state, replace(current, postponements=postponements))


@evolves(MotionSentBack)
def _sent_back(state: FederationState, event: MotionSentBack) -> FederationState:
    current = book(state)
    record = SentBack(
        event.motion,
        tuple(event.objected_by),
        event.counted_on,
        event.vote_from,
        event.then_rule,
    )
    act = state.acts[event.motion]
    votes = {item: ballots for item, ballots in act.votes.items() if item != ""}
    said = fill(phrases.SENT_BACK, day=event.vote_from, reason=event.reason)
    line = HistoryLine(event.counted_on, said)
    act = replace(act, votes=votes, history=(*act.history, line))
    state = revise(state, acts=put(state.acts, act.id, act))
    sent_back = {**current.sent_back, event.motion: record}
    return with_slice(state, replace(current, sent_back=sent_back))
