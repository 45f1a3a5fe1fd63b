"""The charter's procedure (P4, P12): the minimum notice between a draft's circulation and its
vote, a concerned member's postponement, and the national question's protections.

Kept apart from `model.py`, which holds it as `Charter.procedure`; it needs nothing of the
rest of the charter (the cross-checks in `checks.py` relate it to the organs and members).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ActKindName", "Concern", "NationalQuestion", "Notice", "Postponement", "Procedure"]

_Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: The kinds of act a motion may be (the domain's `ActKind`), as the charter names them.
ActKindName = Literal["decision", "directive", "resolution", "charter-amendment"]


class Notice(_Strict):
    """The minimum notice between a draft's circulation and its vote (P4), for one organ
    and kind of act, or every organ (no `organ`) or every kind (no `kind`). The most
    specific setting applies; without one the notice is 0 days. An urgent procedure exists
    only where `urgent_days` is set: a shorter notice, with a justification recorded."""

    organ: _Slug | None = None
    kind: ActKindName | None = None
    days: int = Field(ge=0, le=730)
    urgent_days: int | None = Field(default=None, ge=0, le=730)


class Concern(_Strict):
    """Who the charter calls concerned by a motion (P12): the members listed (every member
    when none is) by motions in one of `fields` or of one of `kinds`."""

    members: list[_Slug] = Field(default_factory=list)
    fields: list[_Slug] = Field(default_factory=list)
    kinds: list[ActKindName] = Field(default_factory=list)


class Postponement(_Strict):
    """A concerned member's council may ask once per motion that its vote be postponed by
    `days` (0: no postponement); concerned are those `concerned` names and those a motion's
    circulation lists."""

    days: int = Field(default=0, ge=0, le=365)
    concerned: list[Concern] = Field(default_factory=list)


class NationalQuestion(_Strict):
    """Fields or kinds of act that touch the national question, and the protection of the
    members concerned (P12): a veto of each (a concerned member's no rejects the act), or a
    suspensive objection that sends the act back for `suspension_days` and then requires
    `then_rule` (a qualified majority). Concerned are the members listed here and those a
    motion's circulation names (by its language or territory), or every member (`all`)."""

    fields: list[_Slug] = Field(default_factory=list)
    kinds: list[ActKindName] = Field(default_factory=list)
    protection: Literal["veto", "suspensive"]
    concerned: Literal["listed", "all"] = "listed"
    members: list[_Slug] = Field(default_factory=list)
    suspension_days: int = Field(default=30, ge=1, le=365)
    then_rule: _Slug | None = None


class Procedure(_Strict):
    """Procedure that belongs to the members (P4, P12): notice, postponement, and the
    protection of the members concerned by a national question."""

    notice: list[Notice] = Field(default_factory=list)
    postponement: Postponement = Postponement()
    national_questions: list[NationalQuestion] = Field(default_factory=list)
    #: How many days before a deadline the record knows (an appeal window, a notice period,
    #: a ballot period, a secession taking effect...) each member concerned is reminded.
    reminder_days: list[Annotated[int, Field(ge=0, le=365)]] = Field(
        default_factory=lambda: [14, 3, 1], max_length=8
    )

    def national_question(self, field: str, kind: str) -> NationalQuestion | None:
        """The first national question a motion in `field` of `kind` touches, if any."""
        return next(
            (q for q in self.national_questions if field in q.fields or kind in q.kinds), None
        )

    def notice_for(self, organ: str, kind: str) -> Notice | None:
        """The most specific notice setting for `organ`'s acts of `kind`, if any."""
        fitting = [
            n
            for n in self.notice
            if (n.organ is None or n.organ == organ) and (n.kind is None or n.kind == kind)
        ]
        fitting.sort(key=lambda n: (n.organ is not None) * 2 + (n.kind is not None), reverse=True)
        return fitting[0] if fitting else None

    def concerned(self, field: str, kind: str, members: list[str]) -> list[str]:
        """The members the charter calls concerned by a motion in `field` of `kind`."""
        found: set[str] = set()
        for concern in self.postponement.concerned:
            if field in concern.fields or kind in concern.kinds:
                found.update(concern.members or members)
        return sorted(found)
