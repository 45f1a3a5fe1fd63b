"""What may be asked of motions and acts (P4, P8–P12): draft, table, amend, vote, count,
publish. What happened, and what the state keeps of it, is in `domain/motions.py`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field

from isonomia.charter.model import FieldKind, Slug
from isonomia.domain.base import Command, Vote
from isonomia.domain.motions import ActKind, Force
from isonomia.domain.references import Appointment, Ruling


class DraftMotion(Command):
    """Draft a motion in an organ: its field of competence, kind and force."""

    motion: Slug = Field(description="An id for the motion.")
    organ: Slug = Field(description="The organ it is moved in.")
    title: str = Field(min_length=1, description="Its title.")
    text: str = Field(min_length=1, description="Its text.")
    field: Slug = Field(description="Its field of competence.")
    kind: ActKind = Field(description="The kind of act.")
    force: Force = Field(description="Its force (P8).")
    #: Members a directive is addressed to (empty: every member when it is published).
    addressees: list[Slug] = Field(default_factory=list, description="A directive's addressees.")
    #: For a union council ruling on an appeal (P6) or reviewing an urgent action (P8).
    ruling: Ruling | None = Field(
        default=None, description="The ruling it makes on an appeal or an urgent action."
    )
    #: For an appointment motion: the office and the person it appoints or removes (P15).
    appointment: Appointment | None = Field(
        default=None, description="The appointment (or removal) it decides: office and person."
    )
    #: For a charter amendment: fields whose kind it changes (P10).
    competence_changes: dict[Slug, FieldKind] = Field(
        default_factory=dict, description="Fields of competence a charter amendment changes."
    )
    #: For a charter amendment: settings of the charter it changes, merged over the charter
    #: (decision rules, weights, notice, the national question, organs...: P10, P12).
    charter_changes: dict[str, Any] = Field(
        default_factory=dict,
        description="Charter settings a charter amendment changes, merged over the charter.",
    )
    #: For a charter amendment: the day its charter changes take effect (default: adoption).
    effective_on: date | None = Field(
        default=None, description="Day a charter amendment's changes take effect."
    )

    omitted_when_empty: ClassVar[tuple[str, ...]] = (
        "charter_changes",
        "effective_on",
        "appointment",
    )


class TableMotion(Command):
    """Put a drafted motion on a session's agenda, announcing how long its vote is open."""

    motion: Slug = Field(description="The drafted motion.")
    session: Slug = Field(description="The session whose agenda it joins.")
    #: The last day delegations may vote (default: the session's day). Before it ends, the
    #: votes are counted only once every delegation present has voted (P4).
    voting_closes_on: date | None = Field(
        default=None, description="Last day delegations may vote (default: the session's day)."
    )


class ProposeAmendment(Command):
    """Propose a substitute text for a tabled motion; it is voted before the motion."""

    motion: Slug = Field(description="The motion amended.")
    amendment: Slug = Field(description="An id for the amendment.")
    text: str = Field(min_length=1, description="The substitute text.")


class CastVote(Command):
    """A delegate casts a member's vote on a motion or an amendment (per delegation, P4)."""

    motion: Slug = Field(description="The motion voted on.")
    amendment: Slug | None = Field(
        default=None, description="Vote on this amendment of the motion."
    )
    member: Slug = Field(description="The member whose delegation votes.")
    vote: Vote | None = Field(default=None, description="The vote, whole.")
    #: Amounts of yes, no and abstain, where the charter lets the organ's delegations split
    #: their weight or a delegate its seats (issue 24); instead of `vote`.
    split: dict[Literal["yes", "no", "abstain"], Annotated[int, Field(ge=0)]] | None = Field(
        default=None, description="The vote split: amounts of yes, no and abstain."
    )

    omitted_when_empty: ClassVar[tuple[str, ...]] = ("vote", "split")


class CountVotes(Command):
    """Count the votes on a motion or an amendment by the organ's decision rule."""

    motion: Slug = Field(description="The motion counted.")
    amendment: Slug | None = Field(default=None, description="Count this amendment of the motion.")


class PublishAct(Command):
    """Publish an adopted act; it is in force from `in_force_on` (default: publication)."""

    act: Slug = Field(description="The adopted act.")
    in_force_on: date | None = Field(default=None, description="Day it comes into force.")
