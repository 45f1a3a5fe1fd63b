"""Where a union act stands in one member on a day (P2, P14): one pure function.

`standing` is the only place that says whether an act is in force in a member. The rules
ask it through the folded state (`domain.languages.standing_in`), the queries through the
read tables (`service.queries.languages`), and both hand it the same plain facts:

- the member's terms of accession: a member that accepted only some joint fields is bound
  only by binding acts in those fields; elsewhere the act is "not binding: outside its terms
  of accession" (P2). The terms do not speak of charter amendments nor of the union's
  decisions on accession, which are no joint field; an advisory act binds no one anyway;
- whether the act is in force in the union (published, not annulled, lapsed or suspended);
- the member's official languages, and for each the certification by the member's *own*
  designated certifier, whoever certified the same language for another member (P14);
- the member's waiver of the act's versions, if any.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from isonomia.domain import phrases
from isonomia.domain.phrases import fill

#: The field of the union council's decisions on accession (`domain.admissions`).
ACCESSION_FIELD = "accession"
#: The kind of act that amends the charter, which binds every member alike.
CHARTER_AMENDMENT = "charter-amendment"
#: The forces that bind (P8).
BINDING_FORCES = frozenset({"mandatory", "conditional"})

#: Why an act does not bind a member outside its terms (P2).
OUTSIDE_TERMS = phrases.OUTSIDE_TERMS


class Standing(StrEnum):
    IN_FORCE = "in force"
    PENDING = "pending"
    NOT_BINDING = "not binding"
    NOT_IN_FORCE = "not in force in the union"


@dataclass(frozen=True)
class Certification:
    """A certification of an act's version in one language, counted for one member: made by
    the certifier that member had designated for the language on that day (P14)."""

    certified_by: str
    certified_on: date
    #: The act's text was amended after this certification.
    needs_review: bool = False

    def valid(self, on: date) -> bool:
        return self.certified_on <= on and not self.needs_review


@dataclass(frozen=True)
class Awaited:
    """One of the member's official languages still awaiting certification, and by whom."""

    language: str
    certifier: str
    #: The member's certifier certified it, but the text was amended since.
    needs_review: bool = False


@dataclass(frozen=True)
class ActStanding:
    """The answer of `standing` for one act in one member on a day."""

    member: str
    standing: Standing
    awaiting: tuple[Awaited, ...] = ()
    waived_on: date | None = None

    @property
    def in_force(self) -> bool:
        return self.standing is Standing.IN_FORCE

    @property
    def languages(self) -> list[str]:
        """The languages awaited, in the member's order."""
        return [a.language for a in self.awaiting]

    def awaited(self) -> str:
        """ "uk, ru from council:ukraine; be from person:x": the languages by their certifier."""
        by: dict[str, list[str]] = {}
        for a in self.awaiting:
            by.setdefault(a.certifier, []).append(a.language)
        return "; ".join(
            fill(phrases.AWAITED_FROM, languages=", ".join(languages), who=who)
            for who, languages in by.items()
        )

    @property
    def status(self) -> str:
        """The standing in words, as `act status` shows it."""
        if self.standing is Standing.NOT_BINDING:
            return OUTSIDE_TERMS
        if self.standing is Standing.NOT_IN_FORCE:
            return Standing.NOT_IN_FORCE.value
        if self.standing is Standing.PENDING:
            return fill(phrases.AWAITING, awaited=self.awaited())
        if self.waived_on is not None:
            return phrases.VERSIONS_WAIVED
        return Standing.IN_FORCE.value

    def owes_nothing(self) -> str | None:
        """Why the member owes nothing under the act on the day (a directive's addressee), or
        None when the act is in force there."""
        if self.standing is Standing.PENDING:
            return f"not in force in {self.member}: awaiting {self.awaited()}"
        return None if self.in_force else self.status


def outside_terms(
    accepted_fields: Collection[str] | None, field: str, kind: str, force: str
) -> bool:
    """Whether a member that joined accepting only `accepted_fields` (None: every joint
    field, as a founder) is outside its terms of accession for such an act (P2)."""
    return (
        accepted_fields is not None
        and force in BINDING_FORCES
        and kind != CHARTER_AMENDMENT
        and field != ACCESSION_FIELD
        and field not in accepted_fields
    )


def default_certifier(member: str) -> str:
    """A member's certifier for a language it designated no one for: its council (P14)."""
    return f"council:{member}"


def certified_for(
    principal: str,
    language: str,
    languages_of: Mapping[str, Sequence[str]],
    designated: Mapping[tuple[str, str], str],
) -> list[str]:
    """The members for which `principal`'s certification of a `language` version counts:
    those with the language among their official ones whose certifier for it (as designated,
    else their council) is `principal` (P14)."""
    return sorted(
        member
        for member, languages in languages_of.items()
        if language in languages
        and designated.get((member, language), default_certifier(member)) == principal
    )


def standing(
    member: str,
    on: date,
    *,
    in_force_in_union: bool,
    field: str,
    kind: str,
    force: str,
    accepted_fields: Collection[str] | None,
    languages: Sequence[str],
    certifiers: Mapping[str, str],
    certified: Mapping[str, Certification],
    waived_on: date | None,
) -> ActStanding:
    """Where an act stands in `member` on `on` (P2, P14).

    `certifiers` maps each of the member's languages to its certifier now (default: its
    council); `certified` maps a language to the certification counted for this member, if
    any; `waived_on` is the day the member's council waived the act's versions, if it did.
    """
    if outside_terms(accepted_fields, field, kind, force):
        return ActStanding(member, Standing.NOT_BINDING)
    waived = waived_on if waived_on is not None and waived_on <= on else None
    awaiting: list[Awaited] = []
    for language in () if waived is not None else languages:
        done = certified.get(language)
        if done is None or not done.valid(on):
            who = certifiers.get(language, default_certifier(member))
            awaiting.append(Awaited(language, who, done is not None and done.needs_review))
    if not in_force_in_union:
        kind_of = Standing.NOT_IN_FORCE
    elif awaiting:
        kind_of = Standing.PENDING
    else:
        kind_of = Standing.IN_FORCE
    return ActStanding(member, kind_of, tuple(awaiting), waived)
