"""How an exact power computation will be done, and about how long it will take.

Before counting anything, ``plan`` picks the method for a game and estimates its work:

- equal weights: no table at all (``symmetric``);
- weight table: Banzhaf alone in a weighted game, one word addition a player, a column
  of the table's lower half and a limb (``limbs``);
- size-by-weight table: Shapley–Shubik, or any rule where size matters; the additions
  over each size row's band of reachable weights, a modulus at a time (``tables``);
- halves: few players with large weights, two binary searches a subset of one half, a
  size of the other and a distinct weight (``halves``).

The seconds are that work times constants measured on one core of a two-core machine
(see bench/README.md); they are estimates for a warning and a progress bar, nothing
decides on them but the choice between two exact methods. A game that no method can
count within the table limit is refused, with the unit that would make it fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from isonomia.voting import halves
from isonomia.voting.errors import VotingError
from isonomia.voting.games import Game
from isonomia.voting.limbs import limb_bits
from isonomia.voting.modular import Moduli
from isonomia.voting.symmetric import is_symmetric
from isonomia.voting.tables import size_rows, table_columns

Index = Literal["banzhaf", "shapley-shubik", "both"]
INDICES: tuple[Index, ...] = ("banzhaf", "shapley-shubik", "both")

#: refuse tables larger than this many cells (about 0.5 GB of uint64 per modulus)
MAX_TABLE_CELLS = 64_000_000
#: weights summing to 2**62 or more cannot be enumerated in int64
MAX_ENUMERATED_WEIGHT = 1 << 62

# seconds per unit of work, fitted to timed runs of the bench games (50 to 500 players)
SECONDS_PER_LIMB_ADDITION = 4.5e-10
SECONDS_PER_BAND_ADDITION = 1.2e-9
SECONDS_PER_BAND_CALL = 1.2e-5
SECONDS_PER_LOOKUP = 3.0e-8


@dataclass(frozen=True)
class Estimate:
    """The chosen method, its work in elementary steps, and about how long it takes."""

    method: str
    work: int
    seconds: float
    cells: int = 0
    moduli: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "work": self.work,
            "seconds": round(self.seconds, 3),
            "table_cells": self.cells,
            "moduli": self.moduli,
        }


def _moduli(n: int) -> int:
    return Moduli.covering(1 << max(n - 1, 0)).count


def _weight_table(game: Game) -> Estimate:
    """Limb additions of ``limbs.weighted_swings``: the lower half of the table (below the
    quota), times the limbs that 2**j needs after j players (zero limbs not counted)."""
    quota = table_columns(game)
    ordered = np.sort(np.array(game.weights, dtype=np.int64))
    prefix = np.cumsum(ordered)
    columns = np.maximum(0, np.minimum(quota, prefix // 2 + 1) - ordered)
    limbs = np.arange(1, game.n + 1) // limb_bits(quota + 1) + 1
    work = int((columns * limbs).sum())
    return Estimate("weight table", work, work * SECONDS_PER_LIMB_ADDITION, quota)


def _size_table(game: Game, sizes: int) -> Estimate:
    cap = table_columns(game)
    weights = np.sort(np.array(game.weights, dtype=np.int64))
    prefix = np.concatenate([[0], np.cumsum(weights)])
    additions, calls = 0, 0
    for j, w in enumerate(weights.tolist()):
        s = np.arange(1, min(j + 1, sizes - 1) + 1)
        lo = prefix[s - 1] + w
        half = min(cap, (int(prefix[j]) + w) // 2 + 1)  # columns above are mirrored
        hi = np.minimum(half, prefix[j] - prefix[j - s + 1] + w + 1)
        band = np.maximum(0, hi - lo)
        additions += int(band.sum())
        calls += int(np.count_nonzero(band))
    moduli = _moduli(game.n)
    seconds = moduli * (additions * SECONDS_PER_BAND_ADDITION + calls * SECONDS_PER_BAND_CALL)
    return Estimate("size-by-weight table", additions * moduli, seconds, sizes * (cap + 1), moduli)


def _halves(game: Game) -> Estimate:
    others = game.n - 1
    half = others // 2
    work = len(set(game.weights)) * (others - half + 1) * (1 << half) * 2
    return Estimate("halves", work, work * SECONDS_PER_LOOKUP)


def _coarser_unit(cells: int, cap: int) -> str:
    rows = max(1, cells // max(cap + 1, 1))
    for power, word in ((3, "thousands"), (6, "millions"), (9, "billions")):
        coarse = rows * (-(-cap // 10**power) + 1)
        if coarse <= MAX_TABLE_CELLS:
            return f"weights in {word} would need a table of about {coarse:,} cells"
    return "even weights in billions would not fit"


def plan(game: Game, index: Index = "both") -> Estimate:
    """The method for ``game`` (already reduced by its weights' divisor) and its estimate."""
    if index not in INDICES:
        raise VotingError(f"unknown index {index!r} (use {', '.join(INDICES)})")
    if is_symmetric(game):
        return Estimate("equal weights", game.n, 0.0)
    options: list[Estimate] = []
    cap = table_columns(game)
    if index == "banzhaf" and not game.size_matters:
        cells = cap
        if cells <= MAX_TABLE_CELLS:
            options.append(_weight_table(game))
    else:
        sizes = size_rows(game)
        cells = sizes * (cap + 1)
        if cells <= MAX_TABLE_CELLS:
            options.append(_size_table(game, sizes))
    if game.n <= halves.MAX_PLAYERS and sum(game.weights) < MAX_ENUMERATED_WEIGHT:
        options.append(_halves(game))
    if not options:
        raise VotingError(
            f"the count table would need {cells:,} cells (at most {MAX_TABLE_CELLS:,}) and "
            f"{game.n} members are too many to enumerate (at most {halves.MAX_PLAYERS}); "
            + _coarser_unit(cells, cap)
        )
    return min(options, key=lambda e: e.seconds)


def describe(estimate: Estimate, n: int, index: Index) -> str:
    """One line for people, e.g. "exact Shapley–Shubik for 500 players: about 2 minutes"."""
    what = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley–Shubik", "both": "Shapley–Shubik"}
    seconds = estimate.seconds
    if seconds < 90:
        span = f"{seconds:.0f} seconds"
    elif seconds < 5400:
        span = f"{seconds / 60:.0f} minutes"
    else:
        span = f"{seconds / 3600:.1f} hours"
    return f"exact {what[index]} for {n} players ({estimate.method}): about {span}"
