"""Who may issue each command: one table, checked before any rule decides (P1–P4, P6–P8).

The principal is the command's `actor`, which the service sets from the verified signature.
Each entry names the principle the check protects and who may act. A member's own acts
(founding decision, accession, secession, consents, answers to directives) are its
congress's or council's alone; votes are cast only by a delegate sitting for that member in
that organ on that day; procedural acts belong to the secretariat or the organ's presiding
officer. The secretariat never records a member's decision or casts a vote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from isonomia.domain import (
    AdoptCharter,
    AdoptLanguageRules,
    AppointDelegate,
    AppointOfficial,
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    CastVote,
    CertifyVersion,
    Command,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    DesignateCertifier,
    DraftMotion,
    FederationState,
    FileAppeal,
    FileOriginal,
    FoundUnion,
    GiveInstructions,
    ObstructSecession,
    ProposeAdmission,
    ProposeAmendment,
    ProposeDepartment,
    PublishAct,
    RecallDelegate,
    RegisterKey,
    RemoveOfficial,
    ReportCompliance,
    RequestInstructions,
    RevokeKey,
    SendCorrespondence,
    SetCompetence,
    Settle,
    SubmitVersion,
    TableMotion,
    WaiveVersions,
    WithdrawSecession,
    actors,
)
from isonomia.domain.languages import certifier
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.inspection_who import INSPECTION_WHO
from isonomia.rules.motions import may_table

__all__ = ["RULES", "Who", "authorize", "may_register", "of_actor", "registrar"]


@dataclass(frozen=True)
class Who:
    """Who may issue one kind of command: the principle protected and a test on the actor."""

    principle: str
    description: str
    allows: Callable[[FederationState, Any], bool]
    #: The decider makes the same check and says more precisely why (e.g. which member a
    #: delegate does not sit for); its refusal is given instead of this table's.
    decider_explains: bool = False


def _kind(actor: str) -> str:
    return actors.split(actor)[0]


def _council_organ(state: FederationState) -> str:
    return state.charter.council_organ().id if state.charter else "union-council"


def _organ_of_act(state: FederationState, act_id: str) -> str | None:
    act = state.acts.get(act_id)
    return act.organ if act else None


def _presiding(state: FederationState, organ: str | None) -> set[str]:
    """The organ's own presiding officer, and its presidium's (P4)."""
    result = {actors.organ(organ)} if organ else set()
    if state.charter is not None:
        result |= {actors.organ(o.id) for o in state.charter.organs if o.kind.value == "presidium"}
    return result


def _sits(state: FederationState, actor: str, organ: str | None, member: str | None) -> bool:
    kind, person = actors.split(actor)
    if kind != "person" or organ is None:
        return False
    return any(
        d.organ == organ and (member is None or d.member == member) and d.recalled_on is None
        for d in state.delegations_of(person)
    )


def _mover(state: FederationState, command: Any, organ: str | None) -> bool:
    """A motion or an amendment is put before an organ by its presiding officer, a member's
    council, a delegate sitting in it, or the secretariat preparing the organ's papers (P4):
    a draft commits no one; only the delegates' votes adopt it."""
    kind, name = actors.split(command.actor)
    if command.actor in _procedural(state, organ):
        return True
    if kind == "council":
        return name in state.members
    return _sits(state, command.actor, organ, None)


def _procedural(state: FederationState, organ: str | None) -> set[str]:
    return {actors.SECRETARIAT, *_presiding(state, organ)}


def registrar(principal: str, for_member: str | None) -> str | None:
    """Who registers a key for `principal`: a member's congress for its council and itself,
    a member's council for its delegates, the secretariat for the union's offices, the
    inspection for itself (no official can re-key the inspection, P16); None for a name that
    is no principal's."""
    kind, name = actors.split(principal)
    if kind == "congress" or principal == actors.INSPECTION:
        return principal
    if kind == "council":
        return actors.congress(name)
    if kind == "person":
        return actors.council(for_member) if for_member is not None else None
    if kind == "organ" or principal in (actors.SECRETARIAT, actors.LOG):
        return actors.SECRETARIAT
    return None


def may_register(
    state: FederationState, actor: str, principal: str, for_member: str | None
) -> bool:
    """Whether `actor` may register a key for `principal` (see `registrar`)."""
    by = registrar(principal, for_member)
    return by is not None and actor == by


def _may_revoke(state: FederationState, command: RevokeKey) -> bool:
    record = state.keys.get(command.key_id)
    if record is None:
        return True  # the rule refuses an unknown key with its own reason
    return command.actor == record.principal or may_register(
        state, command.actor, record.principal, record.for_member
    )


def _appoints(state: FederationState, actor: str, office_id: str) -> bool:
    """The organ whose vote fills and empties a named office, or the secretariat recording
    its act (P15); for an office the charter lacks, the rule says so."""
    office = state.charter.offices.office(office_id) if state.charter else None
    if office is None:
        return True
    return actor in (actors.SECRETARIAT, actors.organ(office.appointed_by or office.organ))


def _speaks(state: FederationState, actor: str, language: str) -> bool:
    """Whether `actor` is the council of a member with `language` as an official one."""
    kind, name = actors.split(actor)
    record = state.members.get(name)
    return kind == "council" and record is not None and language in record.languages


def _certifies(state: FederationState, actor: str, language: str) -> bool:
    return any(
        actor == certifier(state.languages, m, language)
        for m, r in state.members.items()
        if language in r.languages
    )


_OWN_COUNCIL = N_("the member's own council")
_LANGUAGE_RULES: dict[type[Command], Who] = {
    AdoptLanguageRules: Who("P14", _OWN_COUNCIL, lambda s, c: c.actor == actors.council(c.member)),
    DesignateCertifier: Who("P14", _OWN_COUNCIL, lambda s, c: c.actor == actors.council(c.member)),
    WaiveVersions: Who("P14", _OWN_COUNCIL, lambda s, c: c.actor == actors.council(c.member)),
    SubmitVersion: Who(
        "P14",
        N_("the union's translators (the secretariat) or a member whose official language it is"),
        lambda s, c: c.actor == actors.SECRETARIAT or _speaks(s, c.actor, c.language),
    ),
    CertifyVersion: Who(
        "P14",
        N_("the certifier a member designates for that language (by default its council)"),
        lambda s, c: _certifies(s, c.actor, c.language),
    ),
    FileOriginal: Who(
        "P14",
        N_("the principal that signed that command"),
        lambda s, c: s.languages.signers.get(c.of_command, c.actor) == c.actor,
    ),
    SendCorrespondence: Who(
        "P14",
        N_("the writing organ's presiding officer or the secretariat"),
        lambda s, c: c.actor in (actors.organ(c.organ), actors.SECRETARIAT),
    ),
}

RULES: dict[type[Command], Who] = {
    AdoptCharter: Who("P1", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT),
    FoundUnion: Who("P1", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT),
    DecideAccession: Who(
        "P2",
        "the candidate's own congress",
        lambda s, c: c.actor == actors.congress(c.candidate.id),
        decider_explains=True,
    ),
    ProposeAdmission: Who(
        "P4",
        "the secretariat, the organ's presiding officer, a member's council or a delegate",
        lambda s, c: _mover(s, c, s.charter.accession.decided_by if s.charter else None),
    ),
    DecideSecession: Who(
        "P3", "the member's own congress", lambda s, c: c.actor == actors.congress(c.member)
    ),
    WithdrawSecession: Who(
        "P3", "the member's own congress", lambda s, c: c.actor == actors.congress(c.member)
    ),
    ObstructSecession: Who(
        "P3", "a union organ", lambda s, c: _kind(c.actor) in ("organ", "secretariat")
    ),
    Settle: Who("P18", "any registered principal", lambda s, c: True),
    AppointDelegate: Who(
        "P4",
        "the member's own council",
        lambda s, c: c.actor == actors.council(c.member),
        decider_explains=True,
    ),
    RecallDelegate: Who(
        "P4", "the member's own council", lambda s, c: c.actor == actors.council(c.member)
    ),
    ConveneSession: Who(
        "P4",
        "the secretariat or the organ's presiding officer",
        lambda s, c: c.actor in _procedural(s, c.organ),
    ),
    DraftMotion: Who(
        "P4",
        "the secretariat, the organ's presiding officer, a member's council or a delegate",
        lambda s, c: _mover(s, c, c.organ),
    ),
    ProposeAmendment: Who(
        "P4",
        "the secretariat, the organ's presiding officer, a member's council or a delegate",
        lambda s, c: _mover(s, c, _organ_of_act(s, c.motion)),
    ),
    TableMotion: Who(
        "P4",
        N_(
            "the secretariat, the organ's presiding officer, or a member's council (a delegate, "
            "where the charter allows) sitting in the organ"
        ),
        lambda s, c: may_table(s, c.actor, _organ_of_act(s, c.motion), c.day),
    ),
    CountVotes: Who(
        "P4",
        "the secretariat or the organ's presiding officer",
        lambda s, c: c.actor in _procedural(s, _organ_of_act(s, c.motion)),
    ),
    PublishAct: Who(
        "P4",
        "the secretariat or the organ's presiding officer",
        lambda s, c: c.actor in _procedural(s, _organ_of_act(s, c.act)),
    ),
    CastVote: Who(
        "P4",
        "a delegate sitting for that member in that organ",
        lambda s, c: _sits(s, c.actor, _organ_of_act(s, c.motion), c.member),
        decider_explains=True,
    ),
    BindResolution: Who("P9", "a union organ", lambda s, c: _kind(c.actor) == "organ"),
    FileAppeal: Who(
        "P6",
        "the member's own council or a delegate sitting for it",
        lambda s, c: (
            c.actor == actors.council(c.member) or _sits(s, c.actor, _council_organ(s), c.member)
        ),
        decider_explains=True,
    ),
    RequestInstructions: Who(
        "P8", "the addressee's own council", lambda s, c: c.actor == actors.council(c.member)
    ),
    ReportCompliance: Who(
        "P8", "the addressee's own council", lambda s, c: c.actor == actors.council(c.member)
    ),
    GiveInstructions: Who(
        "P8",
        "the issuing organ's presiding officer",
        lambda s, c: c.actor == actors.organ(_organ_of_act(s, c.directive) or ""),
    ),
    ProposeDepartment: Who(
        "P7",
        "the secretariat, the union council's presiding officer or a member's council",
        lambda s, c: (
            c.actor in (actors.SECRETARIAT, actors.organ(_council_organ(s)))
            or _kind(c.actor) == "council"
        ),
    ),
    ConsentToDepartment: Who(
        "P7", "the member's own council", lambda s, c: c.actor == actors.council(c.member)
    ),
    AppointRepresentative: Who(
        "P7",
        "the secretariat, the department or the union council's presiding officer",
        lambda s, c: (
            c.actor
            in (actors.SECRETARIAT, actors.organ(c.department), actors.organ(_council_organ(s)))
        ),
    ),
    AssignStaff: Who(
        "P7",
        "the secretariat, the department or the union council's presiding officer",
        lambda s, c: (
            c.actor
            in (actors.SECRETARIAT, actors.organ(c.department), actors.organ(_council_organ(s)))
        ),
    ),
    SetCompetence: Who("P10", "a union organ", lambda s, c: True),
    RegisterKey: Who(
        "P4",
        "the body that answers for that principal",
        lambda s, c: may_register(s, c.actor, c.principal, c.for_member),
    ),
    RevokeKey: Who("P4", "the key's holder or the body that registered it", _may_revoke),
    AppointOfficial: Who(
        "P15",
        "the organ that appoints to that office, or the secretariat",
        lambda s, c: _appoints(s, c.actor, c.office),
    ),
    RemoveOfficial: Who(
        "P15",
        "the organ that appoints to that office, or the secretariat",
        lambda s, c: _appoints(s, c.actor, c.office),
    ),
    **_LANGUAGE_RULES,
    **{cls: Who(*entry) for cls, entry in INSPECTION_WHO.items()},
}


def authorize(state: FederationState, command: Command) -> Refusal | None:
    """Why `command.actor` may not issue this command, or None when it may."""
    refusal = _unauthorized(state, command)
    return None if refusal is None else refusal.by_actor()


def of_actor(state: FederationState, command: Command, refusal: Refusal) -> Refusal:
    """A decider's `refusal`, marked as one of who acts when the table excludes the actor
    (a decider that explains its own check words that refusal itself)."""
    who = RULES.get(type(command))
    if who is not None and who.decider_explains and not who.allows(state, command):
        return refusal.by_actor()
    return refusal


def _unauthorized(state: FederationState, command: Command) -> Refusal | None:
    who = RULES.get(type(command))
    if who is None:
        return Refusal.of("P1", N_("no one may issue {command}"), command=type(command).__name__)
    if who.decider_explains or who.allows(state, command):
        return None
    if isinstance(command, DecideSecession | WithdrawSecession):
        return Refusal.of(
            "P3",
            N_(
                "secession is decided by {member}'s own congress; "
                "{actor} cannot decide, block or condition it"
            ),
            member=command.member,
            actor=command.actor,
        )
    name = type(command).__name__
    return Refusal.of(
        who.principle,
        N_("{command} is for {who}; {actor} cannot issue it"),
        command=name,
        who=who.description,
        actor=command.actor,
    )
