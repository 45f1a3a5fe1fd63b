"""The counting seam: a charter's rule counted by the voting engine (P12)."""

from __future__ import annotations

from builders import founded_1922
from isonomia.rules.counting import count
from isonomia.voting.decision_rules import Split

DAY = founded_1922().founded_on
assert DAY is not None


def _members():
    return founded_1922().members_on(DAY)


def _rule(rule_id: str):
    charter = founded_1922().charter
    assert charter is not None
    rule = charter.rule(rule_id)
    assert rule is not None
    return rule


def test_p12_the_largest_member_cannot_block_the_ordinary_rule_alone() -> None:
    votes = {m.id: "yes" for m in _members()}
    votes["rsfsr"] = "no"
    result = count(_rule("ordinary"), _members(), votes)
    assert result.passed, result.reason
    assert "no blocking minority" in result.reason


def test_p12_the_largest_member_cannot_pass_the_ordinary_rule_alone() -> None:
    votes = {m.id: "no" for m in _members()}
    votes["rsfsr"] = "yes"
    votes["ukraine"] = "yes"
    assert not count(_rule("ordinary"), _members(), votes).passed


def test_p12_two_members_together_block_the_ordinary_rule() -> None:
    votes = {m.id: "yes" for m in _members()}
    votes["rsfsr"] = votes["georgia"] = "no"
    assert not count(_rule("ordinary"), _members(), votes).passed


def test_unanimity_needs_every_member_to_vote_yes() -> None:
    votes = {m.id: "yes" for m in _members()}
    assert count(_rule("unanimity"), _members(), votes).passed
    votes["armenia"] = "abstain"
    assert not count(_rule("unanimity"), _members(), votes).passed


def test_a_delegation_may_split_its_weight() -> None:
    votes: dict[str, str | Split] = {m.id: "no" for m in _members()}
    votes["rsfsr"] = Split(yes=1, no=0)
    votes["ukraine"] = "yes"
    votes["georgia"] = "yes"
    votes["armenia"] = Split(yes=1)
    result = count(_rule("equal-majority"), _members(), votes)
    assert result.passed and result.outcome is not None
    assert result.outcome.tally.members_yes == 4
