"""Admission (P2, P4, P12): once a candidate's own congress has decided to join, the organ the
charter names (`[accession] decided_by`) decides by a motion, voted by its delegations
themselves and counted by the charter's accession rule (`rules/votes.py`). No command
asserts the members' votes: the count reads the votes their delegates cast.

This module says when such a motion may be drafted and what its count records beside the
motion's outcome: `MemberAdmitted` (and `DepartmentJoined` for the departments the candidate
chose to join) or `AdmissionRejected`.
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import Charter, DecisionRule
from isonomia.domain import (
    ADMISSION_FIELD,
    Act,
    ActKind,
    AdmissionRejected,
    Candidacy,
    DepartmentJoined,
    Event,
    FederationState,
    Force,
    MemberAdmitted,
    MotionDrafted,
    ProposeAdmission,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.motions import has_standing
from isonomia.rules.organs import VOTING_ORGANS, founded, organ_of
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, mover


def awaiting_admission(state: FederationState, candidate: str, day: date) -> Refusal | None:
    """Why `candidate` has no decision of its own congress awaiting admission on `day`, or
    None (P2, P5)."""
    if candidate not in state.candidates:
        if state.is_member(candidate, day):
            return Refusal.of("P2", N_("{candidate} is already a member"), candidate=candidate)
        return Refusal.of(
            "P2",
            N_(
                "{candidate} has no decision of its own congress to join awaiting admission: "
                "none is recorded, or the one recorded was already decided on (after a "
                "rejection, its congress decides anew)"
            ),
            candidate=candidate,
        )
    if (candidate, day) in state.seats:
        return Refusal.of(
            "P5",
            N_("{candidate} left on {day}; it can rejoin from the next day"),
            candidate=candidate,
            day=day,
        )
    return None


def accession_rule(charter: Charter) -> DecisionRule:
    """The rule an admission is counted by (the charter's cross-checks guarantee it)."""
    rule = charter.rule(charter.accession.decision_rule)
    assert rule is not None
    return rule


@decides(
    ProposeAdmission,
    who=Who(
        "P4",
        "the secretariat, the organ's presiding officer, a member's council or a delegate",
        lambda s, c: mover(s, c, s.charter.accession.decided_by if s.charter else None),
    ),
)
def propose_admission(state: FederationState, command: ProposeAdmission) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    organ = organ_of(charter, charter.accession.decided_by)
    if isinstance(organ, Refusal):
        return organ
    if organ.kind not in VOTING_ORGANS:
        return Refusal.of(
            "P4",
            N_("{organ} is a {kind}; it votes on no motions"),
            organ=organ.id,
            kind=organ.kind.value,
        )
    if not has_standing(state, command.actor, organ, command.day):
        return Refusal.of(
            "P4",
            N_("{actor} has no standing to move a motion in {organ}"),
            actor=command.actor,
            organ=organ.id,
        )
    if command.motion in state.acts:
        return Refusal.of("P4", N_("there is already a motion {motion}"), motion=command.motion)
    waiting = awaiting_admission(state, command.candidate, command.day)
    if waiting is not None:
        return waiting
    candidacy = state.candidates[command.candidate]
    if candidacy.motion is not None:
        return Refusal.of(
            "P2",
            N_("the admission of {candidate} is already moved, by motion {motion}"),
            candidate=command.candidate,
            motion=candidacy.motion,
        )
    return [
        MotionDrafted(
            motion=command.motion,
            organ=organ.id,
            organ_kind=organ.kind.value,
            title=f"Admission of {candidacy.candidate.name}",
            text=_terms(candidacy),
            field=ADMISSION_FIELD,
            kind=ActKind.DECISION.value,
            force=Force.MANDATORY.value,
            addressees=[],
            ruling=None,
            competence_changes={},
            drafted_by=command.actor,
            drafted_on=command.day,
            admission=command.candidate,
        )
    ]


def _terms(candidacy: Candidacy) -> str:
    """The motion's text: the candidate and the terms its own congress chose (P2)."""
    c = candidacy.candidate
    fields = ", ".join(candidacy.accepts_fields) or "none"
    departments = ", ".join(candidacy.joins_departments) or "none"
    return (
        f"{c.name} is admitted to the union on the terms its {c.congress} decided on "
        f"{candidacy.decided_on}: joint fields accepted: {fields}; joint departments "
        f"joined: {departments}."
    )


def admission_problem(state: FederationState, act: Act, day: date) -> Refusal | None:
    """Why the admission motion `act` cannot be counted on `day`, or None (P2, P5)."""
    candidate = act.admission
    assert candidate is not None
    waiting = awaiting_admission(state, candidate, day)
    if waiting is not None:
        return waiting
    if state.candidates[candidate].motion != act.id:
        return Refusal.of(
            "P2",
            N_("motion {act} does not decide {candidate}'s present decision to join"),
            act=act.id,
            candidate=candidate,
        )
    return None


def admission_effects(
    state: FederationState, act: Act, day: date, passed: bool, counted: dict[str, object]
) -> list[Event]:
    """What counting an admission motion records beside its outcome: the candidate admitted,
    with the departments it chose to join (P2, P5, P7), or rejected."""
    candidate = act.admission
    assert candidate is not None
    common = {
        "member": candidate,
        "decided_by": act.organ,
        "decision_rule": counted["decision_rule"],
        "votes": counted["votes"],
        "motion": act.id,
    }
    if not passed:
        return [AdmissionRejected(rejected_on=day, reason=counted["reason"], **common)]
    joins = state.candidates[candidate].joins_departments
    return [
        MemberAdmitted(admitted_on=day, **common),
        *(DepartmentJoined(department=d, member=candidate, joined_on=day) for d in joins),
    ]
