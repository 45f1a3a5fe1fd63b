"""Games in which every member weighs the same: power without any table.

When all weights are equal (after dividing by their greatest common divisor: all 1, or
all 0) a coalition's fate depends on its size alone. A member swings for a coalition of
s others exactly when size s loses and size s + 1 wins, so its swings are the sum of
C(n-1, s) over those sizes, the same for every member; each holds exactly 1/n of the
normalised Banzhaf and of the Shapley–Shubik power (or none, if no size ever turns). A
union of 10,000 members under unanimity is answered at once, with exact integers.
"""

from __future__ import annotations

import math

from isonomia.voting.games import Game


def is_symmetric(game: Game) -> bool:
    """Whether every member has the same weight."""
    return len(set(game.weights)) == 1


def swing_sizes(game: Game) -> list[int]:
    """Sizes s of the others at which a member turns a losing coalition into a winner."""
    w = game.weights[0]
    return [s for s in range(game.n) if game.wins(s + 1, (s + 1) * w) and not game.wins(s, s * w)]


def symmetric_counts(game: Game) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Swings and pivots of every member (all equal), as exact integers."""
    n = game.n
    sizes = swing_sizes(game)
    swings = sum(math.comb(n - 1, s) for s in sizes)
    # a member is pivotal in s! (n-1-s)! orderings per coalition of s others it swings for
    pivots = len(sizes) * math.factorial(n - 1)
    return (swings,) * n, (pivots,) * n
