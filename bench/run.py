"""Benchmarks of the voting engine against peer packages; writes a table into bench/README.md.

Every case runs in a subprocess with a time budget, so a slow peer cannot stall the run.
Times are medians of several repeats (one core, wall clock); memory is peak tracemalloc.
EU-27 populations: Eurostat, population on 1 January 2024 (demo_pjan), in thousands.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
EU27_2024 = {
    "DE": 83445, "FR": 68401, "IT": 58990, "ES": 48592, "PL": 36621, "RO": 19064, "NL": 17942,
    "BE": 11832, "CZ": 10901, "PT": 10640, "SE": 10551, "GR": 10398, "HU": 9585, "AT": 9159,
    "BG": 6446, "DK": 5961, "FI": 5604, "SK": 5425, "IE": 5271, "HR": 3862, "LT": 2886,
    "SI": 2124, "LV": 1872, "EE": 1375, "CY": 934, "LU": 673, "MT": 564,
}  # fmt: skip
# Eurostat news release of 11 July 2024, population on 1 January 2024 in persons, as
# published (to the hundred): too wide for a count table, so counted by halves
EU27_2024_PERSONS = {
    "DE": 83445000, "FR": 68402000, "IT": 58989700, "ES": 48610500, "PL": 36621000,
    "RO": 19064400, "NL": 17942900, "BE": 11832000, "CZ": 10900600, "PT": 10639700,
    "SE": 10551700, "GR": 10397200, "HU": 9584600, "AT": 9158800, "BG": 6445500,
    "DK": 5961200, "FI": 5603900, "SK": 5424700, "IE": 5343800, "HR": 3862000,
    "LT": 2885900, "SI": 2123900, "LV": 1871900, "EE": 1374700, "CY": 933500,
    "LU": 672100, "MT": 563000,
}  # fmt: skip


def weights(n: int) -> list[int]:
    return [int(x) for x in np.random.default_rng(2024).integers(1, 1001, n)]


def orders(n: int) -> np.ndarray:
    # Plackett-Luce style: skewed candidate strengths, so rankings repeat as in real elections
    rng = np.random.default_rng(7)
    strength = np.log(np.arange(10, 0, -1, dtype=float))
    keys = strength[None, :] + rng.gumbel(size=(n, 10))
    return np.argsort(-keys, axis=1)


def grouped(o: np.ndarray) -> tuple[list[tuple[int, ...]], list[int]]:
    """The distinct rankings of ``o`` with their counts."""
    rows, counts = np.unique(o, axis=0, return_counts=True)
    return [tuple(int(x) for x in r) for r in rows], [int(c) for c in counts]


def peer_tally(case: str, who: str, o: np.ndarray) -> Callable[[], object]:
    """The peer's tally as a call that starts, as isonomia does, from the order array.

    Each package builds its own input inside the timed call (pref_voting a Profile, which
    is where it counts the pairwise margins; votelib a dict of ranking counts; pyrankvote
    one Ballot a voter), as isonomia groups the rankings inside its timed call. The answer
    has the shape isonomia's is compared in (sorted candidate indices).
    """
    names = [f"c{i}" for i in range(10)]
    if who == "pref_voting":
        from pref_voting.profiles import Profile
        from pref_voting.proportional_methods import stv_wig
        from pref_voting.voting_methods import beat_path, instant_runoff

        def pref_voting_call() -> object:
            profile = Profile(o.tolist())
            if case == "schulze":
                return sorted(beat_path(profile))
            if case == "irv":
                return sorted(instant_runoff(profile))
            return sorted(stv_wig(profile, num_seats=3, quota_rule="droop"))

        return pref_voting_call
    if who == "votelib":
        from votelib.convert import RankedToCondorcetVotes
        from votelib.evaluate.condorcet import Schulze
        from votelib.evaluate.sequential import TransferableVoteDistributor

        def votelib_call() -> object:
            votes = dict(Counter(tuple(names[c] for c in row) for row in o.tolist()))
            if case == "schulze":
                pairs = RankedToCondorcetVotes(names).convert(votes)
                return sorted(names.index(c) for c in Schulze().evaluate(pairs, 1))
            seats = 1 if case == "irv" else 3
            stv = TransferableVoteDistributor(transferer="Gregory", quota_function="droop")
            return sorted(names.index(c) for c, k in stv.evaluate(votes, seats).items() if k)

        return votelib_call
    if who == "pyrankvote":
        import pyrankvote

        def pyrankvote_call() -> object:
            cands = [pyrankvote.Candidate(n) for n in names]
            ballots = [
                pyrankvote.Ballot(ranked_candidates=[cands[c] for c in row]) for row in o.tolist()
            ]
            if case == "irv":
                result = pyrankvote.instant_runoff_voting(cands, ballots)
            else:
                result = pyrankvote.single_transferable_vote(cands, ballots, 3)
            return sorted(names.index(c.name) for c in result.get_winners())

        return pyrankvote_call
    raise ValueError(who)


POWER_CASES = ("banzhaf", "shapley", "eu27", "eu27-persons", "power-banzhaf", "unanimity")


def power_job(case: str, who: str, n: int) -> object:
    """One power case, by isonomia or a peer; the answer is a list of floats."""
    from isonomia.voting.games import DoubleMajorityGame, WeightedGame
    from isonomia.voting.power import banzhaf, power_indices

    if who == BEFORE:  # the same calls, on an earlier tree's sources (see --before)
        who = "isonomia"
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

        # compute_pbi gives the absolute index (swings / 2**(n-1)); normalise it
        absolute = [float(x) for x in powerindices.compute_pbi(q, w)]
        return [x / sum(absolute) for x in absolute]
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
    if case in ("eu27", "eu27-persons"):
        pops = EU27_2024 if case == "eu27" else EU27_2024_PERSONS
        game = DoubleMajorityGame.from_shares(list(pops.values()), 0.55, 0.65, 4)
        r = power_indices(game, exact=True)
        return [float(x) for x in r.banzhaf] + [float(x) for x in r.shapley_shubik or ()]
    if case == "power-banzhaf":
        from isonomia.service.voting import parse_weights, power_report

        data = parse_weights(",".join(map(str, weights(n))))
        report = power_report(data, quota="0.5", index="banzhaf")
        return [p["banzhaf"] for p in report["players"]]
    if case == "unanimity":
        r = power_indices(WeightedGame((1,) * n, n), exact=True)
        return [float(x) for x in r.banzhaf[:3]]
    raise ValueError(case)


def run_case(case: str, who: str, n: int) -> dict[str, object]:
    """Run one case in this process; returns the result (for comparison) and timings."""
    from isonomia.voting.ballot_files import read_ballots
    from isonomia.voting.ballots import Ballots
    from isonomia.voting.tallies.schulze import schulze
    from isonomia.voting.tallies.transfer import instant_runoff, stv

    names = [f"c{i}" for i in range(10)]
    o = orders(n) if case in ("schulze", "irv", "stv") else None
    peer = peer_tally(case, who, o) if o is not None and who != "isonomia" else None

    def job() -> object:
        if case in POWER_CASES:
            return power_job(case, who, n)
        if case in ("file-soc", "file-txt"):
            suffix = "soc" if case == "file-soc" else "txt"
            return list(schulze(read_ballots(HERE / f".ballots_{n}.{suffix}").ballots).ranking)
        assert o is not None
        if peer is not None:
            return peer()
        ballots = Ballots.from_orders(names, o)
        if case == "schulze":
            return sorted(schulze(ballots).winners)
        if case == "irv":
            return [instant_runoff(ballots).winner]
        return sorted(stv(ballots, 3).elected)

    # timed runs without tracemalloc (it slows numpy's allocations), then one traced run
    # for the peak memory (skipped when a run takes more than 10 s)
    times = []
    result: object = None
    repeats = 1 if case == "shapley" or who not in ("isonomia", BEFORE) else 5
    for _ in range(repeats):
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
    peak: float | None = None
    if max(times) < 10:
        tracemalloc.start()
        job()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {"median": statistics.median(times), "peak_mb": peak, "result": repr(result)}


def write_files(n: int) -> None:
    """The ballots of ``orders(n)`` as PrefLib .soc and as plain text, grouped as PrefLib
    publishes them (one line a distinct ranking, most frequent first)."""
    soc, txt = HERE / f".ballots_{n}.soc", HERE / f".ballots_{n}.txt"
    if soc.exists() and txt.exists():
        return
    rankings, counts = grouped(orders(n))
    by_count = sorted(zip(counts, rankings, strict=True), key=lambda x: -x[0])
    head = [
        "# FILE NAME: bench.soc",
        "# TITLE: Plackett-Luce ballots",
        "# DATA TYPE: soc",
        "# NUMBER ALTERNATIVES: 10",
        f"# NUMBER VOTERS: {n}",
        f"# NUMBER UNIQUE ORDERS: {len(rankings)}",
    ] + [f"# ALTERNATIVE NAME {i + 1}: c{i}" for i in range(10)]
    body = [f"{k}: {','.join(str(x + 1) for x in r)}" for k, r in by_count]
    soc.write_text("\n".join(head + body) + "\n")
    declared = [f"# candidate: c{i}" for i in range(10)]
    lines = [f"{k}: {' > '.join(f'c{x}' for x in r)}" for k, r in by_count]
    txt.write_text("\n".join(declared + lines) + "\n")


def spawn(
    case: str, who: str, n: int, budget: float, before: Path | None = None
) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", case, who, str(n)]
    env = None
    if who == BEFORE and before is not None:
        env = {**os.environ, "PYTHONPATH": str(before / "src")}
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=budget, check=False, env=env
        )
    except subprocess.TimeoutExpired:
        return {"error": f"over {budget:.0f} s budget"}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1][:80]}
    parsed: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return parsed


TALLY_PEERS = {
    "schulze": ["isonomia", "pref_voting", "votelib"],
    "irv": ["isonomia", "pref_voting", "pyrankvote", "votelib"],
    "stv": ["isonomia", "pref_voting", "pyrankvote", "votelib"],
}
POWER_PEERS = ["isonomia", "powerindex", "powerindices"]
#: isonomia as of an earlier commit (``--before REV``), run beside this tree in the same run
BEFORE = "isonomia-before"
CASES = [
    ("banzhaf", 500, POWER_PEERS, "Banzhaf, 500 players"),
    ("shapley", 200, POWER_PEERS, "Shapley–Shubik, 200 players"),
    ("shapley", 500, POWER_PEERS, "Shapley–Shubik, 500 players"),
    ("eu27", 27, ["isonomia"], "EU-27 double majority, both indices exact"),
    ("eu27-persons", 27, ["isonomia"], "EU-27 double majority, populations in persons, exact"),
    ("power-banzhaf", 500, ["isonomia"], "power --index banzhaf, 500 players (service report)"),
    ("unanimity", 10_000, ["isonomia"], "Unanimity of 10,000 equal members, both indices exact"),
    ("schulze", 1_000_000, ["isonomia"], "Schulze, 1,000,000 ballots in memory"),
    ("stv", 1_000_000, ["isonomia"], "STV 3 seats, 1,000,000 ballots in memory"),
    ("file-soc", 1_000_000, ["isonomia"], "read .soc (PrefLib) of 1,000,000 ballots + Schulze"),
    ("file-txt", 1_000_000, ["isonomia"], "read plain text of 1,000,000 ballots + Schulze"),
    ("schulze", 100_000, TALLY_PEERS["schulze"], "Schulze, 100,000 ballots"),
    ("irv", 100_000, TALLY_PEERS["irv"], "IRV, 100,000 ballots"),
    ("stv", 100_000, TALLY_PEERS["stv"], "STV 3 seats, 100,000 ballots"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller budgets")
    parser.add_argument("--only", help="run only the cases whose label contains this text")
    parser.add_argument("--one", nargs=3)
    parser.add_argument(
        "--before", metavar="REV", help="also run the power cases on commit REV's sources"
    )
    args = parser.parse_args()
    if args.one:
        case, who, n = args.one
        print(json.dumps(run_case(case, who, int(n))))
        return
    budget = 20.0 if args.quick else 60.0
    write_files(1_000_000)
    before: Path | None = None
    if args.before:
        before = Path(tempfile.mkdtemp(prefix="isonomia-before-"))
        archive = subprocess.run(
            ["git", "-C", str(HERE.parent), "archive", args.before, "src"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
    rows = [
        "| case | package | median s | peak MB | same result | vs isonomia |",
        "|---|---|---|---|---|---|",
    ]
    for case, n, peers, label in CASES:
        if args.only and args.only not in label:
            continue
        ours: dict[str, object] | None = None
        if before is not None and case in POWER_CASES:
            peers = [peers[0], BEFORE, *peers[1:]]
        for who in peers:
            r = spawn(case, who, n, budget, before)
            if "error" in r:
                name = f"isonomia before ({args.before})" if who == BEFORE else who
                rows.append(f"| {label} | {name} | – | – | {r['error']} | |")
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
            name = f"isonomia before ({args.before})" if who == BEFORE else who
            rows.append(
                f"| {label} | {name} | {float(r['median']):.3f} "  # type: ignore[arg-type]
                f"| {_mb(r['peak_mb'])} | {same} | {ratio} |"
            )
            print(label, who, r["median"], flush=True)
    if args.only:
        print("\n".join(rows))
        return
    readme = HERE / "README.md"
    text = readme.read_text() if readme.exists() else "# Benchmarks\n"
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    table = start + "\n" + "\n".join(rows) + "\n" + end
    if start in text and end in text:
        text = text[: text.index(start)] + table + text[text.index(end) + len(end) :]
    else:
        text += "\n" + table + "\n"
    readme.write_text(text)


def _mb(value: object) -> str:
    return "–" if value is None else f"{float(value):.0f}"  # type: ignore[arg-type]


def _same(a: dict[str, object], b: dict[str, object]) -> str:
    try:
        x = np.array(eval(str(a["result"])), dtype=float)
        y = np.array(eval(str(b["result"])), dtype=float)
        return "yes" if x.shape == y.shape and np.allclose(x, y, rtol=0, atol=1e-12) else "NO"
    except Exception:  # peers return different shapes; compare textually
        return "yes" if a["result"] == b["result"] else "differs"


if __name__ == "__main__":
    main()
