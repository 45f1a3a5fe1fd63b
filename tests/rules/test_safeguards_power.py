"""Power made visible (P13) and the safeguards of smaller members (P12)."""

from __future__ import annotations

import tomllib
from fractions import Fraction

import pytest

from builders import adopt, run
from isonomia.charter import charter_from_data, load_charter
from isonomia.domain import FederationState
from isonomia.rules.power import Voter, audit, game, population_majority, rule_power
from isonomia.service import example_charter
from isonomia.voting.power import brute_force_power, power_indices


def _data(name: str) -> dict:
    return tomllib.loads(example_charter(name).read_text(encoding="utf-8"))


def test_p12_population_majority_would_make_the_largest_member_of_1922_a_dictator() -> None:
    charter = load_charter(example_charter("union-1922"))
    hypothetical = population_majority(charter)
    assert hypothetical.dictator == "rsfsr"
    assert hypothetical.veto_players == ["rsfsr"]
    assert set(hypothetical.dummies) == {m.id for m in charter.members} - {"rsfsr"}
    assert any("rsfsr can pass decisions alone" in b for b in hypothetical.breaches)


def test_p12_the_1922_charters_own_rules_let_no_member_pass_or_block_alone() -> None:
    charter = load_charter(example_charter("union-1922"))
    for result in audit(charter):
        assert result.dictator is None
        assert result.breaches == []
        if result.kind != "unanimity":
            assert result.veto_players == []
    ordinary = next(r for r in audit(charter) if r.rule == "ordinary")
    rsfsr = next(m for m in ordinary.members if m.id == "rsfsr")
    assert rsfsr.banzhaf == pytest.approx(0.3)
    assert rsfsr.population_share > 0.7
    assert rsfsr.shapley_shubik == pytest.approx(1 / 3)


def test_p12_a_charter_that_breaks_its_own_safeguards_is_refused_naming_member_and_rule() -> None:
    data = _data("cooperatives")
    ordinary = next(r for r in data["decision_rules"] if r["id"] == "ordinary")
    ordinary["threshold"] = 0.5
    charter = charter_from_data(data)
    result = run(FederationState(), adopt(charter))
    assert not isinstance(result, list)
    assert result.principle == "P12"
    assert "terra-viva holds 54.2% of the voting power under rule 'ordinary'" in result.reason


def test_p12_a_rule_giving_one_member_a_veto_is_refused() -> None:
    data = _data("union-1922")
    data["decision_rules"].append(
        {"id": "weighted", "kind": "qualified-majority", "weights": "population", "threshold": 0.6}
    )
    result = run(FederationState(), adopt(charter_from_data(data)))
    assert not isinstance(result, list) and result.principle == "P12"
    assert "rsfsr can block decisions alone under rule 'weighted'" in result.reason


def test_p12_every_shipped_example_passes_its_own_safeguards() -> None:
    for name in ("union-1922", "cooperatives"):
        assert isinstance(run(FederationState(), adopt(load_charter(example_charter(name)))), list)


def test_p13_the_counting_engine_agrees_with_enumeration_on_the_charters_rules() -> None:
    charter = load_charter(example_charter("cooperatives"))
    voters = [Voter(m.id, m.population) for m in charter.members]
    for rule in charter.decision_rules:
        g = game(rule, voters)
        exact = brute_force_power(g)
        fast = power_indices(g, exact=True)
        assert fast.banzhaf == exact.banzhaf
        assert fast.shapley_shubik == exact.shapley_shubik
        assert sum(fast.banzhaf) == Fraction(1)


def test_p13_large_unions_are_audited_with_populations_in_thousands() -> None:
    data = _data("union-1922")
    for i in range(40):
        data["members"].append(
            dict(data["members"][3], id=f"extra-{i}", population=1_000_000 + 37_123 * i)
        )
        data["presidency"]["order"].append(f"extra-{i}")
    charter = charter_from_data(data)
    result = rule_power(
        charter, charter.decision_rules[0], [Voter(m.id, m.population) for m in charter.members]
    )
    assert not result.exact
    assert sum(m.banzhaf for m in result.members) == pytest.approx(1)
