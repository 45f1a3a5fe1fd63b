"""National languages (P14): each member's own rules, versions of acts and correspondence.

A member's language rules are its council's alone. An act's version in a language is
submitted by the union's translators or a member whose official language it is, and
certified, for each member, by the certifier that member designates: a certification counts
only for the members whose certifier made it. A union organ's letter to a member must
carry every language the member's rules require for correspondence.
"""

from __future__ import annotations

from isonomia.domain import (
    AdoptLanguageRules,
    CertifierDesignated,
    CertifyVersion,
    CorrespondenceSent,
    DesignateCertifier,
    FederationState,
    FileOriginal,
    LanguageRulesAdopted,
    OriginalFiled,
    SendCorrespondence,
    Stage,
    SubmitVersion,
    VersionCertified,
    VersionSubmitted,
    VersionsWaived,
    WaiveVersions,
    actors,
)
from isonomia.domain.languages import certified_by_members, certifier
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, certifies, own_council, speaks

__all__ = ["certifiers_of", "missing_correspondence", "speakers", "staff_language_problem"]


def speakers(state: FederationState, language: str) -> list[str]:
    """The members with `language` among their official languages."""
    return sorted(m for m, r in state.members.items() if language in r.languages)


def certifiers_of(state: FederationState, language: str) -> set[str]:
    """Everyone who certifies versions in `language` for some member (P14)."""
    return {certifier(state.languages, m, language) for m in speakers(state, language)}


def missing_correspondence(state: FederationState, member: str, languages: set[str]) -> list[str]:
    """The languages the member's rules require of union correspondence that are missing."""
    rules = state.languages.rules.get(member)
    required = rules.correspondence if rules else ()
    return [language for language in required if language not in languages]


def staff_language_problem(
    state: FederationState, member: str, person: str, languages: list[str]
) -> Refusal | None:
    """Why `person` may not serve the union in `member`: a language the member's rules
    require of the union's staff there that the person does not command (P14)."""
    rules = state.languages.rules.get(member)
    missing = [x for x in (rules.staff if rules else ()) if x not in languages]
    if not missing:
        return None
    return Refusal.of(
        "P14",
        N_(
            "{member}'s language rules require the union's staff there to command "
            "{languages}; {person} is not recorded as commanding it"
        ),
        member=member,
        languages=",".join(missing),
        person=person,
    )


def _not_member(state: FederationState, member: str, command: object) -> Refusal | None:
    day = command.day  # type: ignore[attr-defined]
    if not state.is_member(member, day):
        return Refusal.of(
            "P14", N_("{member} is not a member of the union on {day}"), member=member, day=str(day)
        )
    return None


def _adopted(state: FederationState, act_id: str) -> Refusal | None:
    act = state.acts.get(act_id)
    if act is None:
        return Refusal.of("P14", N_("no act '{act}' in the record"), act=act_id)
    if act.stage not in (Stage.ADOPTED, Stage.PUBLISHED):
        return Refusal.of(
            "P14", N_("{act} is not an adopted act; only adopted acts have versions"), act=act_id
        )
    return None


@decides(
    AdoptLanguageRules,
    who=own_council("P14"),
)
def adopt_language_rules(state: FederationState, command: AdoptLanguageRules) -> Decision:
    problem = _not_member(state, command.member, command)
    if problem:
        return problem
    return [
        LanguageRulesAdopted(
            member=command.member,
            correspondence=list(dict.fromkeys(command.correspondence)),
            bilingual_documents=list(dict.fromkeys(command.bilingual_documents)),
            staff=list(dict.fromkeys(command.staff)),
            adopted_on=command.day,
        )
    ]


@decides(
    SubmitVersion,
    who=Who(
        "P14",
        N_("the union's translators (the secretariat) or a member whose official language it is"),
        lambda s, c: c.actor == actors.SECRETARIAT or speaks(s, c.actor, c.language),
    ),
)
def submit_version(state: FederationState, command: SubmitVersion) -> Decision:
    problem = _adopted(state, command.act)
    if problem:
        return problem
    if not speakers(state, command.language):
        return Refusal.of(
            "P14", N_("{languages} is no member's official language"), languages=command.language
        )
    return [
        VersionSubmitted(
            act=command.act,
            language=command.language,
            text=command.text,
            submitted_by=command.actor,
            submitted_on=command.day,
        )
    ]


@decides(
    CertifyVersion,
    who=Who(
        "P14",
        N_("the certifier a member designates for that language (by default its council)"),
        lambda s, c: certifies(s, c.actor, c.language),
    ),
)
def certify_version(state: FederationState, command: CertifyVersion) -> Decision:
    version = state.languages.versions.get((command.act, command.language))
    if version is None:
        return Refusal.of(
            "P14",
            N_("no {language} version of {act} has been submitted"),
            language=command.language,
            act=command.act,
        )
    book = state.languages
    members = certified_by_members(state, command.actor, command.language)
    done = [book.certified.get((command.act, command.language, m)) for m in members]
    if members and all(c is not None and c.valid(command.day) for c in done):
        return Refusal.of(
            "P14",
            N_("the {language} version of {act} is certified"),
            language=command.language,
            act=command.act,
        )
    return [
        VersionCertified(
            act=command.act,
            language=command.language,
            certified_by=command.actor,
            certified_on=command.day,
        )
    ]


@decides(
    DesignateCertifier,
    who=own_council("P14"),
)
def designate_certifier(state: FederationState, command: DesignateCertifier) -> Decision:
    problem = _not_member(state, command.member, command)
    if problem:
        return problem
    if command.language not in state.members[command.member].languages:
        return Refusal.of(
            "P14",
            N_("{languages} is not an official language of {member}"),
            languages=command.language,
            member=command.member,
        )
    return [
        CertifierDesignated(
            member=command.member,
            language=command.language,
            principal=command.principal,
            designated_on=command.day,
        )
    ]


@decides(WaiveVersions, who=own_council("P14"))
def waive_versions(state: FederationState, command: WaiveVersions) -> Decision:
    problem = _adopted(state, command.act) or _not_member(state, command.member, command)
    if problem:
        return problem
    if (command.act, command.member) in state.languages.waivers:
        return Refusal.of(
            "P14",
            N_("{member} has already waived the versions of {act}"),
            member=command.member,
            act=command.act,
        )
    return [VersionsWaived(act=command.act, member=command.member, waived_on=command.day)]


@decides(
    SendCorrespondence,
    who=Who(
        "P14",
        N_("the writing organ's presiding officer or the secretariat"),
        lambda s, c: c.actor in (actors.organ(c.organ), actors.SECRETARIAT),
    ),
)
def send_correspondence(state: FederationState, command: SendCorrespondence) -> Decision:
    problem = _not_member(state, command.member, command)
    if problem:
        return problem
    missing = missing_correspondence(state, command.member, set(command.versions))
    if missing:
        return Refusal.of(
            "P14",
            N_("{member}'s language rules require correspondence in {languages}"),
            member=command.member,
            languages=",".join(missing),
        )
    return [
        CorrespondenceSent(
            organ=command.organ,
            member=command.member,
            languages=sorted(command.versions),
            sent_on=command.day,
        )
    ]


def members_of(state: FederationState, principal: str) -> list[str]:
    """The members a principal speaks for: its congress or council, or a delegate's."""
    kind, name = actors.split(principal)
    if kind in ("congress", "council"):
        return [name] if name in state.members else []
    if kind == "person":
        return sorted({d.member for d in state.delegations if d.person == name})
    return []


@decides(
    FileOriginal,
    who=Who(
        "P14",
        N_("the principal that signed that command"),
        lambda s, c: s.languages.signers.get(c.of_command, c.actor) == c.actor,
    ),
)
def file_original(state: FederationState, command: FileOriginal) -> Decision:
    signer = state.languages.signers.get(command.of_command)
    if signer is None:
        return Refusal.of(
            "P14", N_("no signed command '{command}' in the record"), command=command.of_command
        )
    members = [
        m for m in members_of(state, signer) if command.language in state.members[m].languages
    ]
    if not members:
        return Refusal.of(
            "P14",
            N_("{languages} is not an official language of a member {signer} speaks for"),
            languages=command.language,
            signer=signer,
        )
    return [
        OriginalFiled(
            of_command=command.of_command,
            language=command.language,
            text=command.text,
            filed_by=command.actor,
            filed_on=command.day,
            member=members[0],
        )
    ]
