"""The seam through which every union body counts its votes (P12).

A charter's decision rule becomes a rule of the voting engine (`isonomia.voting`): the
members, with the weights the rule gives them and their populations, and their votes,
whole (``yes``/``no``/``abstain``) or a delegation split between them. Organs call `count`;
they never count by hand, so a new rule in the engine reaches every organ at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from isonomia.charter.model import Charter, DecisionRule, RuleKind, Safeguards
from isonomia.domain import MemberRecord
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.weights import integer_weights
from isonomia.voting.decision_rules import (
    Choice,
    DoubleMajority,
    Member,
    Outcome,
    QualifiedMajority,
    SimpleMajority,
    Split,
    Unanimity,
)
from isonomia.voting.decision_rules import CountingRule as EngineRule

MemberVote = str | Split

_CHOICES = {"yes": Choice.YES, "no": Choice.NO, "abstain": Choice.ABSTAIN}


@dataclass(frozen=True)
class Count:
    passed: bool
    reason: str
    outcome: Outcome | None = None


def _share(value: float | None, default: str) -> Fraction:
    return Fraction(str(value)) if value is not None else Fraction(default)


def engine_rule(rule: DecisionRule) -> EngineRule:
    """The voting engine's rule for a charter's decision rule."""
    match rule.kind:
        case RuleKind.SIMPLE_MAJORITY:
            return SimpleMajority()
        case RuleKind.QUALIFIED_MAJORITY:
            return QualifiedMajority(share=_share(rule.threshold, "1/2"))
        case RuleKind.DOUBLE_MAJORITY:
            return DoubleMajority(
                members_share=_share(rule.members_share, "1/2"),
                population_share=_share(rule.population_share, "1/2"),
                min_blocking=rule.min_blocking or 0,
            )
        case RuleKind.UNANIMITY:
            return Unanimity(abstention_blocks=True)
    raise ValueError(f"unknown rule {rule.kind}")


def engine_members(rule: DecisionRule, members: Sequence[MemberRecord]) -> list[Member]:
    ids = [m.id for m in members]
    weights = integer_weights(rule, ids, [m.population for m in members])
    return [Member(m.id, w, m.population) for m, w in zip(members, weights, strict=True)]


def count(
    rule: DecisionRule,
    members: Sequence[MemberRecord],
    votes: Mapping[str, MemberVote],
    protect: Callable[[EngineRule], EngineRule] | None = None,
) -> Count:
    """Count member votes by the rule; members missing from `votes` are absent. `protect`
    wraps the engine's rule (a concerned member's veto or objection on a national question)."""
    engine_votes = {
        member: _CHOICES[vote] if isinstance(vote, str) else vote for member, vote in votes.items()
    }
    engine = engine_rule(rule)
    if protect is not None:
        engine = protect(engine)
    outcome = engine.decide(engine_members(rule, members), engine_votes)
    return Count(outcome.passed, outcome.reason, outcome)


def unsound_rule(
    charter: Charter, rule: DecisionRule, members: Sequence[MemberRecord]
) -> Refusal | None:
    """Refuse a binding vote under a rule that breaks the safeguards for these members (P12).

    A rule that was sound for the founders can stop being sound when members leave or join,
    so it is audited again on the members of the day of the vote.
    """
    voters = tuple((m.id, m.population) for m in members)
    breaches = _breaches(charter.safeguards.model_dump_json(), rule.model_dump_json(), voters)
    if not breaches:
        return None
    return Refusal.of(
        "P12",
        N_(
            "rule '{rule}' no longer holds the safeguards with the members of the day: "
            "{breaches}; binding votes under it wait for a charter amendment"
        ),
        rule=rule.id,
        breaches="; ".join(breaches),
    )


def breaches_of(
    charter: Charter, rule: DecisionRule, voters: Sequence[tuple[str, int]]
) -> list[str]:
    """How `rule` breaks `charter`'s safeguards for these voters, each a member's id and
    population (P12); empty when it holds them."""
    safeguards = charter.safeguards.model_dump_json()
    return list(_breaches(safeguards, rule.model_dump_json(), tuple(voters)))


@lru_cache(maxsize=256)
def _breaches(safeguards: str, rule: str, voters: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    # Imported here: the power audit needs numpy, loaded only by commands that count votes.
    from isonomia.rules.power import Voter, rule_breaches

    return tuple(
        rule_breaches(
            Safeguards.model_validate_json(safeguards),
            DecisionRule.model_validate_json(rule),
            [Voter(i, p) for i, p in voters],
        )
    )
