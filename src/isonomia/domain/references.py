"""References between records, typed and parsed in one place.

A session's review list names what it reviews as text (``appeal:ID``,
``urgent-action:DIRECTIVE:MEMBER``); a ruling names an appeal (``ID``) or an urgent action
(``DIRECTIVE:MEMBER``). Those spellings are stored in the ledger and stay as they are;
everything else works with the values below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "AppealRef",
    "Appointment",
    "Ruling",
    "UrgentActionRef",
    "parse_review",
    "parse_urgent_action",
]


@dataclass(frozen=True)
class AppealRef:
    appeal: str

    def __str__(self) -> str:
        return f"appeal:{self.appeal}"


@dataclass(frozen=True)
class UrgentActionRef:
    directive: str
    member: str

    @property
    def key(self) -> tuple[str, str]:
        """The key of the addressee's compliance record."""
        return (self.directive, self.member)

    @property
    def ruling_ref(self) -> str:
        """How a ruling names it: ``DIRECTIVE:MEMBER``."""
        return f"{self.directive}:{self.member}"

    def __str__(self) -> str:
        return f"urgent-action:{self.directive}:{self.member}"


def parse_urgent_action(text: str) -> UrgentActionRef:
    """``DIRECTIVE:MEMBER`` → the reference; `ValueError` when it is not that shape."""
    directive, sep, member = text.partition(":")
    if not sep or not directive or not member or ":" in member:
        raise ValueError(f"{text!r} is not DIRECTIVE:MEMBER")
    return UrgentActionRef(directive, member)


def parse_review(text: str) -> AppealRef | UrgentActionRef:
    """``appeal:ID`` or ``urgent-action:DIRECTIVE:MEMBER``; `ValueError` otherwise."""
    kind, _, rest = text.partition(":")
    if kind == "appeal" and rest and ":" not in rest:
        return AppealRef(rest)
    if kind == "urgent-action":
        return parse_urgent_action(rest)
    raise ValueError(f"{text!r} is neither appeal:ID nor urgent-action:DIRECTIVE:MEMBER")


class Ruling(BaseModel):
    """What a union council motion decides about an appeal (P6) or an urgent action (P8)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: Literal["appeal", "urgent-action"]
    #: The appeal's id, or ``DIRECTIVE:MEMBER`` for an urgent action.
    ref: str = Field(min_length=1)
    outcome: Literal["uphold", "amend", "annul", "censure"]

    @model_validator(mode="after")
    def _ref_has_its_shape(self) -> Ruling:
        if self.on == "urgent-action":
            parse_urgent_action(self.ref)
        return self

    def urgent_action(self) -> UrgentActionRef:
        """The urgent action it reviews (only for ``on == "urgent-action"``)."""
        return parse_urgent_action(self.ref)


class Appointment(BaseModel):
    """What an appointment motion decides (P15): who is appointed to, or removed from, which
    office. An appointment under an organ's vote cites a motion whose subject is that one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: A named office's id, ``organ:ID`` (a seat) or ``department:ID`` (a post).
    office: str = Field(pattern=r"^((organ|department):)?[a-z][a-z0-9-]{0,62}$")
    person: str = Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")
    action: Literal["appoint", "remove"] = "appoint"

    def describe(self) -> str:
        if self.action == "remove":
            return f"removal of {self.person} from {self.office}"
        return f"appointment of {self.person} to {self.office}"
