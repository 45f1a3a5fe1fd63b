"""Start-up of read commands: wall-clock paired runs against the floor of importing
SQLAlchemy and pydantic, and against an earlier tree of this repository.

    python bench/startup_bench.py --db UNION.db [--before REV] [--runs 7]

Each round runs, one after another in a rotating order, the floor
(`python -c 'import sqlalchemy, pydantic'`) and every read command (`members`,
`presidency`, `appeal list`) on this tree and, with `--before`, on commit REV's sources
(`git archive`), each in a fresh process started as the `isonomia` script is. Times are
medians over the rounds; the ratio is to the floor's median of the same rounds. It also
says which of numpy, Alembic, the rules and the web one run of each command imported
(`python -X importtime`). Prints Markdown rows for bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
READS = (("members",), ("presidency",), ("appeal", "list"))
FLOOR = "import sqlalchemy, pydantic"
#: started as the `isonomia` script is: the command line is known before the CLI is built
SCRIPT = (
    "import sys; sys.argv = ['isonomia', *sys.argv[1:]]; from isonomia.cli.main import run; run()"
)
WATCHED = ("numpy", "alembic", "isonomia.rules", "isonomia.web")


def _run(code: str, args: tuple[str, ...], src: Path, extra: tuple[str, ...] = ()) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *extra, "-c", code, *args], capture_output=True, env=env, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args) or code} failed: {done.stderr.decode()[-300:]}")
    return elapsed


def imported(args: tuple[str, ...], src: Path) -> list[str]:
    """Which of `WATCHED` one run of the command imports."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    names = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return [w for w in WATCHED if w in names]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="a union's database (e.g. the demo's)")
    parser.add_argument("--before", metavar="REV", help="also time commit REV's sources")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    trees = {"after": SRC}
    if args.before:
        folder = Path(tempfile.mkdtemp(prefix="isonomia-before-"))
        archive = subprocess.run(
            ["git", "-C", str(HERE.parent), "archive", args.before, "src"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        trees = {"before": folder / "src", **trees}
    jobs: list[tuple[str, tuple[str, ...], str]] = [("floor", (), "")]
    jobs += [(tree, (*read, "--db", args.db), tree) for read in READS for tree in trees]
    times: dict[tuple[str, tuple[str, ...]], list[float]] = {(t, a): [] for t, a, _ in jobs}
    for round_ in range(args.runs):
        shift = round_ % len(jobs)  # rotate, so that no job always runs first or last
        for tree, command, _ in jobs[shift:] + jobs[:shift]:
            if tree == "floor":
                elapsed = _run(FLOOR, (), SRC)
            else:
                elapsed = _run(SCRIPT, command, trees[tree])
            times[(tree, command)].append(elapsed)
    floor = statistics.median(times[("floor", ())])
    header = "| command | " + " | ".join(f"{t} s" for t in trees) + " | floor s | "
    header += " | ".join(f"{t} / floor" for t in trees) + " | imports (after) |"
    print(header)
    print("|" + "---|" * (2 + 2 * len(trees) + 1))
    for read in READS:
        command = (*read, "--db", args.db)
        medians = [statistics.median(times[(t, command)]) for t in trees]
        cells = [f"{m:.2f}" for m in medians] + [f"{floor:.2f}"]
        cells += [f"{m / floor:.1f}x" for m in medians]
        loaded = ", ".join(imported(command, SRC)) or "none of " + ", ".join(WATCHED)
        print(f"| `isonomia {' '.join(read)}` | " + " | ".join(cells) + f" | {loaded} |")


if __name__ == "__main__":
    main()
