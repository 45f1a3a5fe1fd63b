"""Commands: what a person or body asks for, in the imperative (`DecideSecession`).

Every command carries who asks (`actor`), when (`at`, supplied by the caller: the rules
never read the clock) and an id that the ledger records with the resulting events.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from isonomia.charter.model import LanguageTag, Slug


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


AnyCommand = (
    AdoptCharter
    | FoundUnion
    | DecideAccession
    | AdmitMember
    | DecideSecession
    | WithdrawSecession
    | ObstructSecession
    | Settle
)
