"""`projections rebuild` on a long record, before and after, in the same run, on SQLite and
PostgreSQL.

Usage: python bench/rebuild_bench.py --record SQLITE_FILE [--backend sqlite postgresql]
[--before REV] [--after REV] [--rounds R] [--admin-url postgresql://USER@HOST/postgres]

The record is one made beforehand by ``bench/scale_record.py`` (a SQLite file). Each round
runs, for each version (``--before`` and ``--after``: git revisions whose ``src`` is
extracted with ``git archive``, default ``main`` and ``HEAD``; the order alternates between
rounds), a child process with that version's sources that rebuilds the read tables of a
fresh copy of the record (``Federation.rebuild_projections``, what ``isonomia projections
rebuild`` runs), and reports wall and processor seconds, whether the rebuilt tables equal
the live ones, and its peak resident memory. On SQLite the copy is a copy of the file; on
PostgreSQL the record is copied once into a template database (``bench/scale_copy.py``) and
each run gets a new database made from it (``CREATE DATABASE … TEMPLATE``). Databases are
named ``rebuild_*`` and dropped at the end. Prints a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TEMPLATE = "rebuild_template"
RUN = "rebuild_run"


def child(url: str) -> None:
    """In a process whose isonomia is the version measured: one rebuild, timed."""
    from isonomia.service import Federation

    federation = Federation(url)
    length = federation.ledger_length()
    rss_before = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    started, cpu = time.perf_counter(), time.process_time()
    replayed, equal = federation.rebuild_projections()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    federation.close()
    result = {
        "entries": length,
        "replayed": replayed,
        "equal": equal,
        "wall": wall,
        "cpu": cpu,
        "rss_before_mb": rss_before / 2**20,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg()[0],
    }
    print(json.dumps(result))


def _extract(revision: str, folder: Path) -> Path:
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def _admin(url: str, *statements: str) -> None:
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()


def _database_url(admin_url: str, name: str) -> str:
    return sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _measure(src: Path, url: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", "--url", url]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _fresh_copy(backend: str, record: Path, folder: Path, admin_url: str) -> str:
    if backend == "sqlite":
        target = folder / "run.db"
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(record, target)
        return f"sqlite:///{target}"
    _admin(
        admin_url, f"DROP DATABASE IF EXISTS {RUN}", f"CREATE DATABASE {RUN} TEMPLATE {TEMPLATE}"
    )
    return _database_url(admin_url, RUN)


def _template(record: Path, admin_url: str) -> None:
    _admin(admin_url, f"DROP DATABASE IF EXISTS {TEMPLATE}", f"CREATE DATABASE {TEMPLATE}")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    copy = [sys.executable, str(BENCH / "scale_copy.py"), f"sqlite:///{record}"]
    subprocess.run([*copy, _database_url(admin_url, TEMPLATE)], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", type=Path, help="a SQLite record made by scale_record.py")
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--before", default="main", help="git revision measured as before")
    parser.add_argument("--after", default="HEAD", help="git revision measured as after")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.url)
        return
    record = args.record.resolve()
    rows: list[tuple[str, str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        versions = {
            v: _extract(rev, folder / v)
            for v, rev in (("before", args.before), ("after", args.after))
        }
        try:
            for backend in args.backend:
                if backend == "postgresql":
                    _template(record, args.admin_url)
                for r in range(args.rounds):
                    for version in ("before", "after") if r % 2 == 0 else ("after", "before"):
                        url = _fresh_copy(backend, record, folder, args.admin_url)
                        result = _measure(versions[version], url)
                        print(backend, version, json.dumps(result), flush=True)
                        rows.append((backend, version, result))
        finally:
            if "postgresql" in args.backend:
                _admin(
                    args.admin_url,
                    f"DROP DATABASE IF EXISTS {RUN}",
                    f"DROP DATABASE IF EXISTS {TEMPLATE}",
                )
    _print(rows, {"before": args.before, "after": args.after})


def _print(rows: list[tuple[str, str, dict[str, float]]], revisions: dict[str, str]) -> None:
    print(
        "\n| database | code | entries | runs | wall s (median) | processor s | ms an entry"
        " | equal | RSS before MB | peak RSS MB | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for backend in dict.fromkeys(b for b, _, _ in rows):
        for version in ("before", "after"):
            runs = [r for b, v, r in rows if b == backend and v == version]
            if not runs:
                continue
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            entries = int(runs[0]["entries"])
            cells = [
                "SQLite" if backend == "sqlite" else "PostgreSQL",
                f"{version} (`{revisions[version]}`)",
                f"{entries:,}",
                str(len(runs)),
                f"{wall:.1f}",
                f"{cpu:.1f}",
                f"{wall / entries * 1000:.3f}",
                "yes" if all(r["equal"] for r in runs) else "NO",
                f"{max(r['rss_before_mb'] for r in runs):.0f}",
                f"{max(r['peak_mb'] for r in runs):.0f}",
                "–".join(f"{r['load']:.1f}" for r in runs),
            ]
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
