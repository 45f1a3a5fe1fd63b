"""National languages (P14): each member's own language rules, the language versions of
union acts, and the union's correspondence to the members.

An act is in force in a member only once its versions in all of that member's official
languages are certified by the certifier *that member* designates (its council by default),
whoever certified the same language for another member, or once the member's council waives
them; and only if the act is within the member's terms of accession (P2). Amending an act's
text puts its certified versions back to review. Where an act stands is said by the one pure
function `domain.standing.standing`; `standing_in` asks it of the folded state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field

from isonomia.charter.model import LanguageTag, Slug
from isonomia.domain.appeals import AppealRuled
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.departments import RepresentativeAppointed, StaffAssigned
from isonomia.domain.motions import AmendmentAdopted
from isonomia.domain.persistent import put, put_all, without
from isonomia.domain.principals import CommandSigned
from isonomia.domain.standing import (
    ActStanding,
    Certification,
    certified_for,
    default_certifier,
    standing,
)

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class AdoptLanguageRules(Command):
    """A member's own language rules, adopted by its council alone (P14)."""

    member: Slug = Field(description="The member whose rules they are.")
    #: Languages union correspondence to the member's institutions must carry.
    correspondence: list[LanguageTag] = Field(
        default_factory=list, description="Languages of correspondence with it (BCP-47 tags)."
    )
    #: Kinds of document that must be bilingual in the member.
    bilingual_documents: list[str] = Field(
        default_factory=list, description="Kinds of document it requires in two languages."
    )
    #: Languages the union's staff serving in the member must command.
    staff: list[LanguageTag] = Field(
        default_factory=list,
        description="Languages the staff serving it must command (BCP-47 tags).",
    )


class SubmitVersion(Command):
    """Submit the text of an act in one language."""

    act: Slug = Field(description="The act.")
    language: LanguageTag = Field(description="The version's language (BCP-47 tag).")
    text: str = Field(min_length=1, description="The act's text in that language.")


class CertifyVersion(Command):
    """Certify an act's submitted version in one language."""

    act: Slug = Field(description="The act.")
    language: LanguageTag = Field(description="The version's language (BCP-47 tag).")


class DesignateCertifier(Command):
    """Name who certifies, for a member, the versions of union acts in one language."""

    member: Slug = Field(description="The member.")
    language: LanguageTag = Field(description="The language (BCP-47 tag).")
    principal: str = Field(min_length=1, description="Who certifies, e.g. person:NAME.")


class WaiveVersions(Command):
    """A member's council lets an act take effect in the member without its versions."""

    act: Slug = Field(description="The act.")
    member: Slug = Field(description="The member waiving.")


class SendCorrespondence(Command):
    """A union organ writes to a member, in the languages of the member's rules."""

    organ: Slug = Field(description="The sending organ.")
    member: Slug = Field(description="The member written to.")
    versions: dict[LanguageTag, str] = Field(
        min_length=1, description="The letter's text in each language."
    )


class FileOriginal(Command):
    """File the text of one of the signer's own recorded commands in its own language."""

    #: The id of the recorded command whose original this is.
    of_command: str = Field(min_length=1, description="The id of a recorded command.")
    language: LanguageTag = Field(description="The original's language (BCP-47 tag).")
    text: str = Field(min_length=1, description="The command's text in that language.")


class OriginalFiled(Event):
    of_command: str
    language: str
    text: str
    filed_by: str
    filed_on: date
    member: str | None = None


class LanguageRulesAdopted(Event):
    member: str
    correspondence: list[str]
    bilingual_documents: list[str]
    staff: list[str]
    adopted_on: date


class VersionSubmitted(Event):
    union_wide = True
    act: str
    language: str
    text: str
    submitted_by: str
    submitted_on: date


class VersionCertified(Event):
    union_wide = True
    act: str
    language: str
    certified_by: str
    certified_on: date


class CertifierDesignated(Event):
    member: str
    language: str
    principal: str
    designated_on: date


class VersionsWaived(Event):
    act: str
    member: str
    waived_on: date


class CorrespondenceSent(Event):
    organ: str
    member: str
    languages: list[str]
    sent_on: date


@dataclass(frozen=True)
class LanguageRules:
    """A member's own language rules (P14)."""

    member: str
    correspondence: tuple[str, ...]
    bilingual_documents: tuple[str, ...]
    staff: tuple[str, ...]
    adopted_on: date


@dataclass(frozen=True)
class Version:
    """An act's text in one language, and whether it is certified (P14)."""

    act: str
    language: str
    text: str
    submitted_on: date
    certified_on: date | None = None
    certified_by: str | None = None
    #: The act's text was amended after this version was certified.
    needs_review: bool = False

    def certified(self, on: date) -> bool:
        return self.certified_on is not None and self.certified_on <= on and not self.needs_review


@dataclass(frozen=True)
class LanguageBook:
    """Everything the record knows about languages: rules, certifiers, versions, waivers."""

    rules: Mapping[str, LanguageRules] = field(default_factory=dict)
    #: (member, language) → the certifier the member designated.
    certifiers: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: (act, language) → its version.
    versions: Mapping[tuple[str, str], Version] = field(default_factory=dict)
    #: (act, language, member) → the certification counted for that member: by the certifier
    #: the member had designated for the language when it certified (P14).
    certified: Mapping[tuple[str, str, str], Certification] = field(default_factory=dict)
    #: (act, member) → the day the member's council waived the act's versions.
    waivers: Mapping[tuple[str, str], date] = field(default_factory=dict)
    #: (department, member, person) → the languages a joint department's representative or
    #: staff member in that member commands.
    staff: Mapping[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)
    #: Each signed command's id → the principal that signed it.
    signers: Mapping[str, str] = field(default_factory=dict)


def certifier(book: LanguageBook, member: str, language: str) -> str:
    """Who certifies `language` versions for `member`: as designated, else its council."""
    return book.certifiers.get((member, language), default_certifier(member))


def standing_in(state: FederationState, act_id: str, member: str, on: date) -> ActStanding:
    """Where a union act stands in one member on a day, from the folded state (P2, P14)."""
    record = state.members.get(member)
    act = state.acts.get(act_id)
    book = state.languages
    if record is None or act is None:
        return standing(
            member,
            on,
            in_force_in_union=act is not None and state.in_force(act_id, on),
            field="",
            kind="",
            force="",
            accepted_fields=None,
            languages=(),
            certifiers={},
            certified={},
            waived_on=None,
        )
    certified = {
        language: done
        for language in record.languages
        if (done := book.certified.get((act_id, language, member))) is not None
    }
    return standing(
        member,
        on,
        in_force_in_union=state.in_force(act_id, on),
        field=act.field,
        kind=act.kind.value,
        force=act.force.value,
        accepted_fields=record.accepted_fields,
        languages=record.languages,
        certifiers={x: certifier(book, member, x) for x in record.languages},
        certified=certified,
        waived_on=book.waivers.get((act_id, member)),
    )


def awaiting(state: FederationState, act_id: str, member: str, on: date) -> list[str]:
    """The member's official languages in which the act has no version certified by the
    member's own certifier on a day; none when the member waived them or the act is outside
    its terms of accession (P2, P14)."""
    return standing_in(state, act_id, member, on).languages


def in_force_in(state: FederationState, act_id: str, member: str, on: date) -> bool:
    """Whether a union act is in force in one member on a day (P2, P14)."""
    return standing_in(state, act_id, member, on).in_force


def _book(state: FederationState, **changes: Any) -> FederationState:
    return revise(state, languages=replace(state.languages, **changes))


@evolves(LanguageRulesAdopted)
def _rules(state: FederationState, event: LanguageRulesAdopted) -> FederationState:
    rules = LanguageRules(
        event.member,
        tuple(event.correspondence),
        tuple(event.bilingual_documents),
        tuple(event.staff),
        event.adopted_on,
    )
    return _book(state, rules=put(state.languages.rules, event.member, rules))


@evolves(VersionSubmitted)
def _submitted(state: FederationState, event: VersionSubmitted) -> FederationState:
    version = Version(event.act, event.language, event.text, event.submitted_on)
    key = (event.act, event.language)
    book = state.languages
    # A new text in the language is certified anew, for every member (P14).
    certified = book.certified
    for member in state.members:
        certified = without(certified, (*key, member))
    return _book(state, versions=put(book.versions, key, version), certified=certified)


@evolves(VersionCertified)
def _certified(state: FederationState, event: VersionCertified) -> FederationState:
    key = (event.act, event.language)
    book = state.languages
    version = replace(
        book.versions[key],
        certified_on=event.certified_on,
        certified_by=event.certified_by,
        needs_review=False,
    )
    done = Certification(event.certified_by, event.certified_on)
    certified = book.certified
    for member in certified_by_members(state, event.certified_by, event.language):
        certified = put(certified, (event.act, event.language, member), done)
    return _book(state, versions=put(book.versions, key, version), certified=certified)


def certified_by_members(state: FederationState, principal: str, language: str) -> list[str]:
    """The members for which `principal` certifies `language` versions now (P14)."""
    languages_of = {m: r.languages for m, r in state.members.items()}
    return certified_for(principal, language, languages_of, state.languages.certifiers)


@evolves(CertifierDesignated)
def _designated(state: FederationState, event: CertifierDesignated) -> FederationState:
    key = (event.member, event.language)
    return _book(state, certifiers=put(state.languages.certifiers, key, event.principal))


@evolves(VersionsWaived)
def _waived(state: FederationState, event: VersionsWaived) -> FederationState:
    key = (event.act, event.member)
    return _book(state, waivers=put(state.languages.waivers, key, event.waived_on))


@evolves(CorrespondenceSent)
def _sent(state: FederationState, event: CorrespondenceSent) -> FederationState:
    return state


def needs_review(state: FederationState, act_id: str) -> FederationState:
    """The act's text changed: its certified versions go back to review (P14)."""
    versions = {
        key: replace(v, needs_review=True) if key[0] == act_id and v.certified_on else v
        for key, v in state.languages.versions.items()
    }
    book = state.languages
    keys = [(act_id, x, m) for m, r in state.members.items() for x in r.languages]
    certified = put_all(
        book.certified,
        [(k, replace(c, needs_review=True)) for k in keys if (c := book.certified.get(k))],
    )
    return _book(state, versions=versions, certified=certified)


@evolves(AmendmentAdopted)
def _amended(state: FederationState, event: AmendmentAdopted) -> FederationState:
    return needs_review(state, event.motion)


@evolves(AppealRuled)
def _ruled(state: FederationState, event: AppealRuled) -> FederationState:
    return needs_review(state, event.act) if event.ruling == "amend" else state


@evolves(RepresentativeAppointed, StaffAssigned)
def _serving(
    state: FederationState, event: RepresentativeAppointed | StaffAssigned
) -> FederationState:
    key = (event.department, event.member, event.person)
    return _book(state, staff=put(state.languages.staff, key, tuple(event.languages)))


def staff_gaps(state: FederationState, member: str) -> dict[str, list[str]]:
    """Each person serving the union's joint departments in `member`, and the languages the
    member's rules require of them that they are not recorded as commanding (P14)."""
    rules = state.languages.rules.get(member)
    required = rules.staff if rules else ()
    gaps: dict[str, list[str]] = {}
    for (_, where, person), languages in sorted(state.languages.staff.items()):
        missing = [x for x in required if x not in languages]
        if where == member and missing:
            gaps[person] = missing
    return gaps


@evolves(CommandSigned)
def _signed(state: FederationState, event: CommandSigned) -> FederationState:
    return _book(state, signers=put(state.languages.signers, event.command_id, event.principal))


@evolves(OriginalFiled)
def _original(state: FederationState, event: OriginalFiled) -> FederationState:
    return state
