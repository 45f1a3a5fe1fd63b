"""Benchmark of isonomia at scale: a long record, a large union.

``python bench/scale_bench.py [--entries N ...] [--backend sqlite|postgresql|none]
[--members N ...] [--no-verify]``

For each backend (SQLite in a scratch file; PostgreSQL at 127.0.0.1:5432, user postgres,
in a scratch database created and dropped here) it times, on a fresh union and again after
the record has grown to each of ``--entries`` (made by ``scale_record.grow``):

- opening: a new ``Federation`` handle opened and the record's length read, in process;
- ``isonomia members`` as a user runs it: a new process (``python -c`` on the CLI's
  ``run``), wall clock, median of 3 (the query);
- one write in a new ``Federation`` handle (a delegate appointed, signed and recorded), as
  a fresh process would do it: catching up the state (snapshot, then the ledger since it)
  included; median of 5, with the next write in the same handle beside it;
- ``ledger verify`` of the whole chain, once;
- ``projections rebuild`` of the whole record (in process, with the progress callback the
  CLI's progress bar uses), once, at the largest size.

``--members`` times ``init`` (charter adopted, in process) of charters of that many
members, made programmatically from the 1922 example.

It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from isonomia.domain import AppointDelegate
from isonomia.service import Federation, Keyring, at_day, example_charter
from isonomia.service.unit_of_work import StateCache
from isonomia.store.db import Database
from scale_record import FOUNDED, ORGAN, START, found, grow

HEADER = (
    "| backend | record | open s | `members` s | first write s | next write s "
    "| first/next | verify s |"
)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"


def _median(runs: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(runs))


# -- what is timed ----------------------------------------------------------------------


def time_members(url: str) -> float:
    code = (
        "import sys; from isonomia.cli.main import run; "
        f"sys.argv = ['isonomia', 'members', '--db', {url!r}]; run()"
    )

    def once() -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        return time.perf_counter() - started

    return _median(3, once)


def time_writes(url: str, keys: Path, day: date, tag: str) -> tuple[float, float]:
    """(first write of a new handle, next write of the same handle), medians of 5."""
    firsts, nexts = [], []
    for i in range(5):
        started = time.perf_counter()
        fed = Federation(url, signer=Keyring(keys, provision=True))
        fed.execute(_appoint(day, f"{tag}-{i}-a"))
        firsts.append(time.perf_counter() - started)
        started = time.perf_counter()
        fed.execute(_appoint(day, f"{tag}-{i}-b"))
        nexts.append(time.perf_counter() - started)
        fed.close()
    return statistics.median(firsts), statistics.median(nexts)


def time_open(url: str) -> float:
    """A new handle opened and its record's length read (the verified head checked)."""

    def once() -> float:
        started = time.perf_counter()
        fed = Federation(url).open()
        with fed.db.reading():
            fed.ledger_length()
        took = time.perf_counter() - started
        fed.close()
        return took

    return _median(3, once)


def time_verify(url: str) -> float:
    """`ledger verify` of the whole chain, in process, once."""
    fed = Federation(url)
    started = time.perf_counter()
    report = fed.verify_ledger()
    took = time.perf_counter() - started
    fed.close()
    assert report.ok, report
    return took


def _appoint(day: date, person: str) -> AppointDelegate:
    return AppointDelegate(
        command_id=str(uuid.uuid4()),
        actor="council:rsfsr",
        at=at_day(day),
        organ=ORGAN,
        member="rsfsr",
        person=person,
        term_from=day,
    )


def time_rebuild(url: str) -> tuple[float, int]:
    fed = Federation(url)
    seen = [0]
    started = time.perf_counter()
    replayed, _ = fed.rebuild_projections(lambda sequence: seen.__setitem__(0, sequence))
    took = time.perf_counter() - started
    fed.close()
    return took, replayed


def time_init(members: int, work: Path) -> tuple[float, float]:
    """`init` of a charter of `members` equal members, in process, on SQLite: (wall clock,
    processor time), the latter little moved by other work on the machine."""
    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))
    template = data["members"][0]
    data["members"] = [{**template, "id": f"m{i}", "name": f"Member {i}"} for i in range(members)]
    data["presidency"]["order"] = [m["id"] for m in data["members"]]
    path = work / f"charter-{members}.toml"
    path.write_text(_toml(data), encoding="utf-8")
    url = f"sqlite:///{work / f'init-{members}.db'}"
    started, cpu = time.perf_counter(), time.process_time()
    fed = Federation(url, signer=Keyring(work / f"init-{members}.keys", provision=True))
    fed.initialize(path, clock="simulated", at=at_day(FOUNDED))
    took = time.perf_counter() - started, time.process_time() - cpu
    fed.close()
    return took


def _toml(data: Any, prefix: str = "") -> str:
    """A small TOML writer for the charter's shapes (tables, arrays of tables, scalars)."""
    lines: list[str] = []
    tables: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_scalar(value)}")
    for key, value in tables:
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            lines.append(f"\n[{name}]")
            lines.append(_toml(value, f"{name}."))
        else:
            for item in value:
                lines.append(f"\n[[{name}]]")
                lines.append(_toml(item, f"{name}."))
    return "\n".join(lines)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    raise TypeError(type(value))


# -- the run ----------------------------------------------------------------------------


def _scratch(backend: str, work: Path) -> tuple[str, Callable[[], None]]:
    if backend == "sqlite":
        return f"sqlite:///{work / 'scale.db'}", lambda: None
    name = f"isonomia_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", drop


def run_backend(backend: str, sizes: list[int], rows: list[list[str]], verify: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url, drop = _scratch(backend, work)
        try:
            _run_sizes(backend, url, work, sizes, rows, verify)
        finally:
            drop()


def _row(backend: str, what: str, url: str, keys: Path, day: date, verify: bool) -> list[str]:
    opened, members = time_open(url), time_members(url)
    first, nxt = time_writes(url, keys, day, "w" + uuid.uuid4().hex[:6])
    checked = f"{time_verify(url):.1f}" if verify else "–"
    cells = [f"{opened:.2f}", f"{members:.2f}", f"{first:.2f}", f"{nxt:.3f}"]
    return [backend, what, *cells, f"{first / nxt:.0f}x", checked]


def _run_sizes(
    backend: str, url: str, work: Path, sizes: list[int], rows: list[list[str]], verify: bool
) -> None:
    keys = work / "keys"
    found(url, keys).close()
    db = Database(url)
    cache = StateCache()
    with db.reading() as conn:
        cache.catch_up(conn)
    # Our pooled SQLite connection must not stay open while other handles write: after
    # theirs close, it fails with "disk I/O error" (seen with WAL); reconnect instead.
    db.dispose()
    rows.append(_row(backend, "fresh union", url, keys, START, verify))
    print(rows[-1], flush=True)
    with db.reading() as conn:
        cache.catch_up(conn)
    next_n, day = 0, START
    for size in sizes:
        started = time.perf_counter()
        next_n, day = grow(db, cache, size, next_n)
        made = time.perf_counter() - started
        what = f"{size:,} entries (made in {made:.0f} s)"
        db.dispose()
        rows.append(_row(backend, what, url, keys, day, verify))
        print(rows[-1], flush=True)
        with db.reading() as conn:
            cache.catch_up(conn)
    db.dispose()
    took, replayed = time_rebuild(url)
    rows.append([backend, f"projections rebuild, {replayed:,} entries", f"{took:.1f}"])
    print(rows[-1], flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "none"], action="append")
    parser.add_argument("--members", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--no-verify", action="store_true", help="skip `ledger verify`")
    args = parser.parse_args()
    rows: list[list[str]] = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        if backend != "none":
            run_backend(backend, sorted(args.entries), rows, not args.no_verify)
    with tempfile.TemporaryDirectory() as tmp:
        for members in args.members:
            wall, cpu = time_init(members, Path(tmp))
            rows.append(["sqlite", f"init, {members:,} members", f"{wall:.1f} ({cpu:.1f} cpu)"])
            print(rows[-1], flush=True)
    print(HEADER)
    print("|---" * 8 + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
