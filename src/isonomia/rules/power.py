"""Voting power under the charter's decision rules, and the safeguards of P12.

Each decision rule of the charter becomes a simple game over the members (weights and a
quota, or a double majority with its blocking clause). Its Banzhaf and Shapley–Shubik
indices (P13) show who really decides. The safeguards: unless the rule is unanimity, no
single member can pass or block a decision alone, and none holds more Banzhaf power than
the charter's cap.

The indices are counted exactly on the real populations; when a large union makes that
table too wide, the counting engine works on populations in thousands instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from isonomia.charter.model import (
    Charter,
    DecisionRule,
    OrganKind,
    RuleKind,
    Safeguards,
    WeightKind,
)
from isonomia.domain import phrases
from isonomia.domain.phrases import fill
from isonomia.rules.seat_votes import seat_rule
from isonomia.rules.seats import apportioned
from isonomia.rules.weights import integer_weights
from isonomia.voting.errors import VotingError
from isonomia.voting.games import DoubleMajorityGame, WeightedGame
from isonomia.voting.power import PowerIndices, power_indices


@dataclass(frozen=True)
class Voter:
    """A member as the audit sees it."""

    id: str
    population: int


@dataclass(frozen=True)
class MemberPower:
    id: str
    population_share: float
    weight_share: float
    equal_share: float
    banzhaf: float
    shapley_shubik: float


@dataclass(frozen=True)
class RulePower:
    rule: str
    kind: str
    description: str
    members: list[MemberPower]
    dictator: str | None
    veto_players: list[str]
    dummies: list[str]
    breaches: list[str]
    exact: bool


def _weights(rule: DecisionRule, voters: Sequence[Voter], coarse: bool) -> tuple[int, ...]:
    return integer_weights(rule, [v.id for v in voters], [v.population for v in voters], coarse)


def _share(value: float | None, default: str) -> Fraction:
    return Fraction(str(value)) if value is not None else Fraction(default)


def game(
    rule: DecisionRule, voters: Sequence[Voter], coarse: bool = False
) -> WeightedGame | DoubleMajorityGame:
    """The simple game a decision rule defines when every member votes yes or no."""
    n = len(voters)
    if rule.kind is RuleKind.UNANIMITY:
        return WeightedGame(tuple(1 for _ in voters), n)
    if rule.kind is RuleKind.DOUBLE_MAJORITY:
        pops = [v.population for v in voters]
        if coarse:
            pops = [max(1, round(p / 1000)) for p in pops]
        return DoubleMajorityGame.from_shares(
            pops,
            _share(rule.members_share, "1/2"),
            _share(rule.population_share, "1/2"),
            rule.min_blocking or 0,
        )
    weights = _weights(rule, voters, coarse)
    total = sum(weights)
    if rule.kind is RuleKind.SIMPLE_MAJORITY:
        return WeightedGame(weights, total // 2 + 1)
    return WeightedGame(weights, max(1, math.ceil(_share(rule.threshold, "1/2") * total)))


def _indices(rule: DecisionRule, voters: Sequence[Voter]) -> tuple[PowerIndices, bool]:
    try:
        return power_indices(game(rule, voters), exact=True), True
    except VotingError:  # too wide to count on real populations: count thousands
        return power_indices(game(rule, voters, coarse=True), exact=True), False


def rule_power(charter: Charter, rule: DecisionRule, voters: Sequence[Voter]) -> RulePower:
    """Every member's share of population, weight and power under one rule, and the verdict."""
    indices, exact = _indices(rule, voters)
    ids = [v.id for v in voters]
    population = sum(v.population for v in voters) or 1
    weights = (
        [1] * len(voters) if rule.kind is RuleKind.UNANIMITY else _weights(rule, voters, False)
    )
    if rule.kind is RuleKind.DOUBLE_MAJORITY:
        weights = [1] * len(voters)  # a vote each, and the population counted beside it
    total_weight = sum(weights) or 1
    ss = indices.shapley_shubik or tuple(Fraction(0) for _ in voters)
    members = [
        MemberPower(
            id=v.id,
            population_share=v.population / population,
            weight_share=weights[i] / total_weight,
            equal_share=1 / len(voters),
            banzhaf=float(indices.banzhaf[i]),
            shapley_shubik=float(ss[i]),
        )
        for i, v in enumerate(voters)
    ]
    dictator = ids[indices.dictator] if indices.dictator is not None else None
    vetoes = [ids[i] for i in indices.veto_players]
    breaches = _verdict(charter.safeguards, rule, members, dictator, vetoes)
    return RulePower(
        rule=rule.id,
        kind=rule.kind.value,
        description=rule.description,
        members=members,
        dictator=dictator,
        veto_players=vetoes,
        dummies=[ids[i] for i in indices.dummies],
        breaches=breaches,
        exact=exact,
    )


def _verdict(
    safeguards: Safeguards,
    rule: DecisionRule,
    members: Sequence[MemberPower],
    dictator: str | None,
    vetoes: Sequence[str],
) -> list[str]:
    """How the rule breaks the safeguards for these members (P12); empty when it holds them."""
    breaches: list[str] = []
    if rule.kind is RuleKind.UNANIMITY or len(members) <= 1:
        return breaches
    if safeguards.no_single_member_decides:
        if dictator is not None:
            breaches.append(fill(phrases.PASSES_ALONE, member=dictator, rule=rule.id))
        breaches += [fill(phrases.BLOCKS_ALONE, member=m, rule=rule.id) for m in vetoes]
    cap = safeguards.max_power_share
    for m in members:
        if m.banzhaf > cap + 1e-12:
            share, most = f"{m.banzhaf:.1%}", f"{cap:.0%}"
            breaches.append(
                fill(phrases.ABOVE_CAP, member=m.id, share=share, rule=rule.id, cap=most)
            )
    return breaches


def rule_breaches(safeguards: Safeguards, rule: DecisionRule, voters: Sequence[Voter]) -> list[str]:
    """How one rule breaks the safeguards for these voters (P12); empty when it holds them."""
    if rule.kind is RuleKind.UNANIMITY or len(voters) <= 1:
        return []
    try:
        indices, _ = _indices(rule, voters)
    except VotingError as error:
        return [fill(phrases.NOT_AUDITED, rule=rule.id, error=error)]
    ids = [v.id for v in voters]
    members = [
        MemberPower(v.id, 0.0, 0.0, 0.0, float(indices.banzhaf[i]), 0.0)
        for i, v in enumerate(voters)
    ]
    dictator = ids[indices.dictator] if indices.dictator is not None else None
    vetoes = [ids[i] for i in indices.veto_players]
    return _verdict(safeguards, rule, members, dictator, vetoes)


def audit(charter: Charter, voters: Sequence[Voter] | None = None) -> list[RulePower]:
    """Power under every decision rule of the charter (for its founders unless told), and
    under the rule of each organ that apportions seats, with the seats as weights (P12):
    a consultative conference's excepted, as nothing it adopts binds (P9)."""
    voters = voters if voters is not None else founders(charter)
    result = [rule_power(charter, rule, voters) for rule in charter.decision_rules]
    for organ in charter.organs:
        config = organ.delegations
        if config is None or config.apportionment is None or organ.kind is OrganKind.CONFERENCE:
            continue
        try:
            seats = apportioned(config, [(v.id, v.population) for v in voters])
        except VotingError:
            continue  # refused where the seats are needed: at a count (P12)
        rule = seat_rule(charter.organ_rule(organ), seats)
        named = rule.model_copy(
            update={"id": f"{rule.id}-seats-{organ.id}", "description": f"seats in {organ.id}"}
        )
        result.append(rule_power(charter, named, voters))
    return result


@dataclass(frozen=True)
class NationalQuestionPower:
    """What the national question adds to the power audit (P12, P13): on acts in its fields
    or of its kinds, each member listed as concerned can block alone (a veto: on those
    acts its power to block is a dictator's), or suspend (an objection sends the act back,
    and `then_rule` decides). Members a motion's circulation names are concerned too;
    `all_members` says every member is."""

    fields: list[str]
    kinds: list[str]
    protection: str
    rule: str
    blocking: list[str]
    all_members: bool
    then_rule: str | None


def national_question_power(
    charter: Charter, voters: Sequence[Voter] | None = None
) -> list[NationalQuestionPower]:
    """The blocking power each national question the charter declares gives (P12, P13).
    A vetoing member blocks alone, as the safeguards otherwise forbid: that is the
    protection P12 grants the members concerned, so it is shown, not counted as a breach."""
    ids = [v.id for v in (voters if voters is not None else founders(charter))]
    rule = charter.organ_rule(charter.council_organ()).id
    return [
        NationalQuestionPower(
            fields=list(q.fields),
            kinds=list(q.kinds),
            protection=q.protection,
            rule=rule,
            blocking=ids if q.concerned == "all" else [m for m in ids if m in q.members],
            all_members=q.concerned == "all",
            then_rule=q.then_rule if q.protection == "suspensive" else None,
        )
        for q in charter.procedure.national_questions
    ]


def founders(charter: Charter) -> list[Voter]:
    return [Voter(m.id, m.population) for m in charter.members]


def population_majority(charter: Charter, voters: Sequence[Voter] | None = None) -> RulePower:
    """What a simple majority weighted by population would do: the comparison P12 asks for."""
    rule = DecisionRule(
        id="population-majority",
        kind=RuleKind.SIMPLE_MAJORITY,
        weights=WeightKind.POPULATION,
        description="hypothetical: simple majority, votes proportional to population",
    )
    return rule_power(charter, rule, voters if voters is not None else founders(charter))


def safeguard_breaches(charter: Charter) -> list[str]:
    """Every way the charter's own rules break its own safeguards (P12); empty when sound."""
    try:
        return [breach for result in audit(charter) for breach in result.breaches]
    except VotingError as error:
        return [f"its decision rules cannot be audited: {error}"]
