"""Exact swing counts by meeting in the middle, for few players with large weights.

When weights are large (populations counted one by one) a count table indexed by weight
is too wide, but with few players the coalitions themselves can be counted. For a player
i the others are split into two halves A and B; every subset of each half is listed with
its size and weight (2**|A| + 2**|B| entries rather than 2**(n-1)). A coalition of the
others is a pair (a, b), and i swings for it when its weight lies in the window
``[lo(s), hi(s))`` of its size s = |a| + |b| (see ``tables``). With B's subsets sorted by
weight within each size, the pairs in a window are counted by two binary searches for
every subset of A, all vectorised in numpy. Weights and counts are int64 and exact: the
caller checks that the total weight stays below 2**62 and n below 54 (counts below 2**53
are exact in the float64 sums of ``bincount``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from isonomia.voting.games import Game
from isonomia.voting.tables import Progress

I64 = npt.NDArray[np.int64]

#: games up to this many players may be counted this way (two halves of 2**20 subsets)
MAX_PLAYERS = 41


def _subsets(weights: list[int]) -> tuple[I64, I64]:
    """Weight and size of every subset of ``weights`` (2**len entries)."""
    sums = np.zeros(1, dtype=np.int64)
    sizes = np.zeros(1, dtype=np.int64)
    for w in weights:
        sums = np.concatenate([sums, sums + w])
        sizes = np.concatenate([sizes, sizes + 1])
    return sums, sizes


def _windows(game: Game, weight: int) -> tuple[I64, I64]:
    """``lo[s]``, ``hi[s]``: the weights of s others for which a player of ``weight`` swings.

    An empty window (lo == hi) where no coalition of that size can swing.
    """
    n, total = game.n, sum(game.weights)
    lo = np.zeros(n, dtype=np.int64)
    hi = np.zeros(n, dtype=np.int64)
    for s in range(n):
        below, win_with = game.threshold(s), game.threshold(s + 1)
        if win_with is None:
            continue
        lo[s] = max(0, win_with - weight)
        # without a threshold a coalition of size s always loses: every weight counts
        hi[s] = max(lo[s], total + 1 if below is None else below)
    return lo, hi


def player_swings_by_size(game: Game, i: int) -> list[int]:
    """``eta[s]`` for player i: coalitions of s others that i turns into winners."""
    n = game.n
    others = [w for j, w in enumerate(game.weights) if j != i]
    half = len(others) // 2
    a_sums, a_sizes = _subsets(others[:half])
    b_sums, b_sizes = _subsets(others[half:])
    order = np.lexsort((b_sums, b_sizes))
    b_sums, b_sizes = b_sums[order], b_sizes[order]
    starts = np.searchsorted(b_sizes, np.arange(len(others) - half + 2))
    lo, hi = _windows(game, game.weights[i])
    eta = np.zeros(n, dtype=np.float64)
    for size_b in range(len(others) - half + 1):
        block = b_sums[starts[size_b] : starts[size_b + 1]]
        size = a_sizes + size_b
        inside = np.searchsorted(block, hi[size] - a_sums) - np.searchsorted(
            block, lo[size] - a_sums
        )
        eta += np.bincount(size, weights=inside, minlength=n)[:n]
    return [int(x) for x in eta]


def swings_by_size(game: Game, progress: Progress | None = None) -> list[list[int]]:
    """``eta[i][s]`` for every player; players of equal weight are counted once."""
    done: dict[int, list[int]] = {}
    distinct = len(set(game.weights))
    for i, w in enumerate(game.weights):
        if w not in done:
            done[w] = player_swings_by_size(game, i)
            if progress is not None:
                progress(len(done), distinct)
    return [list(done[w]) for w in game.weights]
