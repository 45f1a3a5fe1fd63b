"""A member's node in steady state: how far it lags a union's server taking signed votes.

``python bench/node_lag_bench.py [--backend postgresql|sqlite] [--workers 2] [--rate 100]
[--seconds 60] [--interval 0.5] [--followers 0 10] [--members 48]``

A union is recorded as the HTTP benchmark records it (`http_union.build`: equal members,
one delegate each with a key and an API token, one council session with enough motions
tabled), every vote signed ahead (`http_union.presign`), and the app served by uvicorn
with ``--workers`` workers (`http_bench.start_server`). A member's node then follows it
with the command members run, ``isonomia node follow URL --db node.db --interval I``, a
long-lived process of its own, and makes its first sync of the small record.

Then, for ``--seconds``, a sender posts the signed votes at ``--rate`` a second (an open
loop: vote k is due at k / rate seconds, posted by one of a few threads as soon as one is
free; when the server is slower, the votes fall behind and the rate achieved is what the
server took). A watcher reads the node's own database every 50 ms and notes when each
vote's entry appears there. A vote's lag is the time from its 201 answer to the node
holding its entry (median, p99, max); the node keeps up when every vote is held within a
few seconds and the lag of the run's last third is no worse than its first's.

With ``--followers N``, N simulated followers poll the server's feed alongside the node
while the votes come in, as `node follow` does (the feed from what they hold, pages of
500, ``--interval`` between rounds when at the head): the server's processor seconds per
vote, with 0 and N such followers, are its cost of serving them. After the last run each
size is also served in bulk: one follower, then ten together, fetching the whole feed
from entry 1, the server's processor seconds per 1,000 entries served.

Each run's figures print as one Markdown row; the tables go to bench/README.md between the
nodelag markers.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import http_bench  # noqa: E402
import http_union  # noqa: E402

README = BENCH / "README.md"
PG_URL = "postgresql://postgres@127.0.0.1:5432/nodelag"
FEED = "/api/v1/ledger/feed"
SENDERS = 6


@dataclass
class Lag:
    backend: str
    workers: int
    followers: int
    rate: float
    seconds: float
    voted: int
    held: int
    lags: list[float] = field(default_factory=list)
    thirds: tuple[float, float] = (0.0, 0.0)
    server_cpu: float = 0.0
    node_cpu: float = 0.0
    load: float = 0.0

    def row(self) -> str:
        ordered = sorted(self.lags)
        keeps = self.held == self.voted and self.thirds[1] <= max(2 * self.thirds[0], 1.0)
        return (
            f"| {self.backend} | {self.workers} | {self.followers} | {self.rate:.0f} | "
            f"{self.voted:,} | {self.held:,} | {statistics.median(ordered):.2f} | "
            f"{http_bench._percentile(ordered, 0.99):.2f} | {ordered[-1]:.2f} | "
            f"{self.thirds[0]:.2f} / {self.thirds[1]:.2f} | {'yes' if keeps else 'NO'} | "
            f"{self.server_cpu * 1000 / max(self.voted, 1):.1f} | "
            f"{self.node_cpu * 1000 / max(self.voted, 1):.1f} | {self.load:.1f} |"
        )


LAG_HEADER = (
    "| backend | workers | extra followers | votes/s taken | votes (201) | held by the node | "
    "lag p50 s | lag p99 s | lag max s | lag p50 first / last third s | keeps up | "
    "server CPU ms/vote | node CPU ms/vote | load |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def _follow(port: int, db: Path, interval: float, log: Path) -> subprocess.Popen[bytes]:
    """``isonomia node follow`` as a member runs it, in a process of its own."""
    command = [sys.executable, "-c", "from isonomia.cli.main import run; run()", "node", "follow"]
    command += [f"http://127.0.0.1:{port}", "--db", f"sqlite:///{db}"]
    command += ["--interval", str(interval)]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=http_bench._env(), stdout=out, stderr=out)


def _held(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT coalesce(max(sequence), 0) FROM ledger").fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait_held(db: Path, size: int, limit: float, node: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and node.poll() is None:
        if _held(db) >= size:
            return True
        time.sleep(0.2)
    return False


class Watcher(threading.Thread):
    """Notes when each command's entries first appear in the node's database."""

    def __init__(self, db: Path) -> None:
        super().__init__(daemon=True)
        self.db, self.seen, self.stop = db, dict[str, float](), threading.Event()
        self.after = _held(db)

    def run(self) -> None:
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        while not self.stop.is_set():
            try:
                rows = conn.execute(
                    "SELECT sequence, command_id FROM ledger WHERE sequence > ? ORDER BY sequence",
                    (self.after,),
                ).fetchall()
            except sqlite3.OperationalError:
                rows = []
            now = time.monotonic()
            for sequence, command in rows:
                self.seen.setdefault(command, now)
                self.after = sequence
            self.stop.wait(0.05)
        conn.close()


def _send(port: int, votes: list[dict[str, str]], rate: float, seconds: float) -> dict[str, float]:
    """Post the votes at ``rate`` a second for ``seconds``; {command id: when its 201 came}."""
    answered: dict[str, float] = {}
    due = iter(range(len(votes)))
    lock = threading.Lock()
    start = time.monotonic()

    def sender() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while True:
                with lock:
                    k = next(due, None)
                if k is None or k / rate >= seconds:
                    return
                time.sleep(max(0.0, start + k / rate - time.monotonic()))
                vote = votes[k]
                headers = {"Authorization": f"Bearer {vote['token']}"}
                headers["Content-Type"] = "application/json"
                answer = client.post(
                    "/api/v1/commands/CastVote", content=vote["body"], headers=headers
                )
                if answer.status_code == 201:
                    answered[vote["command_id"]] = time.monotonic()

    with ThreadPoolExecutor(SENDERS) as pool:
        for done in [pool.submit(sender) for _ in range(SENDERS)]:
            done.result()
    return answered


class Poller(threading.Thread):
    """A follower simulated: the feed from what it holds, as `node follow` asks it."""

    def __init__(
        self, port: int, held: int, interval: float, page: int = 500, until: int | None = None
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.held, self.interval, self.page = port, held, interval, page
        self.stop, self.served, self.until = threading.Event(), 0, until

    def run(self) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60) as client:
            while not self.stop.is_set():
                client.get("/api/v1/ledger/head")
                params = {"from": self.held + 1, "limit": self.page}
                items = client.get(FEED, params=params).json()
                entries = sum(1 for item in items if item.get("type") == "entry")
                self.held += entries
                self.served += entries
                if self.until is not None and self.held >= self.until:
                    return
                if entries < self.page:
                    self.stop.wait(self.interval)


def _thirds(answered: dict[str, float], seen: dict[str, float]) -> tuple[float, float]:
    """Median lag of the votes answered in the run's first third and in its last."""
    order = sorted(answered, key=answered.__getitem__)
    third = max(1, len(order) // 3)
    first = [seen[c] - answered[c] for c in order[:third] if c in seen]
    last = [seen[c] - answered[c] for c in order[-third:] if c in seen]
    return (statistics.median(first or [0.0]), statistics.median(last or [0.0]))


@dataclass(frozen=True)
class Plan:
    backend: str
    workers: int
    rate: float
    seconds: float
    interval: float
    members: int
    pg_url: str


def lag_run(plan: Plan, followers: int, work: Path) -> Lag:
    """One union, served; one node following it; votes at the rate; lag measured."""
    motions = max(1, -(-int(plan.rate * plan.seconds * 1.2) // plan.members))
    url = http_bench.fresh_url(plan.backend, work, plan.pg_url)
    delegates = http_union.build(url, work, plan.members, motions)
    votes = http_union.presign(delegates, motions, 1)[0]
    port = http_bench._free_port()
    server = http_bench.start_server(url, plan.workers, port, None)
    db = work / "node.db"
    node = _follow(port, db, plan.interval, work / "node.log")
    try:
        if not _wait_held(db, _size(url), 600, node):
            said = (work / "node.log").read_text(errors="replace")[-2000:]
            raise SystemExit(f"the node did not make its first sync:\n{said}")
        watcher = Watcher(db)
        watcher.start()
        pollers = [Poller(port, watcher.after, plan.interval) for _ in range(followers)]
        for poller in pollers:
            poller.start()
        cpu = http_bench.cpu_seconds(server.pid), http_bench.cpu_seconds(node.pid)
        began = time.monotonic()
        answered = _send(port, votes, plan.rate, plan.seconds)
        took = time.monotonic() - began
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not set(answered) <= set(watcher.seen):
            time.sleep(0.1)
        watcher.stop.set()
        watcher.join()
        for poller in pollers:
            poller.stop.set()
        server_cpu = http_bench.cpu_seconds(server.pid) - cpu[0]
        node_cpu = http_bench.cpu_seconds(node.pid) - cpu[1]
    finally:
        node.terminate()
        node.wait(timeout=30)
        http_bench.stop_server(server)
    seen = watcher.seen
    return Lag(
        backend=plan.backend,
        workers=plan.workers,
        followers=followers,
        rate=len(answered) / took,
        seconds=took,
        voted=len(answered),
        held=sum(1 for c in answered if c in seen),
        lags=[seen[c] - t for c, t in answered.items() if c in seen] or [float("nan")],
        thirds=_thirds(answered, seen),
        server_cpu=server_cpu,
        node_cpu=node_cpu,
        load=os.getloadavg()[0],
    )


def bulk_rows(plan: Plan, work: Path) -> list[str]:
    """The server's processor seconds per 1,000 entries served to 1, then 10, followers
    fetching the whole feed from entry 1 together (the record of the last lag run)."""
    port = http_bench._free_port()
    url = _last_url(plan, work)
    size = _size(url)
    server = http_bench.start_server(url, plan.workers, port, None)
    rows = []
    try:
        for followers in (1, 10):
            pollers = [Poller(port, 0, 0.0, page=1000, until=size) for _ in range(followers)]
            cpu, began = http_bench.cpu_seconds(server.pid), time.monotonic()
            for poller in pollers:
                poller.start()
            for poller in pollers:
                poller.join()
            wall, used = time.monotonic() - began, http_bench.cpu_seconds(server.pid) - cpu
            served = sum(p.served for p in pollers)
            rows.append(
                f"| {plan.backend} | {plan.workers} | {followers} | {size:,} | {served:,} | "
                f"{wall:.1f} | {used:.1f} | {used * 1000 / served:.2f} | "
                f"{served / wall:,.0f} | {os.getloadavg()[0]:.1f} |"
            )
            print(rows[-1], flush=True)
    finally:
        http_bench.stop_server(server)
    return rows


def _size(url: str) -> int:
    """Entries in the union's record (its ledger's last sequence number)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        size = int(conn.execute(sa.text("SELECT max(sequence) FROM ledger")).scalar_one())
    engine.dispose()
    return size


def _last_url(plan: Plan, work: Path) -> str:
    return f"sqlite:///{work / 'union.db'}" if plan.backend == "sqlite" else plan.pg_url


BULK_HEADER = (
    "| backend | workers | followers | record's entries | entries served | wall s | "
    "server CPU s | server CPU s / 1,000 entries | entries/s served | load |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def write_readme(lag_rows: list[str], bulk: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    lines = ["<!-- nodelag:start -->", LAG_HEADER, *lag_rows, "", BULK_HEADER, *bulk]
    table = "\n".join([*lines, "<!-- nodelag:end -->"])
    pattern = re.compile(r"<!-- nodelag:start -->.*?<!-- nodelag:end -->", re.DOTALL)
    text = pattern.sub(table, text) if pattern.search(text) else text + "\n" + table + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--followers", type=int, nargs="+", default=[0, 10])
    parser.add_argument("--members", type=int, default=48)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    plan = Plan(
        args.backend,
        args.workers,
        args.rate,
        args.seconds,
        args.interval,
        args.members,
        args.pg_url,
    )
    if plan.backend == "postgresql":
        _ensure_database(plan.pg_url)
    lag_rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="isonomia-node-lag-") as folder:
        for followers in args.followers:
            work = Path(folder) / f"run-{followers}"
            work.mkdir()
            lag = lag_run(plan, followers, work)
            lag_rows.append(lag.row())
            print(LAG_HEADER + "\n" + lag_rows[-1], flush=True)
        bulk = bulk_rows(plan, work)
    print(LAG_HEADER, *lag_rows, "", BULK_HEADER, *bulk, sep="\n")
    if not args.no_readme:
        write_readme(lag_rows, bulk)


def _ensure_database(url: str) -> None:
    import sqlalchemy as sa

    base, name = url.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)
    admin = sa.create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        known = sa.text("SELECT 1 FROM pg_database WHERE datname = :name")
        if conn.execute(known, {"name": name}).first() is None:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()


if __name__ == "__main__":
    main()
