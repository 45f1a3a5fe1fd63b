"""Benchmarks of the voting engine against peer packages; writes a table into bench/README.md.

Every case runs in a subprocess with a time budget, so a slow peer cannot stall the run.
Times are medians of several repeats (one core, wall clock); memory is peak tracemalloc.
EU-27 populations: Eurostat, population on 1 January 2024 (demo_pjan), in thousands.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
EU27_2024 = {
    "DE": 83445, "FR": 68401, "IT": 58990, "ES": 48592, "PL": 36621, "RO": 19064, "NL": 17942,
    "BE": 11832, "CZ": 10901, "PT": 10640, "SE": 10551, "GR": 10398, "HU": 9585, "AT": 9159,
    "BG": 6446, "DK": 5961, "FI": 5604, "SK": 5425, "IE": 5271, "HR": 3862, "LT": 2886,
    "SI": 2124, "LV": 1872, "EE": 1375, "CY": 934, "LU": 673, "MT": 564,
}  # fmt: skip


def weights(n: int) -> list[int]:
    return [int(x) for x in np.random.default_rng(2024).integers(1, 1001, n)]


def orders(n: int) -> np.ndarray:
    # Plackett-Luce style: skewed candidate strengths, so rankings repeat as in real elections
    rng = np.random.default_rng(7)
    strength = np.log(np.arange(10, 0, -1, dtype=float))
    keys = strength[None, :] + rng.gumbel(size=(n, 10))
    return np.argsort(-keys, axis=1)


def run_case(case: str, who: str, n: int) -> dict[str, object]:
    """Run one case in this process; returns the result (for comparison) and timings."""
    from isonomia.voting.ballots import Ballots
    from isonomia.voting.games import DoubleMajorityGame, WeightedGame
    from isonomia.voting.power import banzhaf, power_indices
    from isonomia.voting.tallies.schulze import schulze
    from isonomia.voting.tallies.transfer import stv

    names = [f"c{i}" for i in range(10)]

    def job() -> object:
        if case == "banzhaf":
            w = weights(n)
            q = sum(w) // 2 + 1
            if who == "isonomia":
                return list(banzhaf(WeightedGame(tuple(w), q)).banzhaf)
            if who == "powerindex":
                import powerindex

                g = powerindex.Game(q, w)
                g.calc_banzhaf()
                return list(g.banzhaf)
            import powerindices

            return list(powerindices.compute_pbi(q, w))
        if case == "shapley":
            w = weights(n)
            q = sum(w) // 2 + 1
            if who == "isonomia":
                r = power_indices(WeightedGame(tuple(w), q))
                return list(r.shapley_shubik or ())
            if who == "powerindex":
                import powerindex

                g = powerindex.Game(q, w)
                g.calc_shapley_shubik()
                return list(g.shapley_shubik)
            import powerindices

            return list(powerindices.compute_ssi(q, w))
        if case == "eu27":
            game = DoubleMajorityGame.from_shares(list(EU27_2024.values()), 0.55, 0.65, 4)
            r = power_indices(game, exact=True)
            return [float(x) for x in r.banzhaf] + [float(x) for x in r.shapley_shubik or ()]
        o = orders(n)
        if who == "isonomia":
            if case == "schulze":
                return schulze(Ballots.from_orders(names, o)).ranking
            if case == "stv":
                return sorted(stv(Ballots.from_orders(names, o), 3).elected)
            path = HERE / f".ballots_{n}.soc"
            from isonomia.voting.ballot_files import read_ballots

            return schulze(read_ballots(path).ballots).ranking
        if who == "pref_voting":
            from pref_voting.profiles import Profile
            from pref_voting.voting_methods import beat_path

            return beat_path(Profile(o.tolist()))
        raise ValueError(who)

    times = []
    result: object = None
    repeats = 1 if case in ("shapley",) else 5
    tracemalloc.start()
    for _ in range(repeats):
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"median": statistics.median(times), "peak_mb": peak / 2**20, "result": repr(result)}


def write_soc(n: int) -> None:
    path = HERE / f".ballots_{n}.soc"
    if path.exists():
        return
    o = orders(n)
    head = [f"# ALTERNATIVE NAME {i + 1}: c{i}" for i in range(10)]
    body = [f"1: {','.join(str(x + 1) for x in row)}" for row in o.tolist()]
    path.write_text("\n".join(head + body) + "\n")


def spawn(case: str, who: str, n: int, budget: float) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", case, who, str(n)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=budget, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"over {budget:.0f} s budget"}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1][:80]}
    parsed: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return parsed


CASES = [
    ("banzhaf", 500, ["isonomia", "powerindex", "powerindices"], "Banzhaf, 500 players"),
    ("shapley", 200, ["isonomia", "powerindex", "powerindices"], "Shapley–Shubik, 200 players"),
    ("shapley", 500, ["isonomia", "powerindex", "powerindices"], "Shapley–Shubik, 500 players"),
    ("eu27", 27, ["isonomia"], "EU-27 double majority, both indices exact"),
    ("schulze", 1_000_000, ["isonomia"], "Schulze, 1,000,000 ballots in memory"),
    ("stv", 1_000_000, ["isonomia"], "STV 3 seats, 1,000,000 ballots in memory"),
    ("file", 1_000_000, ["isonomia"], "read .soc file of 1,000,000 ballots + Schulze"),
    ("schulze", 100_000, ["isonomia", "pref_voting"], "Schulze, 100,000 ballots"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller budgets")
    parser.add_argument("--one", nargs=3)
    args = parser.parse_args()
    if args.one:
        case, who, n = args.one
        print(json.dumps(run_case(case, who, int(n))))
        return
    budget = 20.0 if args.quick else 60.0
    write_soc(1_000_000)
    rows = [
        "| case | package | median s | peak MB | same result | vs isonomia |",
        "|---|---|---|---|---|---|",
    ]
    for case, n, peers, label in CASES:
        ours: dict[str, object] | None = None
        for who in peers:
            r = spawn(case, who, n, budget)
            if "error" in r:
                rows.append(f"| {label} | {who} | – | – | {r['error']} | |")
                print(label, who, r["error"], flush=True)
                continue
            if who == "isonomia":
                ours = r
            same = "–" if who == "isonomia" or ours is None else _same(ours, r)
            ratio = (
                f"{float(r['median']) / float(ours['median']):.1f}x slower"  # type: ignore[arg-type]
                if ours is not None and who != "isonomia"
                else ""
            )
            rows.append(
                f"| {label} | {who} | {float(r['median']):.3f} "  # type: ignore[arg-type]
                f"| {float(r['peak_mb']):.0f} | {same} | {ratio} |"  # type: ignore[arg-type]
            )
            print(label, who, r["median"], flush=True)
    readme = HERE / "README.md"
    text = readme.read_text() if readme.exists() else "# Benchmarks\n"
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    table = start + "\n" + "\n".join(rows) + "\n" + end
    if start in text and end in text:
        text = text[: text.index(start)] + table + text[text.index(end) + len(end) :]
    else:
        text += "\n" + table + "\n"
    readme.write_text(text)


def _same(a: dict[str, object], b: dict[str, object]) -> str:
    try:
        x = np.array(eval(str(a["result"])), dtype=float)
        y = np.array(eval(str(b["result"])), dtype=float)
        return "yes" if x.shape == y.shape and np.allclose(x, y, rtol=0, atol=1e-12) else "NO"
    except Exception:  # peers return different shapes; compare textually
        return "yes" if a["result"] == b["result"] else "differs"


if __name__ == "__main__":
    main()
