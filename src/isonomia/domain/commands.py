"""Commands: what a person or body asks for, in the imperative (`DecideSecession`).

Every command carries who asks (`actor`), when (`at`, supplied by the caller: the rules
never read the clock) and an id that the ledger records with the resulting events.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from isonomia.charter.model import FieldKind, LanguageTag, Slug
from isonomia.domain.acts import ActKind, Force, Ruling


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    command_id: str = Field(min_length=1)
    actor: str = Field(min_length=1)
    at: AwareDatetime

    @property
    def day(self) -> date:
        return self.at.date()


class AdoptCharter(Command):
    """Adopt the charter the union will be founded on (recorded first in the ledger)."""

    charter: dict[str, Any]


class FoundingDecision(BaseModel):
    """A founding member's own congress decision to unify (P1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    member: Slug
    decided_on: date


class FoundUnion(Command):
    """Found the union by formal unification of its founding members (P1)."""

    founded_on: date
    decisions: list[FoundingDecision]


class Candidate(BaseModel):
    """A candidate for accession, as its own congress describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: str = Field(min_length=1)
    congress: str = Field(min_length=1)
    population: int = Field(gt=0)
    population_year: int = Field(ge=1000, le=3000)
    population_source: str = Field(min_length=1)
    languages: list[LanguageTag] = Field(min_length=1)


class DecideAccession(Command):
    """A candidate's own congress decides to join, on terms it chooses (P2)."""

    candidate: Candidate
    decided_on: date
    accepts_fields: list[Slug]
    #: Joint departments it joins (P7); it keeps its own department for every other field.
    joins_departments: list[Slug] = Field(default_factory=list)


Vote = Literal["yes", "no", "abstain"]


class AdmitMember(Command):
    """The deciding organ votes on admitting a candidate, by the charter's rule (P2)."""

    candidate: Slug
    votes: dict[str, Vote]


class DecideSecession(Command):
    """A member's own congress decides to leave the union (P3)."""

    member: Slug
    decided_on: date


class WithdrawSecession(Command):
    """A member's own congress withdraws its secession before it takes effect."""

    member: Slug


class ObstructSecession(Command):
    """A union organ tries to block, condition or delay a secession: always refused (P3)."""

    member: Slug
    action: Literal["block", "condition", "delay"]
    detail: str = ""


class Settle(Command):
    """Record what has fallen due by the command's day (a secession taking effect, P3)."""


# -- organs and delegations (P4) ------------------------------------------------------------


class AppointDelegate(Command):
    """A member's own council names a person to sit for it in a union organ, for a term."""

    organ: Slug
    member: Slug
    person: Slug
    term_from: date
    term_until: date | None = None


class RecallDelegate(Command):
    """A member's own council recalls one of its delegates from an organ."""

    organ: Slug
    member: Slug
    person: Slug


class ConveneSession(Command):
    """Convene a session of an organ on a day, with its agenda (the council's calendar, P4)."""

    session: Slug
    organ: Slug
    held_on: date
    agenda: list[str] = Field(default_factory=list)


# -- motions and acts (P4, P8–P11) ---------------------------------------------------------


class DraftMotion(Command):
    """Draft a motion in an organ: its field of competence, kind and force."""

    motion: Slug
    organ: Slug
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    field: Slug
    kind: ActKind
    force: Force
    #: Members a directive is addressed to (empty: every member when it is published).
    addressees: list[Slug] = Field(default_factory=list)
    #: For a union council ruling on an appeal (P6) or reviewing an urgent action (P8).
    ruling: Ruling | None = None
    #: For a charter amendment: fields whose kind it changes (P10).
    competence_changes: dict[Slug, FieldKind] = Field(default_factory=dict)


class TableMotion(Command):
    """Put a drafted motion on a session's agenda."""

    motion: Slug
    session: Slug


class ProposeAmendment(Command):
    """Propose a substitute text for a tabled motion; it is voted before the motion."""

    motion: Slug
    amendment: Slug
    text: str = Field(min_length=1)


class CastVote(Command):
    """A delegate casts a member's vote on a motion or an amendment (per delegation, P4)."""

    motion: Slug
    amendment: Slug | None = None
    member: Slug
    vote: Vote


class CountVotes(Command):
    """Count the votes on a motion or an amendment by the organ's decision rule."""

    motion: Slug
    amendment: Slug | None = None


class PublishAct(Command):
    """Publish an adopted act; it is in force from `in_force_on` (default: publication)."""

    act: Slug
    in_force_on: date | None = None


class BindResolution(Command):
    """Give an adopted act a binding force: refused for a conference resolution (P9)."""

    act: Slug
    force: Force


# -- appeals (P6) --------------------------------------------------------------------------


class FileAppeal(Command):
    """A member, by its council or delegation, appeals an executive decision (P6)."""

    appeal: Slug
    act: Slug
    member: Slug
    ground: str = Field(min_length=1)


# -- directives (P8) -----------------------------------------------------------------------


class RequestInstructions(Command):
    """The addressee of a conditional directive asks for instructions first (P8)."""

    directive: Slug
    member: Slug
    question: str = Field(min_length=1)


class GiveInstructions(Command):
    """The issuing organ answers a request for instructions (P8)."""

    directive: Slug
    member: Slug
    instructions: str = Field(min_length=1)


class ReportCompliance(Command):
    """An addressee reports it has carried out a directive (urgently, with a justification)."""

    directive: Slug
    member: Slug
    note: str = ""
    urgent: bool = False
    justification: str = ""


# -- joint departments (P7) ----------------------------------------------------------------


class ProposeDepartment(Command):
    """Propose a joint department for a joint field; it needs every member council's consent."""

    department: Slug
    name: str = Field(min_length=1)
    field: Slug


class ConsentToDepartment(Command):
    """A member's own council consents to a proposed joint department (P7)."""

    department: Slug
    member: Slug


class AppointRepresentative(Command):
    """Name the department's authorized representative in a member (P7)."""

    department: Slug
    member: Slug
    person: Slug


class AssignStaff(Command):
    """Assign a staff member to the department's representation in a member (P7)."""

    department: Slug
    member: Slug
    person: Slug


# -- competences (P10, P11) ----------------------------------------------------------------


class SetCompetence(Command):
    """Change a field's kind directly: refused, fields change only by amendment (P10)."""

    field: Slug
    kind: FieldKind


AnyCommand = (
    AdoptCharter
    | FoundUnion
    | DecideAccession
    | AdmitMember
    | DecideSecession
    | WithdrawSecession
    | ObstructSecession
    | Settle
    | AppointDelegate
    | RecallDelegate
    | ConveneSession
    | DraftMotion
    | TableMotion
    | ProposeAmendment
    | CastVote
    | CountVotes
    | PublishAct
    | BindResolution
    | FileAppeal
    | RequestInstructions
    | GiveInstructions
    | ReportCompliance
    | ProposeDepartment
    | ConsentToDepartment
    | AppointRepresentative
    | AssignStaff
    | SetCompetence
)
