"""Large games: Banzhaf alone, large weights, equal weights, estimates and progress."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.voting import halves, tables
from isonomia.voting.errors import VotingError
from isonomia.voting.estimate import describe
from isonomia.voting.games import DoubleMajorityGame, WeightedGame, reduced
from isonomia.voting.power import brute_force_power, estimate, power_indices

# Eurostat news release of 11 July 2024: population on 1 January 2024, in persons as
# published (to the hundred)
EU27 = (
    83445000, 68402000, 58989700, 48610500, 36621000, 19064400, 17942900, 11832000,
    10900600, 10639700, 10551700, 10397200, 9584600, 9158800, 6445500, 5961200, 5603900,
    5424700, 5343800, 3862000, 2885900, 2123900, 1871900, 1374700, 933500, 672100, 563000,
)  # fmt: skip
# the same with made-up last digits, so that the weights share no divisor at all
RAW_EU27 = tuple(p + (i * 7919) % 100 for i, p in enumerate(EU27))


def _bench_game(n: int) -> WeightedGame:
    w = tuple(int(x) for x in np.random.default_rng(2024).integers(1, 1001, n))
    return WeightedGame(w, sum(w) // 2 + 1)


def test_banzhaf_alone_never_builds_the_size_table(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the size-by-weight table was built")

    monkeypatch.setattr(tables, "swings_by_size", refuse)
    game = _bench_game(500)
    result = power_indices(game, index="banzhaf")
    assert result.shapley_shubik is None and result.pivots is None
    assert sum(result.banzhaf) == pytest.approx(1)


def test_shapley_shubik_for_500_players_is_estimated_above_a_minute():
    game = _bench_game(500)
    slow = estimate(game, "both")
    assert slow.seconds > 60 and slow.method == "size-by-weight table"
    assert f"about {slow.seconds:.0f} seconds" in describe(slow, 500, "both")
    assert "about 10 minutes" in describe(replace(slow, seconds=600.0), 500, "both")
    assert estimate(game, "banzhaf").seconds < 5


def test_progress_is_reported_up_to_the_total():
    seen: list[tuple[int, int]] = []
    power_indices(_bench_game(80), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()
    power_indices(_bench_game(80), index="banzhaf", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 1


large = st.integers(10**6, 10**9)


@settings(max_examples=40, deadline=None)
@given(st.lists(large, min_size=1, max_size=10), st.floats(0.01, 1.0))
def test_halves_match_brute_force_on_large_weights(weights, share):
    game = WeightedGame(tuple(weights), max(1, math.ceil(share * sum(weights))))
    fast, slow = power_indices(game, exact=True), brute_force_power(game)
    assert (fast.swings, fast.pivots, fast.dummies) == (slow.swings, slow.pivots, slow.dummies)


@settings(max_examples=40, deadline=None)
@given(st.lists(large, min_size=1, max_size=10), st.data())
def test_halves_match_brute_force_on_double_majorities(pops, data):
    n = len(pops)
    game = DoubleMajorityGame(
        tuple(pops),
        data.draw(st.integers(1, n)),
        data.draw(st.integers(0, sum(pops))),
        data.draw(st.integers(0, n)),
    )
    fast, slow = power_indices(game, exact=True), brute_force_power(game)
    assert fast.swings == slow.swings and fast.pivots == slow.pivots


def test_halves_and_the_table_agree_on_a_mid_sized_game():
    rng = np.random.default_rng(3)
    game = WeightedGame(tuple(int(x) for x in rng.integers(1, 60, 24)), 400)
    by_table = [[int(v) for v in row] for row in tables.swings_by_size(game)]
    assert halves.swings_by_size(game) == by_table


@pytest.mark.parametrize("pops", [EU27, RAW_EU27])
def test_eu27_double_majority_with_populations_in_persons_is_exact(pops):
    game = DoubleMajorityGame.from_shares(pops, Fraction(55, 100), Fraction(65, 100), 4)
    assert estimate(game).method == "halves"
    # Its speed is the benchmark's to show ("EU-27 double majority", bench/README.md).
    result = power_indices(game, exact=True)
    assert sum(result.banzhaf) == 1 and sum(result.shapley_shubik or ()) == 1
    assert result.banzhaf[0] > result.banzhaf[1] > result.banzhaf[-1] > 0


def test_common_divisor_is_taken_out_of_weights_and_quota():
    small = WeightedGame((9, 9, 7, 3, 1, 1), 16)
    big = WeightedGame(tuple(w * 10**9 for w in small.weights), 16 * 10**9 - 5)
    assert reduced(big) == WeightedGame(small.weights, 16)
    assert estimate(big).method != "halves" or estimate(big).cells == 0
    assert power_indices(big, exact=True) == power_indices(small, exact=True)
    pops = tuple(w * 1000 for w in (50, 30, 10, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
    game = DoubleMajorityGame.from_shares(pops, 0.55, 0.65, 2)
    assert reduced(game).weights == tuple(p // 1000 for p in pops)
    assert power_indices(game, exact=True) == brute_force_power(game)


def test_ten_thousand_members_under_unanimity_each_hold_one_ten_thousandth():
    n = 10_000
    # Its speed is the benchmark's to show ("Unanimity of 10,000 equal members").
    result = power_indices(WeightedGame((1,) * n, n), exact=True)
    assert result.swings == (1,) * n
    assert set(result.banzhaf) == {Fraction(1, n)} and set(result.shapley_shubik or ()) == {
        Fraction(1, n)
    }
    assert len(result.veto_players) == n and result.dictator is None


@pytest.mark.parametrize(
    "game",
    [
        WeightedGame((3,) * 7, 10),
        WeightedGame((5,) * 9, 45),
        DoubleMajorityGame((4,) * 8, 5, 20, 3),
        DoubleMajorityGame((0,) * 6, 3, 0, 0),
    ],
)
def test_equal_weights_are_answered_without_a_table_and_match_brute_force(game):
    assert estimate(game).method == "equal weights"
    assert power_indices(game, exact=True) == brute_force_power(game)


def test_equal_weight_majority_of_many_members_is_exact():
    n = 2001
    result = power_indices(WeightedGame((2,) * n, n + 1), exact=True, index="banzhaf")
    assert result.swings[0] == math.comb(n - 1, n // 2)
    assert set(result.banzhaf) == {Fraction(1, n)}


def test_games_too_wide_for_any_method_are_refused_with_a_coarser_unit():
    rng = np.random.default_rng(9)
    weights = tuple(int(x) * 1000 + 1 for x in rng.integers(10**5, 10**6, 60))
    with pytest.raises(
        VotingError, match=r"count table would need .* weights in (thousands|millions) would need"
    ):
        power_indices(WeightedGame(weights, sum(weights) // 2 + 1))
