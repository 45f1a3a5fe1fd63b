"""A member's node's first sync: how fast `isonomia node follow` takes a record over HTTP.

A 1922 union is grown as `replay_bench.py` grows it (every entry derived from a real signed
envelope, so the node must re-derive each one, signature included), checkpointed with the
log key, and served by `isonomia serve` in its own process on 127.0.0.1. A node then makes
its first sync in this process (`service.node.Node`, pages of 1,000 entries, a SQLite or
PostgreSQL database of its own): fetching each page, chaining, replaying, storing entries,
read tables and tree, checking the checkpoint. Reported: wall seconds, entries a second,
the node's processor seconds, and its peak resident memory (a second, larger run shows
whether memory stays flat). `python bench/node_bench.py [--entries N ...] [--backend
sqlite|postgresql] [--work DIR] [--grow-only] [--before SRC]`; the table goes to
bench/README.md between the node markers.

``--work DIR`` keeps the grown unions there, so a later run (or ``--grow-only`` ahead of
time) reuses them. ``--before SRC`` runs each size twice, one after the other in processes of
their own: on the sources in SRC (another tree's ``src``, say main's), then on this tree's,
the server served from the same sources as its node.
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
import sqlalchemy as sa

import isonomia
from isonomia.service import Federation, Keyring, Node, Transparency

sys.path.insert(0, str(Path(__file__).parent))
from replay_bench import found, grow

README = Path(__file__).with_name("README.md")
#: The sources this process runs (the server is served from the same).
SRC = Path(isonomia.__file__).resolve().parents[1]
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
                # the server's own start (its state folded) is not the node's: waited for
                httpx.get(f"http://127.0.0.1:{port}/api/v1/ledger/head", timeout=900)
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
    if backend == "sqlite":  # a node's first sync: its database new
        for old in work.glob(f"node-{entries}.db*"):
            old.unlink()
        return f"sqlite:///{work / f'node-{entries}.db'}"

    name = f"node_bench_{entries}"
    admin = sa.create_engine(
        PG.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return PG.rsplit("/", 1)[0] + f"/{name}"


def union_of(entries: int, work: Path) -> tuple[str, int, float]:
    """The union of ``entries`` entries in ``work``, grown and checkpointed unless a run
    before left it there whole; (its URL, its size, seconds spent growing it)."""
    union_url = f"sqlite:///{work / f'union-{entries}.db'}"
    done = work / f"union-{entries}.size"
    if done.exists():
        return union_url, int(done.read_text()), 0.0
    keys = work / f"keys-{entries}"
    keyring = Keyring(keys, provision=True)
    if (work / f"union-{entries}.db").exists():  # a grow stopped half way: it goes on
        fed = Federation(union_url, signer=keyring)
        with fed.db.plain_reading() as conn:
            made = conn.execute(
                sa.text(
                    "SELECT count(DISTINCT command_id) FROM ledger WHERE command_id LIKE 'bulk-%'"
                )
            ).scalar_one()
        built, _ = grow(fed, keyring, entries, int(made))
    else:
        fed = found(union_url, keys)
        built, _ = grow(fed, keyring, entries)
    size = Transparency(fed).make_checkpoint(keyring).size
    fed.close()
    done.write_text(str(size))
    return union_url, size, built


def one_run(entries: int, backend: str, work: Path) -> dict[str, float]:
    union_url, size, _ = union_of(entries, work)
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
    print(f"{entries}: synced in {wall:.1f} s", file=sys.stderr)
    return {
        "entries": size,
        "wall": wall,
        "cpu": cpu,
        "rate": size / wall,
        "rss": rss,
        "server": served,
        "load": os.getloadavg()[0],
    }


def row(backend: str, code: str, run: dict[str, float]) -> str:
    return (
        f"| {int(run['entries']):,} | {backend} | {code} | {run['wall']:.1f} | "
        f"{run['rate']:,.0f} | "
        f"{run['cpu']:.1f} | {run['entries'] / run['cpu']:,.0f} | {run['server']:.1f} | "
        f"{run['rss']:.0f} | {run['load']:.1f} |"
    )


def write_readme(rows: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    table = "\n".join(
        [
            "<!-- node:start -->",
            "| entries | node's database | code | wall s | entries/s | node CPU s "
            "| entries/CPU s | server CPU s | node peak RSS MB | load |",
            "|---|---|---|---|---|---|---|---|---|---|",
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


def _child(entries: int, backend: str, code: str, folder: Path, before: Path | None) -> str:
    """One sync in a process of its own, of a union grown before in another: its processor
    time and peak memory are the node's alone (not the grown union's, nor another run's)."""
    again = [sys.executable, __file__, "--entries", str(entries), "--sync-only"]
    again += ["--work", str(folder), "--backend", backend, "--code", code]
    source = before if code == "before" and before is not None else SRC
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(again, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"the {code} run of {entries:,} on {backend} failed:\n{done.stderr}")
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[10_000])
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql"), nargs="+", default=["sqlite"]
    )
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument(
        "--work", type=Path, help="a folder to keep the grown unions in, reused by later runs"
    )
    parser.add_argument("--grow-only", action="store_true", help="grow the unions, sync none")
    parser.add_argument(
        "--before", type=Path, help="another tree's src folder: each run also on its sources"
    )
    parser.add_argument("--code", default="this branch", help=argparse.SUPPRESS)
    parser.add_argument("--sync-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sync_only:  # a child: one sync of a union grown before, its row on stdout
        entries, backend = args.entries[0], args.backend[0]
        print(row(backend, args.code, one_run(entries, backend, args.work)))
        return
    rows = []
    codes = ["before", "after"] if args.before else [args.code]
    runs = [(n, b, c) for b in args.backend for n in args.entries for c in codes]
    with tempfile.TemporaryDirectory(prefix="isonomia-node-bench-") as temporary:
        folder = args.work or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for entries in args.entries:
            _, size, built = union_of(entries, folder)
            print(f"{size:,} entries, grown in {built:.0f} s", file=sys.stderr, flush=True)
        if args.grow_only:
            return
        for entries, backend, code in runs:
            rows.append(_child(entries, backend, code, folder, args.before))
            print(rows[-1], flush=True)
    if not args.no_readme:
        write_readme(rows)


if __name__ == "__main__":
    main()
