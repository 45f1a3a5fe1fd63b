"""Benchmark of isonomia at scale: a long record, a large union.

``python bench/scale_bench.py [--entries N ...] [--backend sqlite|postgresql|none]
[--members N ...] [--no-verify] [--pg-direct] [--record SQLITE_FILE KEYS_DIR ...]
[--no-rebuild]``

For each backend (SQLite in a scratch file; PostgreSQL at 127.0.0.1:5432, user postgres,
in a scratch database created and dropped here) it times, on a fresh union and again after
the record has grown to each of ``--entries`` (made by ``scale_record.grow``):

- opening: a new ``Federation`` handle opened and the record's length read, in process;
- ``isonomia members`` as a user runs it: a new process (``python -c`` on the CLI's
  ``run``), wall clock, median of 3 (the query);
- a signed write as a user runs it: ``isonomia organ delegate`` (a delegate appointed,
  signed with the union's keyring folder) in a new process, wall clock, median of 3;
- one write in a new ``Federation`` handle (a delegate appointed, signed and recorded), as
  a fresh process would do it: catching up the state (snapshot, then the ledger since it)
  included; median of 5, with the next write in the same handle beside it, and a write in
  a running handle (the median of its 10th to 30th writes);
- ``ledger verify`` of the whole chain, once;
- ``projections rebuild`` of the whole record (in process, with the progress callback the
  CLI's progress bar uses), once, at the largest size.

``--members`` times ``init`` (charter adopted, in process) of charters of that many
members, made programmatically from the 1922 example.

On PostgreSQL the record is made on SQLite and copied (``scale_copy``) into a new scratch
database at each size, as appending through the store there costs a round trip per
statement (``--pg-direct`` grows it on PostgreSQL itself, as on SQLite); the copy is checked
once, at the smallest size (``ledger verify``, every table compared).

``--record`` times records made beforehand by ``scale_record.py`` (each on a copy: a copy
of the file on SQLite, a copy into a new database on PostgreSQL), so one long record
serves both backends and several runs.

It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
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
from scale_copy import check_copy, copy_database
from scale_record import FOUNDED, ORGAN, START, found, grow

HEADER = (
    "| backend | record | open s | `members` s | CLI write s | first write s | next write s "
    "| running write s | first/next | verify s |"
)
COLUMNS = 10
#: The CLI's entry point in a new process, its arguments after ``-c CODE``.
CLI = "import sys; from isonomia.cli.main import run; sys.argv[0] = 'isonomia'; run()"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"


def _median(runs: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(runs))


# -- what is timed ----------------------------------------------------------------------


def _cli(*args: str) -> float:
    """Wall clock of one `isonomia` command in a new process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"isonomia {' '.join(args)} failed: {done.stdout}{done.stderr}")
    return took


def time_members(url: str) -> float:
    return _median(3, lambda: _cli("members", "--db", url))


def time_cli_write(url: str, keys: Path, day: date, tag: str) -> float:
    """A delegate appointed through the CLI, signed with the keyring folder; median of 3."""
    runs = iter(range(3))
    return _median(
        3,
        lambda: _cli(
            "organ", "delegate", ORGAN, "--member", "rsfsr",
            "--person", f"{tag}-cli-{next(runs)}", "--at", day.isoformat(),
            "--keyring", str(keys), "--db", url,
        ),
    )  # fmt: skip


def time_writes(url: str, keys: Path, day: date, tag: str) -> tuple[float, float, float]:
    """(first write of a new handle, next write of the same handle), medians of 5, and a
    write in a running handle: the median of the 10th to 30th writes of one handle."""
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
    fed = Federation(url, signer=Keyring(keys, provision=True))
    running = []
    for n in range(30):
        started = time.perf_counter()
        fed.execute(_appoint(day, f"{tag}-run-{n}"))
        running.append(time.perf_counter() - started)
    fed.close()
    return statistics.median(firsts), statistics.median(nexts), statistics.median(running[9:])


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
    return _pg_scratch()


def _pg_scratch() -> tuple[str, Callable[[], None]]:
    """A new PostgreSQL database, and how to drop it."""
    name = f"isonomia_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", drop


def run_backend(
    backend: str, sizes: list[int], rows: list[list[str]], verify: bool, copied: bool = False
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if copied:
            _run_copied(work, sizes, rows, verify)
            return
        url, drop = _scratch(backend, work)
        try:
            _run_sizes(backend, url, work, sizes, rows, verify)
        finally:
            drop()


def _row(backend: str, what: str, url: str, keys: Path, day: date, verify: bool) -> list[str]:
    opened, members = time_open(url), time_members(url)
    tag = "w" + uuid.uuid4().hex[:6]
    cli = time_cli_write(url, keys, day, tag)
    first, nxt, running = time_writes(url, keys, day, tag)
    checked = f"{time_verify(url):.1f}" if verify else "–"
    cells = [f"{opened:.2f}", f"{members:.2f}", f"{cli:.2f}", f"{first:.2f}", f"{nxt:.3f}"]
    return [backend, what, *cells, f"{running:.3f}", f"{first / nxt:.0f}x", checked]


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
    _rebuild_row(backend, url, rows)


def _rebuild_row(backend: str, url: str, rows: list[list[str]]) -> None:
    took, replayed = time_rebuild(url)
    per = 1000 * took / max(replayed, 1)
    rows.append(
        [
            backend,
            f"projections rebuild, {replayed:,} entries",
            f"{took:.1f} ({per:.2f} ms an entry)",
        ]
    )
    print(rows[-1], flush=True)


def _run_copied(work: Path, sizes: list[int], rows: list[list[str]], verify: bool) -> None:
    """PostgreSQL at each size: the record grown on SQLite, copied into a new database."""
    source = f"sqlite:///{work / 'source.db'}"
    keys = work / "keys"
    found(source, keys).close()
    db = Database(source)
    cache = StateCache()
    with db.reading() as conn:
        cache.catch_up(conn)
    db.dispose()
    next_n, day, made = 0, START, 0.0
    for size in [0, *sizes]:
        if size:
            started = time.perf_counter()
            next_n, day = grow(db, cache, size, next_n)
            made = time.perf_counter() - started  # this growth, as on SQLite
            db.dispose()
        url, drop = _pg_scratch()
        try:
            started = time.perf_counter()
            copy_database(source, url)
            copy = time.perf_counter() - started
            if size == 0 and verify:
                check_copy(source, url)
            what = (
                f"{size:,} entries (made in {made:.0f} s on SQLite, copied in {copy:.0f} s)"
                if size
                else "fresh union (copied)"
            )
            # The timed writes may provision keys for this copy alone: a copy of the folder.
            used = shutil.copytree(keys, work / f"keys-{size}")
            rows.append(_row("postgresql", what, url, used, day, verify))
            print(rows[-1], flush=True)
            if size == (sizes[-1] if sizes else 0):
                _rebuild_row("postgresql", url, rows)
        finally:
            drop()


def _run_records(
    backend: str,
    records: list[tuple[Path, Path]],
    rows: list[list[str]],
    verify: bool,
    rebuild: bool = True,
) -> None:
    """Each record made beforehand by ``scale_record.py`` (a SQLite file and its keys
    folder), timed on a copy of it: on SQLite a copy of the file, on PostgreSQL a new
    database it is copied into. The largest is rebuilt too."""
    sized = sorted((_length(f"sqlite:///{file}"), file, keys) for file, keys in records)
    for size, file, keys in sized:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            source = f"sqlite:///{file}"
            day = _last_day(source)
            used = shutil.copytree(keys, work / "keys")
            what = f"{size:,} entries (made beforehand)" if size > 100 else "fresh union"
            if backend == "sqlite":
                for suffix in ("", "-wal"):
                    if Path(f"{file}{suffix}").exists():
                        shutil.copy(f"{file}{suffix}", work / f"scale.db{suffix}")
                url, drop = f"sqlite:///{work / 'scale.db'}", lambda: None
            else:
                url, drop = _pg_scratch()
                started = time.perf_counter()
                copy_database(source, url)
                what += f", copied in {time.perf_counter() - started:.0f} s"
            try:
                rows.append(_row(backend, what, url, used, day, verify))
                print(rows[-1], flush=True)
                if rebuild and size == sized[-1][0]:
                    _rebuild_row(backend, url, rows)
            finally:
                drop()


def _length(url: str) -> int:
    fed = Federation(url).open()
    try:
        return fed.ledger_length()
    finally:
        fed.close()


def _last_day(url: str) -> date:
    """The latest day the record reached: the timed writes are dated then."""
    fed = Federation(url).open()
    try:
        return fed.state().recorded_through or START
    finally:
        fed.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "none"], action="append")
    parser.add_argument("--members", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--no-verify", action="store_true", help="skip `ledger verify`")
    parser.add_argument(
        "--no-rebuild", action="store_true", help="with --record: skip `projections rebuild`"
    )
    parser.add_argument(
        "--pg-direct",
        action="store_true",
        help="grow the PostgreSQL record through the store there, not on SQLite and copied",
    )
    parser.add_argument(
        "--record",
        nargs=2,
        action="append",
        type=Path,
        metavar=("SQLITE_FILE", "KEYS_DIR"),
        help="time a record made beforehand by scale_record.py instead of growing one "
        "(repeatable: a fresh union and each size)",
    )
    args = parser.parse_args()
    rows: list[list[str]] = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        if backend != "none" and args.record:
            records = [(file, keys) for file, keys in args.record]
            _run_records(backend, records, rows, not args.no_verify, not args.no_rebuild)
        elif backend != "none":
            copied = backend == "postgresql" and not args.pg_direct
            run_backend(backend, sorted(args.entries), rows, not args.no_verify, copied)
    with tempfile.TemporaryDirectory() as tmp:
        for members in args.members:
            wall, cpu = time_init(members, Path(tmp))
            rows.append(["sqlite", f"init, {members:,} members", f"{wall:.1f} ({cpu:.1f} cpu)"])
            print(rows[-1], flush=True)
    print(HEADER)
    print("|---" * COLUMNS + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
