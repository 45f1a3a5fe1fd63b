from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import double_majority_games, weighted_games

from isonomia.voting.errors import VotingError
from isonomia.voting.games import DoubleMajorityGame, WeightedGame
from isonomia.voting.modular import Moduli, crt
from isonomia.voting.power import (
    banzhaf,
    brute_force_power,
    brute_force_shapley_shubik_by_orderings,
    power_indices,
    swings_by_size,
)
from isonomia.voting.quota import banzhaf_by_quota, optimal_quota


@settings(max_examples=150, deadline=None)
@given(weighted_games())
def test_banzhaf_and_shapley_shubik_match_brute_force_on_small_weighted_games(game):
    fast = power_indices(game, exact=True)
    slow = brute_force_power(game)
    assert fast.swings == slow.swings
    assert fast.pivots == slow.pivots
    assert fast.banzhaf == slow.banzhaf
    assert fast.shapley_shubik == slow.shapley_shubik
    assert banzhaf(game).swings == slow.swings


@settings(max_examples=150, deadline=None)
@given(double_majority_games())
def test_double_majority_power_matches_brute_force_with_blocking_clause(game):
    fast = power_indices(game, exact=True)
    slow = brute_force_power(game)
    assert fast.swings == slow.swings
    assert fast.pivots == slow.pivots
    assert (fast.dictator, fast.veto_players, fast.dummies) == (
        slow.dictator,
        slow.veto_players,
        slow.dummies,
    )


def test_shapley_shubik_matches_walking_every_ordering():
    game = WeightedGame((4, 3, 2, 1, 1, 0), 6)
    assert power_indices(game, exact=True).shapley_shubik == (
        brute_force_shapley_shubik_by_orderings(game)
    )


def test_cli_example_game_has_three_equal_players_and_three_dummies():
    result = power_indices(WeightedGame((9, 9, 7, 3, 1, 1), 16), exact=True)
    assert result.banzhaf == (Fraction(1, 3),) * 3 + (Fraction(0),) * 3
    assert result.dummies == (3, 4, 5)
    assert result.dictator is None


def test_dictator_and_veto_players_are_flagged():
    dictated = power_indices(WeightedGame((6, 1, 1, 1), 6))
    assert dictated.dictator == 0 and dictated.dummies == (1, 2, 3)
    unanimity = power_indices(WeightedGame((1, 1, 1), 3))
    assert unanimity.veto_players == (0, 1, 2) and unanimity.dictator is None


def _python_swings_by_size(weights, quota):
    """Independent exact reference: one Python-int programme per player."""
    n = len(weights)
    out = []
    for i in range(n):
        table = [[0] * quota for _ in range(n)]
        table[0][0] = 1
        for j, w in enumerate(weights):
            if j == i:
                continue
            for s in range(n - 1, 0, -1):
                row, prev = table[s], table[s - 1]
                for k in range(quota - 1, w - 1, -1):
                    row[k] += prev[k - w]
        out.append([sum(table[s][max(0, quota - weights[i]) : quota]) for s in range(n)])
    return out


def test_exact_counts_beyond_64_bits_match_python_integers():
    rng = np.random.default_rng(5)
    weights = tuple(int(x) for x in rng.integers(1, 6, 90))
    quota = sum(weights) // 2 + 1
    eta = swings_by_size(WeightedGame(weights, quota))
    expected = _python_swings_by_size(weights, quota)
    assert [[int(v) for v in row] for row in eta] == expected
    assert max(sum(row) for row in expected) > 2**80


def test_equal_weights_have_equal_exact_power_for_many_players():
    n = 101
    result = banzhaf(WeightedGame((1,) * n, 51), exact=True)
    assert result.swings[0] == math.comb(n - 1, 50)
    assert set(result.banzhaf) == {Fraction(1, n)}


def test_crt_rebuilds_large_integers():
    values = [0, 1, 2**64 - 1, 2**200 + 12345, 3**150]
    moduli = Moduli.covering(2**240)
    residues = np.array(
        [[v % moduli.modulus(r) for v in values] for r in range(moduli.count)], dtype=np.uint64
    )
    assert [int(v) for v in crt(residues, moduli)] == values


def test_eu_style_double_majority_needs_four_to_block():
    # four large members hold more than 35 % but three cannot block alone
    pops = (30, 30, 30, 30, *([1] * 12))
    game = DoubleMajorityGame.from_shares(pops, 0.55, 0.65, 4)
    assert game.members_quota == math.ceil(0.55 * 16)
    assert game.wins(13, 3 * 30 + 10)  # 3 members against: no blocking minority
    assert not game.wins(12, 2 * 30 + 10)


@pytest.mark.parametrize(("weights", "quota"), [((1, 2), 4), ((1, 2), 0), ((-1, 2), 1), ((), 1)])
def test_games_refuse_impossible_quotas_and_weights(weights, quota):
    with pytest.raises(VotingError):
        WeightedGame(weights, quota)


def test_quota_search_matches_exact_banzhaf_at_every_quota():
    weights = [9, 9, 7, 3, 1, 1, 0]
    quotas, beta = banzhaf_by_quota(weights)
    for q, row in zip(quotas, beta, strict=True):
        exact = banzhaf(WeightedGame(tuple(weights), int(q))).banzhaf
        assert np.allclose(row, exact, atol=1e-12)


def test_optimal_quota_minimises_the_squared_distance_to_weight_shares():
    weights = [10, 7, 5, 3, 2, 1]
    best = optimal_quota(weights)
    shares = np.array(weights) / sum(weights)

    def distance(q):
        return float(
            ((np.array(banzhaf(WeightedGame(tuple(weights), q)).banzhaf) - shares) ** 2).sum()
        )

    total = sum(weights)
    assert all(distance(best) <= distance(q) + 1e-12 for q in range(total // 2 + 1, total + 1))


def _python_swings(weights, quota):
    """Independent exact reference for Banzhaf: a Python-int programme per player."""
    out = []
    for i, wi in enumerate(weights):
        c = [0] * quota
        c[0] = 1
        for j, w in enumerate(weights):
            if j != i and w < quota:
                for k in range(quota - 1, w - 1, -1):
                    c[k] += c[k - w]
        out.append(sum(c[max(0, quota - wi) : quota]))
    return out


@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.sampled_from([0, 1, 1, 2, 3, 3, 5, 8]), min_size=66, max_size=90),
    st.floats(0.05, 0.95),
)
def test_banzhaf_beyond_one_modulus_matches_python_integers(weights, share):
    # more than 64 players: the counts need the prime moduli as well as 2**64
    if sum(weights) == 0:
        weights[0] = 1
    quota = max(1, int(sum(weights) * share))
    game = WeightedGame(tuple(weights), quota)
    expected = _python_swings(weights, quota)
    assert list(banzhaf(game).swings) == expected
    eta = swings_by_size(game)
    assert [int(sum(row)) for row in eta] == expected


def test_small_games_with_huge_weights_are_enumerated_exactly() -> None:
    # The 1922 union's populations counted one by one: too wide for the count table.
    from fractions import Fraction

    from isonomia.voting.games import DoubleMajorityGame, WeightedGame
    from isonomia.voting.power import banzhaf, brute_force_power, power_indices

    pops = (100891244, 29018187, 4983240, 2677233, 881290, 2314571)
    game = DoubleMajorityGame.from_shares(pops, Fraction(6, 10), Fraction(6, 10), 2)
    result = power_indices(game, exact=True)
    assert result.banzhaf == brute_force_power(game).banzhaf
    assert result.banzhaf[0] == Fraction(3, 10)
    weighted = WeightedGame(pops, sum(pops) // 2 + 1)
    assert banzhaf(weighted).dictator == 0
    assert power_indices(weighted).dictator == 0
