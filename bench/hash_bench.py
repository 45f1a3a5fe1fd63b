"""Verification near the floor: the chain and tree checks against bare SHA-256, before and
after, in the same run, on SQLite and PostgreSQL.

Usage: python bench/hash_bench.py [--entries N] [--url postgresql://...] [--before REV]
[--rounds R]

Builds N entries of about 600 bytes of canonical JSON with their stored Merkle tree (as
``bench/tlog_bench.py`` builds them, in a child process), then runs R rounds; in each, two
child processes, one with the sources of ``--before`` (a git revision, extracted with ``git
archive``; default ``main``) and one with this checkout's, alternating which goes first.
Each child times, on CPU: one bare ``hashlib.sha256`` per entry over its canonical bytes
(the floor), the chain's verification (``ledger_store.verify``, what ``isonomia ledger
verify`` and ``Federation.verify_ledger`` run) and the stored tree's check
(``merkle_nodes.check``). Prints medians and ratios to the bare hash as a Markdown table.
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
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def child(url: str, n: int) -> None:
    """In a process whose isonomia is the version measured: bare, chain and tree, CPU s."""
    sys.path.insert(0, str(BENCH))
    from isonomia.store import ledger_store, merkle_nodes
    from isonomia.store.db import Database
    from tlog_bench import _bare

    bare = _bare(n)[1]
    db = Database(url)
    with db.reading() as conn:
        started = time.process_time()
        ok = ledger_store.verify(conn).ok
        chain = time.process_time() - started
        started = time.process_time()
        problem = merkle_nodes.check(conn, None)
        tree = time.process_time() - started
    db.dispose()
    assert ok and problem is None, problem
    print(json.dumps({"bare": bare, "chain": chain, "tree": tree}))


def _measure(src: Path, url: str, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", "--url", url, "--entries", str(n)]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a new SQLite file)")
    parser.add_argument("--before", default="main", help="git revision measured as before")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.url, args.entries)
        return
    with tempfile.TemporaryDirectory() as folder:
        before = Path(folder) / "before"
        before.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.before, "src"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        build = [sys.executable, str(BENCH / "tlog_bench.py"), "--build-only", "--url", url]
        subprocess.run([*build, "--entries", str(args.entries)], env=env, check=True)
        runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        versions = {"before": before / "src", "after": ROOT / "src"}
        for r in range(args.rounds):
            for name in ("before", "after") if r % 2 == 0 else ("after", "before"):
                runs[name].append(_measure(versions[name], url, args.entries))
    _print(args.entries, args.before, runs)


def _print(n: int, before: str, runs: dict[str, list[dict[str, float]]]) -> None:
    print(f"\n{n:,} entries, {len(runs['after'])} rounds, CPU seconds, medians\n")
    print("| code | bare sha256 | chain | tree | chain + tree | µs an entry | ratio to bare |")
    print("|---|---|---|---|---|---|---|")
    for name, label in (("before", f"before (`{before}`)"), ("after", "after")):
        med = {
            k: statistics.median(run[k] for run in runs[name]) for k in ("bare", "chain", "tree")
        }
        both, bare = med["chain"] + med["tree"], med["bare"]
        print(
            f"| {label} | {bare:.2f} s | {med['chain']:.2f} s ({med['chain'] / bare:.1f}x)"
            f" | {med['tree']:.2f} s ({med['tree'] / bare:.1f}x) | {both:.2f} s"
            f" | {both / n * 1e6:.1f} | {both / bare:.1f}x |"
        )


if __name__ == "__main__":
    main()
