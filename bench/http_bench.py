"""HTTP benchmark: signed votes cast through the JSON API under load, on SQLite and
PostgreSQL, with one and several uvicorn workers.

``python bench/http_bench.py [--backend sqlite|postgresql ...] [--workers 1 4 ...]
[--members 48] [--users 24] [--seconds 60] [--rate 400] [--profile]``

For each backend and worker count: a fresh union (`http_union.build`: equal members, one
delegate each, open motions of one council session, API tokens), every vote signed ahead
by the delegates' keys (`http_union.presign`), the app served by uvicorn
(`isonomia.web.app:factory`, as `isonomia serve` serves it, access log off), and locust
run headless (`http_votes_locustfile.py`): each user posts its envelopes with no wait,
until they are spent or `--seconds` have passed. Enough motions are tabled for `--rate`
votes a second over the run.

Then, the server stopped: the votes in the record are counted against the 201 answers
(none lost, none counted twice: the same command ids, once each) and `isonomia ledger
verify` must pass. It prints one Markdown row a run: commands a second (201 answers over
the run's wall clock), latency p50 and p99 in ms, answers that were not 201, the checks.

``--profile`` serves the app through `http_timing.py` instead, which times the
pipeline's steps and profiles the submissions with cProfile in each worker, and prints
where the time of a command goes.

PostgreSQL: a database of the benchmark's own (``--pg-url``, default
``postgresql://postgres@127.0.0.1:5432/httpbench``), emptied (its schema dropped) first.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import http_union  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/httpbench"
LOCUSTFILE = BENCH / "http_votes_locustfile.py"


@dataclass
class Run:
    backend: str
    workers: int
    users: int
    sent: int
    ok: int
    seconds: float
    p50: float
    p99: float
    other: dict[int, int]
    in_record: int
    same_ids: bool
    verified: bool
    #: CPU seconds the server's processes used during the run.
    server_cpu: float = float("nan")

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def row(self) -> str:
        others = ", ".join(f"{n}×{code}" for code, n in sorted(self.other.items())) or "none"
        counted = "yes" if self.in_record == self.ok and self.same_ids else "NO"
        return (
            f"| {self.backend} | {self.workers} | {self.users} | {self.ok:,} | "
            f"{self.rate:.0f} | {self.p50:.0f} | {self.p99:.0f} | "
            f"{self.server_cpu * 1000 / max(self.ok, 1):.1f} | {others} | "
            f"{counted} ({self.in_record:,}) | {'passes' if self.verified else 'FAILS'} |"
        )


HEADER = (
    "| backend | workers | users | votes recorded | votes/s | p50 ms | p99 ms | "
    "server CPU ms/vote | other answers | record = 201s | ledger verify |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(BENCH.parent / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, str(BENCH), env.get("PYTHONPATH")) if p)
    return env


def fresh_url(backend: str, work: Path, pg_url: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{work / 'union.db'}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_url


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(url: str, workers: int, port: int, timing: Path | None) -> subprocess.Popen[bytes]:
    env = _env() | {"ISONOMIA_DATABASE_URL": url}
    app = "isonomia.web.app:factory"
    if timing is not None:
        env["HTTPBENCH_TIMING"] = str(timing)
        app = "http_timing:factory"
    command = [sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    command += ["--log-level", "warning", "--app-dir", str(BENCH)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/me", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("the server did not answer within 60 s")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of a process and its children so far, from /proc."""
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
        for each in pids:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")
    return total


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_locust(port: int, users: int, seconds: int, envelopes: Path, results: Path) -> None:
    env = _env() | {"HTTPBENCH_ENVELOPES": str(envelopes), "HTTPBENCH_RESULTS": str(results)}
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    command += ["--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s"]
    command += ["--stop-timeout", "60", "--host", f"http://127.0.0.1:{port}"]
    command += ["--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def _percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def check_record(url: str, ok_ids: list[str]) -> tuple[int, bool, bool]:
    """(votes in the record, whether they are the 201 answers' commands once each,
    whether `ledger verify` passes)."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT command_id FROM ledger WHERE event_type = 'VoteCast'")
        ).all()
    engine.dispose()
    recorded = [r[0] for r in rows]
    same = len(set(recorded)) == len(recorded) and sorted(recorded) == sorted(ok_ids)
    verify = [sys.executable, "-m", "isonomia.cli.main", "ledger", "verify", "--db", url]
    done = subprocess.run(verify, env=_env(), capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout, done.stderr, file=sys.stderr)
    return len(recorded), same, done.returncode == 0


@dataclass(frozen=True)
class Plan:
    members: int
    users: int
    seconds: int
    rate: int
    pg_url: str


def one_run(backend: str, workers: int, plan: Plan, timing: Path | None = None) -> Run:
    """A fresh union, its votes signed, served and loaded; the record checked after."""
    motions = max(1, -(-plan.rate * plan.seconds // plan.members))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = fresh_url(backend, work, plan.pg_url)
        started = time.perf_counter()
        delegates = http_union.build(url, work, plan.members, motions)
        built = time.perf_counter() - started
        started = time.perf_counter()
        shards = http_union.presign(delegates, motions, plan.users)
        envelopes = work / "envelopes.json"
        http_union.write_shards(envelopes, shards)
        signed = sum(len(s) for s in shards)
        print(
            f"{backend}, {workers} worker(s): {plan.members} members, {motions} motions "
            f"recorded in {built:.0f} s; {signed:,} votes signed in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        port = _free_port()
        server = start_server(url, workers, port, timing)
        results = work / "answers.json"
        try:
            idle = cpu_seconds(server.pid)
            run_locust(port, plan.users, plan.seconds, envelopes, results)
            busy = cpu_seconds(server.pid) - idle
        finally:
            stop_server(server)
        answers = json.loads(results.read_text(encoding="utf-8"))["answers"]
        run = _summarise(backend, workers, plan.users, url, answers)
        run.server_cpu = busy
        return run


def _summarise(backend: str, workers: int, users: int, url: str, answers: list[list[Any]]) -> Run:
    ok = [a for a in answers if a[2] == 201]
    other: dict[int, int] = {}
    for a in answers:
        if a[2] != 201:
            other[a[2]] = other.get(a[2], 0) + 1
    latencies = sorted(a[1] for a in ok)
    first = min((a[0] - a[1] / 1000 for a in answers), default=0.0)
    last = max((a[0] for a in answers), default=0.0)
    in_record, same, verified = check_record(url, [a[3] for a in ok])
    return Run(
        backend=backend,
        workers=workers,
        users=users,
        sent=len(answers),
        ok=len(ok),
        seconds=last - first,
        p50=_percentile(latencies, 0.50),
        p99=_percentile(latencies, 0.99),
        other=other,
        in_record=in_record,
        same_ids=same,
        verified=verified,
    )


STEPS = [
    "request",
    "request (CPU)",
    "group",
    "lock wait",
    "fold",
    "signature",
    "decide",
    "ledger append",
    "projection",
    "commit",
    "chain check",
    "append lock",
    "sql statement",
    "token lookup",
    "token lookup (CPU)",
    "sql outside submissions",
]


def report_timing(timing: Path, run: Run) -> None:
    """Each step's median and share of the submissions' time, and cProfile's top lines."""
    import pstats

    times: dict[str, list[float]] = {}
    for part in sorted(timing.glob("timing-*.json")):
        for step, values in json.loads(part.read_text(encoding="utf-8")).items():
            times.setdefault(step, []).extend(values)
    # Shares of the time spent recording (the groups' transactions; before group commit,
    # the submissions), so steps inside the lock add up to at most 100 %.
    total = sum(times.get("group") or times.get("request", [])) or 1.0
    print("| step | calls | median ms | mean ms | share of the recording time |")
    print("|---|---|---|---|---|")
    for step in STEPS:
        values = times.get(step, [])
        if values:
            print(
                f"| {step} | {len(values):,} | {statistics.median(values) * 1000:.2f} | "
                f"{statistics.fmean(values) * 1000:.2f} | {sum(values) / total:.0%} |"
            )
    sizes = times.get("group size", [])
    if sizes:
        print(
            f"{len(sizes):,} transactions for {int(sum(sizes)):,} commands: median "
            f"{statistics.median(sizes):.0f}, mean {statistics.fmean(sizes):.1f}, "
            f"largest {int(max(sizes))} a transaction"
        )
    busy = total / run.seconds if run.seconds else 0.0
    print(f"submissions were running {busy:.0%} of the run's wall clock (summed over workers)")
    inside = sum(times.get("request (CPU)", [])) / max(run.ok, 1)
    print(f"CPU a vote: {run.server_cpu * 1000 / max(run.ok, 1):.1f} ms in the server, ", end="")
    print(f"{inside * 1000:.1f} ms of it inside the submission")
    stats: pstats.Stats | None = None
    for part in sorted(timing.glob("profile-*.prof")):
        try:  # a worker stopped while writing leaves a short or empty file: skip it
            stats = pstats.Stats(str(part)) if stats is None else stats.add(str(part))
        except (EOFError, TypeError, ValueError) as error:
            print(f"skipped {part.name}: not a whole profile ({error})")
    if stats is None:
        print("no whole profile was written")
        return
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 4])
    parser.add_argument("--members", type=int, default=48)
    parser.add_argument("--users", type=int, default=24)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rate", type=int, default=150, help="votes a second to sign for")
    parser.add_argument("--profile", action="store_true", help="the pipeline's steps timed")
    parser.add_argument("--pg-url", default=PG_URL)
    args = parser.parse_args()
    plan = Plan(args.members, args.users, args.seconds, args.rate, args.pg_url)
    rows: list[Run] = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        for workers in args.workers:
            if not args.profile:
                rows.append(one_run(backend, workers, plan))
                print(rows[-1].row(), flush=True)
                continue
            with tempfile.TemporaryDirectory() as timing:
                rows.append(one_run(backend, workers, plan, Path(timing)))
                print(HEADER + "\n" + rows[-1].row(), flush=True)
                report_timing(Path(timing), rows[-1])
    print(HEADER)
    for run in rows:
        print(run.row())


if __name__ == "__main__":
    main()
