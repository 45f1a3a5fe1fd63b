from __future__ import annotations

from fractions import Fraction

import pytest

from isonomia.voting.decision_rules import (
    Choice,
    ConcernedVeto,
    CountingRule,
    DoubleMajority,
    Member,
    QualifiedMajority,
    Quorum,
    Result,
    SimpleMajority,
    SuspensiveObjection,
    Unanimity,
)
from isonomia.voting.errors import VotingError

Y, N, A = Choice.YES, Choice.NO, Choice.ABSTAIN


def eu(n: int = 27) -> list[Member]:
    return [Member(f"m{i}", 1, population=10) for i in range(n)]


def test_simple_majority_counts_only_weight_cast():
    members = [Member("a", 3), Member("b", 2), Member("c", 4)]
    outcome = SimpleMajority().decide(members, {"a": Y, "b": N, "c": A})
    assert outcome.result is Result.PASSED
    assert outcome.tally.abstain == 4
    assert SimpleMajority().decide(members, {"a": Y, "b": N, "c": N}).result is Result.REJECTED


def test_qualified_majority_is_a_share_of_total_weight():
    members = [Member("a", 2), Member("b", 1), Member("c", 1)]
    rule = QualifiedMajority(Fraction(3, 4))
    assert rule.decide(members, {"a": Y, "b": Y}).passed
    assert not rule.decide(members, {"a": Y, "c": A}).passed


def test_double_majority_passes_without_population_when_fewer_than_four_can_block():
    members = [Member("big", 1, 100), *[Member(f"s{i}", 1, 1) for i in range(19)]]
    rule = DoubleMajority(Fraction(55, 100), Fraction(65, 100), min_blocking=4)
    votes = {f"s{i}": Y for i in range(17)}  # 17 yes, 3 not yes, population far short
    outcome = rule.decide(members, votes)
    assert outcome.passed and "blocking" in outcome.reason
    votes.pop("s16")  # now 4 members do not vote yes: they block
    assert rule.decide(members, votes).result is Result.REJECTED


def test_double_majority_needs_both_shares_otherwise():
    members = eu(27)
    rule = DoubleMajority()
    yes_15 = {f"m{i}": Y for i in range(15)}
    assert not rule.decide(members, yes_15).passed  # 150/270 < 65 %
    yes_18 = {f"m{i}": Y for i in range(18)}
    assert rule.decide(members, yes_18).passed  # 180/270 >= 65 %
    yes_14 = {f"m{i}": Y for i in range(14)}
    assert not rule.decide(members, yes_14).passed


def test_unanimity_is_broken_by_one_objection():
    members = eu(3)
    assert Unanimity().decide(members, {"m0": Y, "m1": Y, "m2": A}).passed
    assert not Unanimity(abstention_blocks=True).decide(members, {"m0": Y, "m1": Y, "m2": A}).passed
    assert not Unanimity().decide(members, {"m0": Y, "m1": Y, "m2": N}).passed


def test_concerned_member_vetoes_a_national_question():
    members = eu(5)
    rule = ConcernedVeto(frozenset({"m4"}))
    votes = {"m0": Y, "m1": Y, "m2": Y, "m3": Y, "m4": N}
    outcome = rule.decide(members, votes)
    assert outcome.result is Result.REJECTED and "m4" in outcome.reason
    votes["m4"] = A
    assert rule.decide(members, votes).passed


def test_suspensive_objection_suspends_instead_of_rejecting():
    members = eu(5)
    rule: CountingRule = SuspensiveObjection(frozenset({"m4"}), QualifiedMajority(Fraction(1, 2)))
    outcome = rule.decide(members, {"m0": Y, "m1": Y, "m2": Y, "m4": N})
    assert outcome.result is Result.SUSPENDED and "m4" in outcome.reason


def test_quorum_of_members_or_weight():
    members = [Member("a", 5), Member("b", 1), Member("c", 1)]
    by_members = SimpleMajority(Quorum(members_share=Fraction(2, 3)))
    assert by_members.decide(members, {"a": Y}).result is Result.NO_QUORUM
    by_weight = SimpleMajority(Quorum(weight_share=Fraction(1, 2)))
    assert by_weight.decide(members, {"a": Y}).passed


def test_votes_from_non_members_are_refused():
    with pytest.raises(VotingError, match="non-members"):
        SimpleMajority().decide(eu(2), {"x": Y})
