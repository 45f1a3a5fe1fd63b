"""Reference implementations by plain enumeration, for tests and cross-checks only."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations, permutations

from isonomia.voting.errors import VotingError
from isonomia.voting.games import Game
from isonomia.voting.indices import PowerIndices, assemble

BRUTE_FORCE_LIMIT = 20


def _check_small(game: Game) -> None:
    if game.n > BRUTE_FORCE_LIMIT:
        raise VotingError(f"brute force is limited to {BRUTE_FORCE_LIMIT} players")


def brute_force_swings_by_size(game: Game) -> list[list[int]]:
    """``eta[i][s]`` by enumerating every coalition of the other players."""
    _check_small(game)
    n, weights = game.n, game.weights
    eta = [[0] * n for _ in range(n)]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for s in range(n):
            for coalition in combinations(others, s):
                t = sum(weights[j] for j in coalition)
                if game.wins(s + 1, t + weights[i]) and not game.wins(s, t):
                    eta[i][s] += 1
    return eta


def brute_force_power(game: Game) -> PowerIndices:
    """Exact indices (fractions) by enumeration of coalitions."""
    eta = brute_force_swings_by_size(game)
    swings = tuple(sum(row) for row in eta)
    n = game.n
    pivots = tuple(
        sum(e * math.factorial(s) * math.factorial(n - 1 - s) for s, e in enumerate(row))
        for row in eta
    )
    return assemble(game, swings, pivots, True)


def brute_force_shapley_shubik_by_orderings(game: Game) -> tuple[Fraction, ...]:
    """Shapley–Shubik by walking all n! orderings (tiny games only)."""
    if game.n > 8:
        raise VotingError("ordering enumeration is limited to 8 players")
    n = game.n
    pivotal = [0] * n
    for order in permutations(range(n)):
        t = 0
        for s, player in enumerate(order):
            if game.wins(s + 1, t + game.weights[player]) and not game.wins(s, t):
                pivotal[player] += 1
                break
            t += game.weights[player]
    total = math.factorial(n)
    return tuple(Fraction(p, total) for p in pivotal)
