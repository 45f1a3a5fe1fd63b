"""Verification near the floor: the chain and tree checks against bare SHA-256, before and
after, in the same run, on SQLite and PostgreSQL.

Usage: python bench/hash_bench.py [--entries N] [--url postgresql://...] [--before REV]
[--after REV] [--rounds R]

Builds N entries of about 600 bytes of canonical JSON with their stored Merkle tree (as
``bench/tlog_bench.py`` builds them, in a child process), then runs R rounds; in each, two
child processes, one with the sources of ``--before`` and one with those of ``--after``
(git revisions, extracted with ``git archive``; default ``main`` and ``HEAD``), alternating
which goes first. Each child times, on CPU: one bare ``hashlib.sha256`` per entry over its
canonical bytes (the floor), reading the entries' rows and nothing else (the database
driver's share), the chain's verification (``ledger_store.verify``, what ``isonomia ledger
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
        count = sum(1 for _ in ledger_store._rows(conn, 0, 1000))
        rows = time.process_time() - started
        started = time.process_time()
        ok = ledger_store.verify(conn).ok
        chain = time.process_time() - started
        started = time.process_time()
        problem = merkle_nodes.check(conn, None)
        tree = time.process_time() - started
    db.dispose()
    assert ok and problem is None and count == n, problem
    print(json.dumps({"bare": bare, "rows": rows, "chain": chain, "tree": tree}))


def _measure(src: Path, url: str, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", "--url", url, "--entries", str(n)]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _extract(revision: str, folder: Path) -> Path:
    """The sources of ``revision`` in ``folder``, so edits to the checkout during a run
    change nothing measured."""
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a new SQLite file)")
    parser.add_argument("--before", default="main", help="git revision measured as before")
    parser.add_argument("--after", default="HEAD", help="git revision measured as after")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.url, args.entries)
        return
    with tempfile.TemporaryDirectory() as folder:
        versions = {
            name: _extract(rev, Path(folder) / name)
            for name, rev in (("before", args.before), ("after", args.after))
        }
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        build = [sys.executable, str(BENCH / "tlog_bench.py"), "--build-only", "--url", url]
        subprocess.run([*build, "--entries", str(args.entries)], env=env, check=True)
        runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for r in range(args.rounds):
            for name in ("before", "after") if r % 2 == 0 else ("after", "before"):
                runs[name].append(_measure(versions[name], url, args.entries))
    _print(args.entries, (args.before, args.after), runs)


def _print(n: int, revisions: tuple[str, str], runs: dict[str, list[dict[str, float]]]) -> None:
    print(f"\n{n:,} entries, {len(runs['after'])} rounds, CPU seconds, medians\n")
    print(
        "| code | bare sha256 | reading the rows alone | chain | tree | chain + tree"
        " | µs an entry | ratio to bare |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, revision in zip(("before", "after"), revisions, strict=True):
        keys = ("bare", "rows", "chain", "tree")
        med = {k: statistics.median(run[k] for run in runs[name]) for k in keys}
        both, bare = med["chain"] + med["tree"], med["bare"]
        cells = [f"{name} (`{revision}`)", f"{bare:.2f} s"]
        cells += [f"{med[k]:.2f} s ({med[k] / bare:.1f}x)" for k in ("rows", "chain", "tree")]
        cells += [f"{both:.2f} s", f"{both / n * 1e6:.1f}", f"{both / bare:.1f}x"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
