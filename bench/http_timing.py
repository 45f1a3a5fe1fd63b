"""Where a signed command's time goes in one server process: the web app with its pipeline
steps timed, and the submission profiled (cProfile), for `http_bench.py --profile`.

`uvicorn --app-dir bench http_timing:factory --factory` serves the usual app
after wrapping, at the places the service calls them:

- `request`: the whole `Federation.submit` (the signature checked ahead, the wait for the
  group being recorded, then its own group's lock wait, checks, decisions, appends, commit);
- `group`: one transaction of commands recorded together (`Service._submit_all`, run by
  one of their threads), and `group size`, how many commands it held;
- `lock wait`: from asking for the transaction to holding it (the process's state lock,
  then the database's append lock: BEGIN IMMEDIATE on SQLite, an advisory lock on
  PostgreSQL), and the check of entries appended since the verified head;
- `fold`: `StateCache.catch_up`, the state brought up to the ledger's head;
- `signature`: `authenticate` (the Ed25519 signature, the key register, no replay);
- `decide`: the pure `handle` (authorization, fall-due events, the decider);
- `ledger append`: hash-chained entries written;
- `projection`: the read tables updated for each event;
- `token lookup`: `Accounts.by_token` (its own read transaction, before the submission);
- `request (CPU)`, `token lookup (CPU)`: the CPU time of the thread doing them;
- `commit`: the transaction's commit, after the block;
- `chain check`: the entries appended since the verified head, re-hashed (inside `lock
  wait`);
- `sql statement` and `append lock`: each SQL statement's round trip, counted, with the
  statement that takes the append lock (`pg_advisory_xact_lock`, `BEGIN IMMEDIATE`) apart.

Each worker writes its steps' wall-clock times as JSON (`timing-PID.json`) and cProfile's
statistics of its submissions (`profile-PID.prof`) to the folder `$HTTPBENCH_TIMING` at the
end of the app's lifespan, when the server stops. The profiler follows each group's
transaction (one at a time in a worker, as group commit runs them anyway), in the thread that
records it; the rest of a request (the signature checked ahead, the HTTP) is not profiled.
"""

from __future__ import annotations

import cProfile
import functools
import json
import os
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.engine import Engine

from isonomia.rules import record as rules_record
from isonomia.service.accounts import Accounts
from isonomia.service.federation import Federation
from isonomia.service.unit_of_work import CheckedDatabase, SqlUnitOfWork, StateCache
from isonomia.store import ledger_store, projections
from isonomia.web.app import create_app

TIMES: dict[str, list[float]] = defaultdict(list)
PROFILE = cProfile.Profile()
_profiling = threading.Lock()
_inside = threading.local()


def _timed(label: str, function: Callable[..., Any], cpu: bool = False) -> Callable[..., Any]:
    """`function`, its wall-clock times kept under `label` (and its thread's CPU time
    under `label (CPU)` with `cpu`)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, used = time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[label].append(time.perf_counter() - started)
            if cpu:
                TIMES[f"{label} (CPU)"].append(time.thread_time() - used)

    return wrapper


def _counted(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function(self, take)`, the number of items `take` gives kept under `group size`."""

    @functools.wraps(function)
    def wrapper(self: Any, take: Callable[[], Any]) -> Any:
        def counted() -> Any:
            items = take()
            TIMES["group size"].append(len(items))
            return items

        return function(self, counted)

    return wrapper


def _profiled(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _profiling:
            PROFILE.enable()
            _inside.submitting = True
            try:
                return function(*args, **kwargs)
            finally:
                _inside.submitting = False
                PROFILE.disable()

    return wrapper


def _timed_begin(begin: Callable[..., Any]) -> Callable[..., Any]:
    @contextmanager
    def wrapper(self: Any) -> Iterator[Any]:
        asked = time.perf_counter()
        with begin(self) as work:
            TIMES["lock wait"].append(time.perf_counter() - asked)
            yield work
            left = time.perf_counter()
        TIMES["commit"].append(time.perf_counter() - left)

    return wrapper


def _wrap(owner: Any, name: str, label: str) -> None:
    setattr(owner, name, _timed(label, getattr(owner, name)))


def install() -> None:
    """Wrap the pipeline's steps where the service calls them."""
    _wrap(rules_record, "authenticate", "signature")
    _wrap(rules_record, "handle", "decide")
    _wrap(ledger_store, "append", "ledger append")
    _wrap(projections, "apply", "projection")
    _wrap(StateCache, "catch_up", "fold")
    _wrap(CheckedDatabase, "_check", "chain check")
    Accounts.by_token = _timed("token lookup", Accounts.by_token, cpu=True)  # type: ignore[method-assign]
    SqlUnitOfWork.begin = _timed_begin(SqlUnitOfWork.begin)  # type: ignore[method-assign]
    Federation.submit = _timed("request", Federation.submit, cpu=True)  # type: ignore[method-assign]
    Federation._submit_all = _profiled(_counted(_timed("group", Federation._submit_all)))  # type: ignore[method-assign]
    event.listen(Engine, "before_cursor_execute", _before)
    event.listen(Engine, "after_cursor_execute", _after)


def _before(conn: Any, *_: Any) -> None:
    conn.info.setdefault("httpbench", []).append(time.perf_counter())


def _after(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
    took = time.perf_counter() - conn.info["httpbench"].pop()
    locking = "pg_advisory_xact_lock" in statement or statement.startswith("BEGIN IMMEDIATE")
    if not getattr(_inside, "submitting", False):
        TIMES["sql outside submissions"].append(took)
    else:
        TIMES["append lock" if locking else "sql statement"].append(took)


def dump() -> None:
    folder = os.environ.get("HTTPBENCH_TIMING")
    if not folder:
        return
    pid = os.getpid()
    with open(os.path.join(folder, f"timing-{pid}.json"), "w", encoding="utf-8") as file:
        json.dump(TIMES, file)
    PROFILE.dump_stats(os.path.join(folder, f"profile-{pid}.prof"))


def factory() -> FastAPI:
    """The app with its steps timed; each worker writes them when it shuts down."""
    install()
    app = create_app(None)
    serving = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[Any]:
        async with serving(app) as state:
            yield state
        dump()

    app.router.lifespan_context = lifespan
    return app
