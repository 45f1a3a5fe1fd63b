"""Counting a union body's votes by one of the charter's decision rules (P12).

Votes are cast per member; a member's weight follows the rule's weighting. This is the
seam through which organs decide: it returns whether the motion passed and why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from isonomia.charter.model import DecisionRule, RuleKind, WeightKind
from isonomia.domain.state import MemberRecord


@dataclass(frozen=True)
class Count:
    passed: bool
    reason: str


def weights(rule: DecisionRule, members: Sequence[MemberRecord]) -> dict[str, float]:
    """Each member's weight under the rule."""
    match rule.weights:
        case WeightKind.EQUAL:
            return {m.id: 1.0 for m in members}
        case WeightKind.POPULATION:
            return {m.id: float(m.population) for m in members}
        case WeightKind.SQRT_POPULATION:
            return {m.id: math.sqrt(m.population) for m in members}
        case WeightKind.CUSTOM:
            return {m.id: float(rule.custom_weights.get(m.id, 0)) for m in members}
    raise ValueError(f"unknown weighting {rule.weights}")


def count(rule: DecisionRule, members: Sequence[MemberRecord], votes: Mapping[str, str]) -> Count:
    """Count member votes (``yes``/``no``/``abstain``; absent members did not vote)."""
    yes = [m for m in members if votes.get(m.id) == "yes"]
    not_yes = [m for m in members if votes.get(m.id) != "yes"]
    if rule.kind is RuleKind.UNANIMITY:
        if not not_yes:
            return Count(True, f"all {len(members)} members voted yes")
        names = ", ".join(m.id for m in not_yes)
        return Count(False, f"unanimity needed; not in favour: {names}")
    w = weights(rule, members)
    total = sum(w.values())
    yes_weight = sum(w[m.id] for m in yes)
    if rule.kind is RuleKind.SIMPLE_MAJORITY:
        no_weight = sum(w[m.id] for m in members if votes.get(m.id) == "no")
        passed = yes_weight > no_weight
        return Count(passed, f"{yes_weight:g} for, {no_weight:g} against")
    if rule.kind is RuleKind.QUALIFIED_MAJORITY:
        threshold = rule.threshold or 0.5
        share = yes_weight / total if total else 0.0
        return Count(share >= threshold, f"{share:.1%} of weight for, {threshold:.1%} needed")
    # Double majority: members and population, with a blocking minority clause.
    members_share = len(yes) / len(members) if members else 0.0
    population = sum(m.population for m in members)
    population_share = sum(m.population for m in yes) / population if population else 0.0
    need_members = rule.members_share or 0.5
    need_population = rule.population_share or 0.5
    both = members_share >= need_members and population_share >= need_population
    blocking_too_small = rule.min_blocking is not None and len(not_yes) < rule.min_blocking
    passed = members_share >= need_members and (both or blocking_too_small)
    reason = (
        f"{len(yes)}/{len(members)} members ({members_share:.0%}, {need_members:.0%} needed), "
        f"{population_share:.1%} of population ({need_population:.0%} needed)"
    )
    if passed and not both:
        reason += f"; fewer than {rule.min_blocking} members opposed, which cannot block"
    return Count(passed, reason)
