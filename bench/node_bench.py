"""A member's node's first sync: how fast `isonomia node follow` takes a record over HTTP.

A 1922 union is grown as `replay_bench.py` grows it (every entry derived from a real signed
envelope, so the node must re-derive each one, signature included), checkpointed with the
log key, and served by `isonomia serve` in its own process on 127.0.0.1. A node then makes
its first sync in this process (`service.node.Node`, pages of 1,000 entries, a SQLite or
PostgreSQL database of its own): fetching each page, chaining, replaying, storing entries,
read tables and tree, checking the checkpoint. Reported: wall seconds, entries a second,
the node's processor seconds, and its peak resident memory (a second, larger run shows
whether memory stays flat). `python bench/node_bench.py [--entries N ...] [--backend
sqlite|postgresql]`; the table goes to bench/README.md between the node markers.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from isonomia.service import Keyring, Node, Transparency

sys.path.insert(0, str(Path(__file__).parent))
from replay_bench import found, grow

README = Path(__file__).with_name("README.md")
SRC = Path(__file__).resolve().parents[1] / "src"
PG = os.environ.get("ISONOMIA_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("ISONOMIA_DATABASE_URL", None)
    code = "from isonomia.cli.main import run; run()"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--db", url, "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/union", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def _cpu(pid: int) -> float:
    """Processor seconds (user and system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _node_url(backend: str, work: Path, entries: int) -> str:
    if backend == "sqlite":
        return f"sqlite:///{work / f'node-{entries}.db'}"
    import sqlalchemy as sa

    name = f"node_bench_{entries}"
    admin = sa.create_engine(
        PG.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return PG.rsplit("/", 1)[0] + f"/{name}"


def one_run(entries: int, backend: str, work: Path) -> dict[str, float]:
    union_url = f"sqlite:///{work / f'union-{entries}.db'}"
    keys = work / f"keys-{entries}"
    fed = found(union_url, keys)
    keyring = Keyring(keys, provision=True)
    built, _ = grow(fed, keyring, entries)
    size = Transparency(fed).make_checkpoint(keyring).size
    fed.close()
    port = _free_port()
    server = _serve(union_url, port, work / f"serve-{entries}.log")
    try:
        node = Node(_node_url(backend, work, entries), f"http://127.0.0.1:{port}", page=1000)
        served = _cpu(server.pid)
        wall, cpu = time.perf_counter(), time.process_time()
        report = node.sync()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        served = _cpu(server.pid) - served
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not report.alarms, report.alarms
    assert report.held == size and report.accepted == size, report
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{entries}: built in {built:.1f} s; synced in {wall:.1f} s", file=sys.stderr)
    return {
        "entries": size,
        "wall": wall,
        "cpu": cpu,
        "rate": size / wall,
        "rss": rss,
        "server": served,
        "load": os.getloadavg()[0],
    }


def row(backend: str, run: dict[str, float]) -> str:
    return (
        f"| {int(run['entries']):,} | {backend} | {run['wall']:.1f} | {run['rate']:,.0f} | "
        f"{run['cpu']:.1f} | {run['entries'] / run['cpu']:,.0f} | {run['server']:.1f} | "
        f"{run['rss']:.0f} | {run['load']:.1f} |"
    )


def write_readme(rows: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    table = "\n".join(
        [
            "<!-- node:start -->",
            "| entries | node's database | wall s | entries/s | node CPU s | entries/CPU s "
            "| server CPU s | node peak RSS MB | load |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows,
            "<!-- node:end -->",
        ]
    )
    pattern = re.compile(r"<!-- node:start -->.*?<!-- node:end -->", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(table, text)
    else:
        text += "\n" + table + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[10_000])
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql"), nargs="+", default=["sqlite"]
    )
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    rows = []
    runs = [(n, b) for b in args.backend for n in args.entries]
    with tempfile.TemporaryDirectory(prefix="isonomia-node-bench-") as folder:
        for entries, backend in runs:
            if len(runs) > 1:  # each run in a process of its own: peak memory is that run's
                again = [sys.executable, __file__, "--entries", str(entries), "--no-readme"]
                done = subprocess.run(
                    [*again, "--backend", backend], capture_output=True, text=True, check=True
                )
                rows.append(done.stdout.strip())
            else:
                rows.append(row(backend, one_run(entries, backend, Path(folder))))
            print(rows[-1], flush=True)
    if not args.no_readme:
        write_readme(rows)


if __name__ == "__main__":
    main()
