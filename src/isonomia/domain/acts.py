"""Values of organs and acts: delegations, sessions, acts, appeals, directives, departments.

These are the records the state keeps (P4, P6–P11). They are immutable; `evolve` replaces
them. Whether an act is in force on a day is computed from the dates they carry, so a
non-suspensive appeal cannot change it (P6) and a lapse or annulment takes effect on its
day whatever else happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ActKind(StrEnum):
    DECISION = "decision"
    DIRECTIVE = "directive"
    RESOLUTION = "resolution"
    CHARTER_AMENDMENT = "charter-amendment"


class Force(StrEnum):
    """Graded force (P8): desirable, mandatory, or conditionally mandatory."""

    ADVISORY = "advisory"
    MANDATORY = "mandatory"
    CONDITIONAL = "conditional"

    @property
    def binding(self) -> bool:
        return self is not Force.ADVISORY


class Stage(StrEnum):
    DRAFTED = "drafted"
    TABLED = "tabled"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    PUBLISHED = "published"


class Ruling(BaseModel):
    """What a union council motion decides about an appeal (P6) or an urgent action (P8)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: Literal["appeal", "urgent-action"]
    #: The appeal's id, or ``DIRECTIVE:MEMBER`` for an urgent action.
    ref: str = Field(min_length=1)
    outcome: Literal["uphold", "amend", "annul", "censure"]


@dataclass(frozen=True)
class Delegation:
    """A person sitting for a member in an organ, for a term (P4)."""

    organ: str
    member: str
    person: str
    term_from: date
    term_until: date | None = None
    recalled_on: date | None = None

    def sits(self, on: date) -> bool:
        ends = [d for d in (self.term_until, self.recalled_on) if d is not None]
        return self.term_from <= on and all(on < end for end in ends)


@dataclass(frozen=True)
class Session:
    id: str
    organ: str
    held_on: date
    presided_by: str | None
    agenda: tuple[str, ...]


@dataclass(frozen=True)
class Ballot:
    vote: str
    person: str


@dataclass(frozen=True)
class AmendmentRecord:
    id: str
    text: str
    proposed_by: str
    status: str = "proposed"  # proposed, adopted, rejected


@dataclass(frozen=True)
class HistoryLine:
    on: date
    what: str


@dataclass(frozen=True)
class Act:
    """A motion and, once adopted, the act it becomes (P4)."""

    id: str
    organ: str
    organ_kind: str
    title: str
    text: str
    field: str
    kind: ActKind
    force: Force
    drafted_by: str
    drafted_on: date
    addressees: tuple[str, ...] = ()
    ruling: Ruling | None = None
    competence_changes: tuple[tuple[str, str], ...] = ()
    stage: Stage = Stage.DRAFTED
    session: str | None = None
    amendments: Mapping[str, AmendmentRecord] = _field(default_factory=dict)
    #: Votes per item ("" is the motion itself, otherwise an amendment id), per member.
    votes: Mapping[str, Mapping[str, Ballot]] = _field(default_factory=dict)
    adopted_on: date | None = None
    published_on: date | None = None
    in_force_on: date | None = None
    annulled_on: date | None = None
    lapsed_on: date | None = None
    history: tuple[HistoryLine, ...] = ()

    def with_history(self, on: date, what: str) -> tuple[HistoryLine, ...]:
        return (*self.history, HistoryLine(on, what))

    def binds(self) -> bool:
        return self.force.binding


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


@dataclass(frozen=True)
class Compliance:
    """One addressee's handling of a directive (P8)."""

    directive: str
    member: str
    requested_on: date | None = None
    question: str = ""
    instructed_on: date | None = None
    instructions: str = ""
    carried_out_on: date | None = None
    basis: str | None = None  # directive, instructions, urgency
    note: str = ""
    justification: str = ""
    review_session: str | None = None
    review: str | None = None  # upheld, censured
    reviewed_on: date | None = None

    def status(self) -> str:
        if self.carried_out_on is not None:
            if self.basis == "urgency":
                return f"carried out (urgent; {self.review or 'review pending'})"
            return "carried out"
        if self.instructed_on is not None:
            return "instructed"
        if self.requested_on is not None:
            return "instructions requested"
        return "outstanding"


@dataclass(frozen=True)
class Department:
    """A joint department (P7): created by every member council's consent."""

    id: str
    name: str
    field: str
    seat: str
    proposed_on: date
    proposed_by: str
    consents: Mapping[str, date] = _field(default_factory=dict)
    created_on: date | None = None
    participants: tuple[str, ...] = ()
    representatives: Mapping[str, str] = _field(default_factory=dict)
    staff: Mapping[str, tuple[str, ...]] = _field(default_factory=dict)
    operational_since: date | None = None

    def gaps(self, members: Iterable[str]) -> dict[str, list[str]]:
        """What each participating member lacks: a representative, staff."""
        result: dict[str, list[str]] = {}
        for member in members:
            if member not in self.participants:
                continue
            missing = []
            if member not in self.representatives:
                missing.append("authorized representative")
            if not self.staff.get(member):
                missing.append("staff")
            if missing:
                result[member] = missing
        return result

    def operational(self, members: Iterable[str]) -> bool:
        """Created, and represented with staff in every participating member (P7)."""
        current = [m for m in members if m in self.participants]
        return self.created_on is not None and bool(current) and not self.gaps(current)


@dataclass(frozen=True)
class CompetenceChange:
    """One line of the register of competences' history (P10)."""

    effective_on: date | None  # None: from the charter itself
    field: str
    kind: str
    by: str
