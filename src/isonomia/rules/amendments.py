"""Amendments of the charter's settings (P10, P12): what a charter-amendment motion may
change, the safeguards its charter must hold on the members of the day to be adopted, the
day it takes effect, and the admissions the rules in force would let a member decide alone.

A charter-amendment motion may carry `charter_changes`, a fragment of the charter merged
over it (`charter/amend.py`): decision rules and their weights, the amendment and accession
rules, notice, the national question, organs... It is validated as a whole charter when it
is drafted, and again when it is counted. A change that breaks P12's safeguards can be
proposed, but its count refuses to adopt it, naming the member and the rule. An adopted
amendment takes effect on its `effective_on` day (on adoption when none is given, or when
that day has passed): from that day the rules decide by the charter it made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from isonomia.charter.amend import amended
from isonomia.charter.load import CharterInvalid
from isonomia.charter.model import Charter
from isonomia.domain import (
    Act,
    CharterAmended,
    CharterAmendmentTookEffect,
    Event,
    FederationState,
    MemberRecord,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.counting import breaches_of

__all__ = [
    "admission_problem_p12",
    "amendment_base",
    "changed_charter",
    "charter_effects",
    "charters_due",
    "draft_problem",
]


def amendment_base(state: FederationState) -> Charter:
    """The charter an amendment's changes are merged over: the last one adopted, whether or
    not it has taken effect yet (amendments apply in the order of their adoption)."""
    if state.charter_versions:
        return state.charter_versions[-1].charter
    assert state.charter is not None
    return state.charter


def changed_charter(
    state: FederationState, changes: Mapping[str, Any]
) -> tuple[Charter, dict[str, Any]] | Refusal:
    """The charter `changes` make, and its data, or why they make none (P10)."""
    try:
        return amended(amendment_base(state), changes, members=state.members.keys())
    except CharterInvalid as error:
        return Refusal.of(
            "P10",
            N_("the amended charter is not valid: {summary}: {lines}"),
            summary=error.summary(),
            lines="; ".join(error.lines()),
        )


def draft_problem(
    state: FederationState, changes: Mapping[str, Any], effective_on: date | None, day: date
) -> Refusal | None:
    """Why a charter amendment with these changes cannot be drafted on `day` (P10). A change
    that breaks the safeguards may be drafted: its audit shows it, its count refuses it."""
    if effective_on is not None and effective_on < day:
        return Refusal.of(
            "P10",
            N_("an amendment takes effect on or after the day it is drafted, not on {day}"),
            day=effective_on,
        )
    if effective_on is not None and not changes:
        return Refusal.of(
            "P10", N_("only an amendment of the charter's settings has a day of effect")
        )
    if not changes:
        return None
    made = changed_charter(state, changes)
    return made if isinstance(made, Refusal) else None


def safeguard_breaches(charter: Charter, members: Sequence[MemberRecord]) -> list[str]:
    """Every way `charter`'s decision rules break its safeguards for these members (P12)."""
    voters = [(m.id, m.population) for m in members]
    return [b for rule in charter.decision_rules for b in breaches_of(charter, rule, voters)]


def charter_effects(state: FederationState, act: Act, day: date) -> list[Event] | Refusal:
    """What adopting the amendment `act` on `day` records of its charter changes: the charter
    it makes, taking effect on its day (at once when that day has come), or why it cannot be
    adopted: its charter is not valid, it breaks the safeguards on the members of the day
    (P12), or an amendment adopted before it takes effect later (P10)."""
    if not act.charter_changes:
        return []
    made = changed_charter(state, act.charter_changes)
    if isinstance(made, Refusal):
        return made
    charter, data = made
    breaches = safeguard_breaches(charter, state.members_on(day))
    if breaches:
        return Refusal.of(
            "P12",
            N_(
                "amendment {motion} would break the charter's safeguards with the members of "
                "the day: {breaches}; it can be proposed, not adopted"
            ),
            motion=act.id,
            breaches="; ".join(breaches),
        )
    effective_on = max(act.effective_on or day, day)
    later = [
        v for v in state.charter_versions if not v.took_effect and v.effective_on > effective_on
    ]
    if later:
        return Refusal.of(
            "P10",
            N_(
                "amendment {earlier}, adopted before, takes effect on {on}; amendment {motion} "
                "cannot take effect before it"
            ),
            earlier=later[0].motion,
            on=later[0].effective_on,
            motion=act.id,
        )
    events: list[Event] = [
        CharterAmended(
            motion=act.id,
            changes=dict(act.charter_changes),
            charter=data,
            adopted_on=day,
            effective_on=effective_on,
        )
    ]
    if effective_on <= day:
        events.append(CharterAmendmentTookEffect(motion=act.id, took_effect_on=effective_on))
    return events


def charters_due(state: FederationState, day: date) -> list[Event]:
    """The adopted amendments whose day has come by `day`, taking effect (P10)."""
    return [
        CharterAmendmentTookEffect(motion=v.motion, took_effect_on=v.effective_on)
        for v in state.charter_versions
        if not v.took_effect and v.effective_on <= day
    ]


def admission_problem_p12(state: FederationState, candidate: str, day: date) -> Refusal | None:
    """Why admitting `candidate` on `day` would let a member pass or block alone (or hold
    more power than the cap) under a rule in force that holds the safeguards without it
    (P12), or None. An amendment restoring the safeguards, adopted and in effect by that
    day, lets the admission through; a rule that already fails them (a union frozen by a
    departure) waits for an amendment whoever joins."""
    charter = state.charter
    assert charter is not None
    joining = state.candidates[candidate].candidate
    voters = [(m.id, m.population) for m in state.members_on(day)]
    after = [*voters, (joining.id, joining.population)]
    breaches = [
        breach
        for rule in charter.decision_rules
        if not breaches_of(charter, rule, voters)
        for breach in breaches_of(charter, rule, after)
    ]
    if not breaches:
        return None
    return Refusal.of(
        "P12",
        N_(
            "admitting {candidate} would break the safeguards under the rules in force: "
            "{breaches}; it is admitted only with an amendment restoring them, adopted and in "
            "effect by the day of admission"
        ),
        candidate=candidate,
        breaches="; ".join(breaches),
    )
