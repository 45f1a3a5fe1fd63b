"""Challenges of drawn commissioners (P17): each party of a case may challenge a sitting
commissioner once in a round, with grounds; the inspectors who are neither challenged in the
case nor its parties rule on it, each on their own signature, and a majority of them decides.
An upheld challenge recuses the commissioner and draws the seat again from the case's seed
(`rules.inspection_lot`), the others keeping theirs.
"""

from __future__ import annotations

from datetime import date

from isonomia.domain import FederationState, actors
from isonomia.domain.base import Event
from isonomia.domain.inspection import CommissionDrawn
from isonomia.domain.inspection_book import OPEN, Case, Challenge
from isonomia.domain.inspection_lot import (
    ChallengeCommissioner,
    ChallengeDecided,
    ChallengeRuled,
    CommissionerChallenged,
    RuleOnChallenge,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.sealing import upheld_recusal
from isonomia.rules.inspection_draw import draw, eligible, recusals
from isonomia.rules.inspection_lot import (
    INSPECTOR,
    PARTY,
    _case,
    _challenged,
    _parties,
    challenge_voters,
)
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

__all__ = ["redraw_seat"]


def _may_challenge(state: FederationState, command: ChallengeCommissioner) -> bool:
    case = state.inspection.cases.get(command.case)
    return case is not None and command.actor in _parties(case)


@decides(ChallengeCommissioner, who=Who("P17", PARTY, _may_challenge, decider_explains=True))
def challenge_commissioner(state: FederationState, command: ChallengeCommissioner) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    if command.actor not in _parties(case):
        return Refusal.of(
            "P17",
            N_("{actor} is not a party of case {case} and cannot challenge its commission"),
            actor=command.actor,
            case=case.id,
        )
    if case.status != OPEN:
        return Refusal.of("P17", N_("case {case} has no sitting commission"), case=case.id)
    if case.challenge(command.challenge) is not None:
        return Refusal.of(
            "P17",
            N_("case {case} already has a challenge {challenge}"),
            case=case.id,
            challenge=command.challenge,
        )
    if command.person not in case.commission:
        return Refusal.of(
            "P17",
            N_("{person} does not sit on the commission of case {case}"),
            person=command.person,
            case=case.id,
        )
    if any(
        c.party == command.actor and c.person == command.person and c.round == case.round
        for c in case.challenges
    ):
        return Refusal.of(
            "P17",
            N_("{actor} has already challenged {person} in case {case}"),
            actor=command.actor,
            person=command.person,
            case=case.id,
        )
    return [
        CommissionerChallenged(
            case=case.id,
            round=case.round,
            challenge=command.challenge,
            party=command.actor,
            person=command.person,
            grounds=command.grounds,
            challenged_on=command.day,
        )
    ]


def _may_rule(state: FederationState, command: RuleOnChallenge) -> bool:
    case = state.inspection.cases.get(command.case)
    kind, name = actors.split(command.actor)
    return (
        case is not None and kind == "person" and name in challenge_voters(state, case, command.day)
    )


@decides(RuleOnChallenge, who=Who("P17", INSPECTOR, _may_rule, decider_explains=True))
def rule_on_challenge(state: FederationState, command: RuleOnChallenge) -> Decision:
    case = _case(state, command.case)
    if isinstance(case, Refusal):
        return case
    challenge = case.challenge(command.challenge)
    if challenge is None:
        return Refusal.of(
            "P17",
            N_("case {case} has no challenge {challenge}"),
            case=case.id,
            challenge=command.challenge,
        )
    kind, person = actors.split(command.actor)
    if kind != "person" or person not in eligible(state, command.day):
        return Refusal.of(
            "P16",
            N_("{actor} does not sit in the inspection and cannot rule on challenges"),
            actor=command.actor,
        )
    if person in _challenged(case):
        return Refusal.of(
            "P17",
            N_("{person} is challenged in case {case} and cannot rule on its challenges"),
            person=person,
            case=case.id,
        )
    if person in case.charged or person == case.complainant_person():
        return Refusal.of(
            "P17", N_("{person} is a party of case {case}"), person=person, case=case.id
        )
    if challenge.upheld is not None:
        return Refusal.of(
            "P17", N_("challenge {challenge} is already decided"), challenge=challenge.id
        )
    if any(p == person for p, _ in challenge.rulings):
        return Refusal.of(
            "P17",
            N_("{person} has already ruled on challenge {challenge}"),
            person=person,
            challenge=challenge.id,
        )
    ruled = ChallengeRuled(
        case=case.id,
        challenge=challenge.id,
        person=person,
        upheld=command.upheld,
        ruled_on=command.day,
    )
    return [ruled, *_decision(state, case, challenge, person, command.upheld, command.day)]


def _decision(
    state: FederationState, case: Case, challenge: Challenge, person: str, upheld: bool, on: date
) -> list[Event]:
    """The challenge decided, once a majority of the inspectors who may rule agree (more
    than half uphold it; or enough reject it that it can no longer be upheld); an upheld
    challenge redraws the seat."""
    voters = challenge_voters(state, case, on)
    rulings = [(p, u) for p, u in challenge.rulings if p in voters] + [(person, upheld)]
    yes = sum(1 for _, u in rulings if u)
    no = len(rulings) - yes
    if yes * 2 > len(voters):
        decided = True
    elif no * 2 >= len(voters):
        decided = False
    else:
        return []
    events: list[Event] = [
        ChallengeDecided(
            case=case.id,
            challenge=challenge.id,
            upheld=decided,
            voters=voters,
            upheld_by=yes,
            rejected_by=no,
            decided_on=on,
        )
    ]
    if decided and case.status == OPEN and challenge.person in case.commission:
        events.append(redraw_seat(state, case, challenge, on))
    return events


def redraw_seat(
    state: FederationState, case: Case, challenge: Challenge, on: date
) -> CommissionDrawn:
    """The challenged commissioner recused; the seat drawn again from the case's seed, the
    next by lot who is eligible and not recused (no one, when no one is left)."""
    assert case.seed is not None
    reason = upheld_recusal(challenge.id, challenge.party, challenge.grounds)
    recused = dict(case.recused) | {challenge.person: reason}
    keep = [p for p in case.commission if p != challenge.person]
    pool = eligible(state, on)
    excluded = {*recusals(state, case, on), *recused, *keep}
    return CommissionDrawn(
        case=case.id,
        round=case.round,
        seed=case.seed,
        eligible=pool,
        recused=[[p, r] for p, r in sorted(recused.items())],
        commission=[*keep, *draw(case.seed, pool, excluded, 1)],
        drawn_on=on,
    )
