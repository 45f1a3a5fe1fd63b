"""Banzhaf for 500 players, the exact-limb count against the residue count it replaced,
interleaved in one process (old, new, old, new, ...), so that both see the same load.

    python bench/power_paired.py [--players 500] [--rounds 9]

Prints the medians, their ratio and the fastest run of each (the nearest to an idle core).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from isonomia.voting import limbs, tables
from isonomia.voting.games import WeightedGame, reduced


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    w = [int(x) for x in np.random.default_rng(2024).integers(1, 1001, args.players)]
    game = reduced(WeightedGame(tuple(w), sum(w) // 2 + 1))
    if tables.weighted_swings(game) != limbs.weighted_swings(game):
        raise SystemExit("the two counts differ")
    old: list[float] = []
    new: list[float] = []
    for _ in range(args.rounds):
        for count, times in ((tables.weighted_swings, old), (limbs.weighted_swings, new)):
            start = time.perf_counter()
            count(game)
            times.append(time.perf_counter() - start)
    a, b = statistics.median(old), statistics.median(new)
    print(f"residues {a:.3f} s, limbs {b:.3f} s (medians), ratio {b / a:.2f}; ", end="")
    print(f"fastest {min(old):.3f} s and {min(new):.3f} s")


if __name__ == "__main__":
    main()
