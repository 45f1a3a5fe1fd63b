"""Exact Banzhaf and Shapley–Shubik power, by the quickest exact method for the game.

``power_indices(game, index=...)`` first divides the weights and quotas by the weights'
greatest common divisor (``games.reduced``: same winning coalitions, smaller numbers),
then lets ``estimate.plan`` choose how to count:

- all weights equal: each member holds exactly 1/n, with no table (``symmetric``);
- Banzhaf alone in a weighted game: a one-dimensional count table of exact limbs
  (``limbs``);
- otherwise a count table by size and weight (``tables``), which gives both indices;
- few members with weights too large for a table: the coalitions of two halves of the
  others, matched by binary search (``halves``).

Every count is an exact integer; a game no method can count is refused, with the unit
of weight that would make it fit. ``progress(done, total)``, when given, is called as
the work advances (the caller draws a bar; this package never prints).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from isonomia.voting import halves, limbs
from isonomia.voting.brute_force import (
    BRUTE_FORCE_LIMIT,
    brute_force_power,
    brute_force_shapley_shubik_by_orderings,
    brute_force_swings_by_size,
)
from isonomia.voting.estimate import INDICES, MAX_TABLE_CELLS, Estimate, Index, plan
from isonomia.voting.games import Game, reduced
from isonomia.voting.indices import PowerIndices, Value, assemble, pivots_from
from isonomia.voting.symmetric import symmetric_counts
from isonomia.voting.tables import Progress, swings_by_size

__all__ = [
    "BRUTE_FORCE_LIMIT",
    "INDICES",
    "MAX_TABLE_CELLS",
    "Estimate",
    "Index",
    "PowerIndices",
    "Progress",
    "Value",
    "banzhaf",
    "banzhaf_swings",
    "brute_force_power",
    "brute_force_shapley_shubik_by_orderings",
    "brute_force_swings_by_size",
    "estimate",
    "power_indices",
    "shapley_shubik",
    "swings_by_size",
]


def estimate(game: Game, index: Index = "both") -> Estimate:
    """How ``power_indices(game, index=index)`` will count, and about how long it takes."""
    return plan(reduced(game), index)


def _eta(game: Game, method: str, progress: Progress | None) -> list[list[int]]:
    if method == "halves":
        return halves.swings_by_size(game, progress)
    table = swings_by_size(game, progress)
    return [[int(v) for v in row] for row in np.asarray(table).tolist()]


def power_indices(
    game: Game, *, exact: bool = False, index: Index = "both", progress: Progress | None = None
) -> PowerIndices:
    """Banzhaf power of every player, and Shapley–Shubik unless ``index="banzhaf"``."""
    small = reduced(game)
    chosen = plan(small, index)
    with_shapley = index != "banzhaf"
    if chosen.method == "equal weights":
        swings, pivots = symmetric_counts(small)
        share = Fraction(1, game.n) if swings[0] else Fraction(0)
        shapley = [share] * game.n if with_shapley else None
        return assemble(game, swings, pivots if with_shapley else None, exact, shapley)
    if chosen.method == "weight table":
        return assemble(game, limbs.weighted_swings(small, progress), None, exact)
    eta = _eta(small, chosen.method, progress)
    swings = tuple(sum(row) for row in eta)
    return assemble(game, swings, pivots_from(eta, game.n) if with_shapley else None, exact)


def banzhaf_swings(game: Game, progress: Progress | None = None) -> tuple[int, ...]:
    """Exact Banzhaf swing counts of every player."""
    return power_indices(game, index="banzhaf", progress=progress).swings


def banzhaf(game: Game, *, exact: bool = False, progress: Progress | None = None) -> PowerIndices:
    """Banzhaf power (normalised and absolute) of every player; no Shapley–Shubik."""
    return power_indices(game, exact=exact, index="banzhaf", progress=progress)


def shapley_shubik(game: Game, *, exact: bool = False) -> tuple[Value, ...]:
    """Shapley–Shubik index of every player."""
    result = power_indices(game, exact=exact, index="shapley-shubik")
    assert result.shapley_shubik is not None
    return result.shapley_shubik
