"""Events: what happened, in the past tense (`SecessionDecided`), as stored in the ledger.

Each event type has a stable name (its class name) and a `schema_version`. When an
event's shape changes, bump its version and add an upcaster to `UPCASTERS` that turns
an old payload into the new shape; stored entries are never rewritten (P18).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from isonomia.domain.commands import Candidate


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: ClassVar[int] = 1
    #: Whether every member's export carries this event (acts of the union as a whole).
    union_wide: ClassVar[bool] = False

    @classmethod
    def type_name(cls) -> str:
        return cls.__name__

    def subject(self) -> str | None:
        """The member (or candidate) the event is about, if any."""
        value = getattr(self, "member", None)
        return value if isinstance(value, str) else None

    def concerns(self, member_id: str) -> bool:
        """True when `member_id`'s export must carry this event (P3)."""
        return self.union_wide or self.subject() == member_id

    def payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class CharterAdopted(Event):
    union_wide = True
    charter: dict[str, Any]


class FoundingMember(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    member: str
    name: str
    congress: str
    decided_on: date
    population: int
    population_year: int
    population_source: str
    languages: list[str]


class UnionFounded(Event):
    union_wide = True
    founded_on: date
    founders: list[FoundingMember]


class AccessionDecided(Event):
    member: str
    candidate: Candidate
    decided_on: date
    accepts_fields: list[str]


class MemberAdmitted(Event):
    union_wide = True
    member: str
    admitted_on: date
    decided_by: str
    decision_rule: str
    votes: dict[str, str]


class AdmissionRejected(Event):
    member: str
    rejected_on: date
    decided_by: str
    decision_rule: str
    votes: dict[str, str]
    reason: str


class SecessionDecided(Event):
    member: str
    congress: str
    decided_on: date
    effective_on: date


class SecessionWithdrawn(Event):
    member: str
    withdrawn_on: date


class SecessionTookEffect(Event):
    union_wide = True
    member: str
    effective_on: date


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type_name(): cls
    for cls in (
        CharterAdopted,
        UnionFounded,
        AccessionDecided,
        MemberAdmitted,
        AdmissionRejected,
        SecessionDecided,
        SecessionWithdrawn,
        SecessionTookEffect,
    )
}

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

#: (event type, from version) → function giving the payload of version + 1.
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


class UnknownEvent(ValueError):
    """A ledger entry whose type or version this code does not know."""


def event_from_record(type_name: str, version: int, payload: Mapping[str, Any]) -> Event:
    """Rebuild an event from a ledger entry, upcasting old versions."""
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEvent(f"unknown event type {type_name!r}")
    data = dict(payload)
    while version < cls.schema_version:
        upcast = UPCASTERS.get((type_name, version))
        if upcast is None:
            raise UnknownEvent(f"no upcaster for {type_name} version {version}")
        data = upcast(data)
        version += 1
    if version != cls.schema_version:
        raise UnknownEvent(f"{type_name} version {version} is newer than this software")
    return cls.model_validate(data)
