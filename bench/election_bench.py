"""An election of 10,000 named electors and 20 candidates counted inside the record, on
SQLite (issue 24, item 6): ``python bench/election_bench.py [--electors N] [--candidates N]
[--runs N] [--no-peers] [--rebuild]``.

The record. For each method (STV, 3 seats; Schulze, 1 seat) a union of 1922 is founded
through the service with signed commands: delegates seated, the election called (the call
names its 10,000 electors, ``electors = "named"``), 20 candidates nominated by their
members' councils and each consenting with their own key. The ballots are then recorded
through the pure rules (``rules.handle``, one ``CastBallot`` an elector, as the service
does after checking each signature) and the store's ``append`` with their read tables and
a snapshot wherever a write would store one (``scale_record``'s bulk path); each ballot's
entry is preceded by a ``CommandSigned`` entry as a signed one is, with a placeholder
signature. Signing 10,000 ballots would need 10,000 registered keys and would time the
signatures and the key registrations, not the count: the count reads the same state, the
same ballot entries and the same snapshot either way. The records are built once and kept
in a temporary folder (``--rebuild`` makes them again).

The timing. ``CountElection`` is executed through the service (signed by the secretariat,
``Federation.execute``) in a new ``Federation`` handle on a fresh copy of the database,
as a fresh process would: the whole command, timed with ``time.perf_counter`` and split
into reading (the state caught up from the stored snapshot and the ledger after it, where
the ballots are), the count (the rules' ``count_skipping``: the ballots taken from the
state and the engine's method), of which the engine alone (``count_ballots``), appending
(the ledger entries, their read tables, a snapshot if due) and the rest (signing,
checking the signature and the chain, the rules' other checks, the commit). Median of
``--runs`` (5) runs a method. Beside it, in the same run, pref_voting and votelib count
the same ballots from the same Python lists (once each: they are slower).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import tomli_w
from rich.progress import Progress

from isonomia.charter.elections import ElectedOffice
from isonomia.charter.model import NamedOffice
from isonomia.domain import AppointDelegate, CommandSigned, FoundUnion, actors, evolve
from isonomia.domain.elections import (
    CallElection,
    CastBallot,
    ConsentToCandidacy,
    CountElection,
    NominateCandidate,
)
from isonomia.domain.refusal import Refusal
from isonomia.ledger.chain import NewEntry
from isonomia.rules import election_count, handle
from isonomia.rules.record import CALENDAR
from isonomia.service import (
    Federation,
    Keyring,
    at_day,
    example_charter,
    founding_decisions,
    provide_key,
    queries,
)
from isonomia.service import unit_of_work as uow_module
from isonomia.store import ledger_store, projections, snapshots, state_levels
from isonomia.store.db import Database
from isonomia.voting import elections as engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale_record

FOUNDED = date(1922, 12, 30)
SEATED = date(1923, 1, 1)
CALLED = date(1923, 2, 1)
NOMINATIONS_CLOSE = date(1923, 2, 10)
OPENS = date(1923, 2, 15)
CLOSES = date(1923, 2, 20)
COUNTED = date(1923, 2, 21)
TERM = date(1923, 3, 1)
COUNCIL = "union-council"
MEMBERS = ["rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"]
BATCH = 5_000

#: method -> (office, seats)
METHODS = {"stv": ("deputy", 3), "schulze": ("leader", 1)}
LABELS = {"stv": "STV, 3 seats", "schulze": "Schulze, 1 seat"}


def charter_file(folder: Path) -> Path:
    """The 1922 example with two offices filled by elections whose call names the
    electorate: deputies by STV (3 seats) and a leader by Schulze."""
    from isonomia.charter.load import load_charter

    base = load_charter(example_charter("union-1922"))
    named = [
        NamedOffice(id="deputy", name="Deputy", organ=COUNCIL),
        NamedOffice(id="leader", name="Leader", organ=COUNCIL),
    ]
    elections = [
        ElectedOffice(office="deputy", organ=COUNCIL, method="stv", seats=3, electors="named"),
        ElectedOffice(office="leader", organ=COUNCIL, method="schulze", electors="named"),
    ]
    offices = base.offices.model_copy(update={"named": [*base.offices.named, *named]})
    charter = base.model_copy(update={"offices": offices, "elections": elections})
    path = folder / "charter.toml"
    path.write_text(tomli_w.dumps(charter.model_dump(mode="json", exclude_none=True)))
    return path


def rankings(electors: int, candidates: int) -> list[list[int]]:
    """Complete rankings, Plackett–Luce with skewed strengths (seed 7), as ``run.py``."""
    rng = np.random.default_rng(7)
    strength = np.log(np.arange(candidates, 0, -1, dtype=float) + 1)
    keys = strength[None, :] + rng.gumbel(size=(electors, candidates))
    return np.argsort(-keys, axis=1).tolist()  # type: ignore[no-any-return]


def names(candidates: int) -> list[str]:
    return [f"candidate-{i:02d}" for i in range(candidates)]


def _command(cls: type, actor: str, day: date, **fields: Any) -> Any:
    return cls(command_id=str(uuid.uuid4()), actor=actor, at=at_day(day), **fields)


# -- building the record, once ----------------------------------------------------------


def build(path: Path, keys: Path, method: str, ballots: list[list[int]], n_cand: int) -> None:
    office, _ = METHODS[method]
    url = f"sqlite:///{path}"
    keyring = Keyring(keys, provision=True)
    people = names(n_cand)
    electors = [f"voter-{i}" for i in range(1, len(ballots) + 1)]
    with Progress() as progress:
        setup = progress.add_task(f"{method}: union, call, candidates", total=3 + n_cand)
        fed = Federation(url, signer=keyring)
        fed.initialize(charter_file(path.parent), clock="simulated", at=at_day(FOUNDED))
        decisions = founding_decisions(fed, keyring, [(m, FOUNDED) for m in MEMBERS])
        fed.execute(
            _command(
                FoundUnion, actors.SECRETARIAT, FOUNDED, founded_on=FOUNDED, decisions=decisions
            )
        )
        progress.advance(setup)
        for member in MEMBERS:
            fed.execute(
                _command(
                    AppointDelegate,
                    actors.council(member),
                    SEATED,
                    organ=COUNCIL,
                    member=member,
                    person=f"{member}-{COUNCIL}",
                    term_from=SEATED,
                )
            )
        progress.advance(setup)
        fed.execute(
            _command(
                CallElection,
                actors.SECRETARIAT,
                CALLED,
                election="e1",
                office=office,
                nominations_close=NOMINATIONS_CLOSE,
                ballots_open=OPENS,
                ballots_close=CLOSES,
                term_from=TERM,
                electorate=electors,
            )
        )
        progress.advance(setup)
        for i, person in enumerate(people):
            member = MEMBERS[i % len(MEMBERS)]
            fed.execute(
                _command(
                    NominateCandidate,
                    actors.council(member),
                    CALLED,
                    election="e1",
                    person=person,
                    member=member,
                )
            )
            provide_key(fed, keyring, actors.person(person), member, at_day(CALLED))
            fed.execute(
                _command(
                    ConsentToCandidacy,
                    actors.person(person),
                    CALLED,
                    election="e1",
                    person=person,
                )
            )
            progress.advance(setup)
        fed.close()
        cast = progress.add_task(f"{method}: {len(ballots):,} ballots", total=len(ballots))
        _cast_all(url, electors, [[people[c] for c in b] for b in ballots], progress, cast)


def _signed(command: CastBallot) -> CommandSigned:
    return CommandSigned(
        command_id=command.command_id,
        command_type="CastBallot",
        principal=command.actor,
        key_id="bulk",
        signature="00" * 64,
        command={"election": command.election, "choices": list(command.choices)},
    )


def _cast_all(
    url: str, electors: list[str], choices: list[list[str]], progress: Progress, task: Any
) -> None:
    db = Database(url)
    cache = uow_module.StateCache()
    with db.reading() as conn:
        state = cache.catch_up(conn)
        kept = scale_record._Snapshots(conn)
    pending = list(zip(electors, choices, strict=True))
    # The last ballots come after the newest snapshot, as many as ``snapshots.due`` lets a
    # record run past one (its gap, less one entry): the most a fresh process folds.
    tail = min(len(pending), (snapshots.SNAPSHOT_EVERY - 2) // 2)
    with scale_record._fast_canonical():
        while pending:
            size = BATCH if len(pending) - tail > BATCH else max(len(pending) - tail, tail)
            chunk, pending = pending[:size], pending[size:]
            with db.writing() as conn:
                new: list[NewEntry] = []
                folded: list[Any] = []
                for elector, ranked in chunk:
                    command = _command(
                        CastBallot, actors.person(elector), OPENS, election="e1", choices=ranked
                    )
                    signed = _signed(command)
                    state = evolve(state, signed)
                    handled = handle(state, command, OPENS, None, recorded_on=OPENS)
                    assert not isinstance(handled, Refusal), str(handled)
                    state = handled.state
                    at = f"{OPENS.isoformat()}T12:00:00Z"
                    for actor, event in [
                        (command.actor, signed),
                        *((CALENDAR, e) for e in handled.due),
                        *((command.actor, e) for e in handled.decided),
                    ]:
                        new.append(
                            NewEntry(
                                recorded_at=at,
                                actor=actor,
                                command_id=command.command_id,
                                event_type=event.type_name(),
                                schema_version=event.schema_version,
                                payload=event.payload(),
                            )
                        )
                        folded.append(event)
                entries = ledger_store.append(conn, new)
                for entry, event in zip(entries, folded, strict=True):
                    projections.apply(conn, entry.sequence, event)
                last = entries[-1]
                ledger_store.set_verified_head(conn, last.sequence, last.hash)
                if pending:
                    state = kept.store_if_due(conn, last.sequence, last.hash, state)
            progress.advance(task, len(chunk))
    db.dispose()


# -- timing the count -------------------------------------------------------------------


@dataclass
class Split:
    """Seconds of one count, each part exclusive of the parts it calls."""

    state: float = 0.0  # the snapshot's body loaded and the ledger after it folded
    buckets: float = 0.0  # the ballots' buckets read from the database and unpickled
    rules: float = 0.0  # the ballots walked out of the state and filtered, the skips
    engine: float = 0.0  # the engine's count
    appending: float = 0.0  # ledger entries, read tables, a snapshot if due
    total: float = 0.0
    elected: list[str] = field(default_factory=list)

    @property
    def reading(self) -> float:
        return self.state + self.buckets

    @property
    def count(self) -> float:
        return self.rules + self.engine

    @property
    def rest(self) -> float:
        return self.total - self.reading - self.count - self.appending


@contextmanager
def instrumented(split: Split) -> Iterator[None]:
    """Wrap the parts of a write with ``perf_counter``, each part's time exclusive of the
    parts inside it: the state's catch-up, the reads of the state's buckets (where a large
    map such as an election's ballots lives after a snapshot), the rules' count, the engine
    within it, and the unit of work's append."""
    running: list[list[Any]] = []  # [part, started] of the parts entered, innermost last

    def timed(owner: Any, name: str, part: str) -> Any:
        real = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            now = time.perf_counter()
            if running:
                outer = running[-1]
                setattr(split, outer[0], getattr(split, outer[0]) + now - outer[1])
            running.append([part, now])
            try:
                return real(*args, **kwargs)
            finally:
                now = time.perf_counter()
                done = running.pop()
                setattr(split, part, getattr(split, part) + now - done[1])
                if running:
                    running[-1][1] = now

        setattr(owner, name, wrapper)
        return real

    patched = [
        (uow_module.StateCache, "catch_up", "state"),
        (state_levels._Reader, "read", "buckets"),
        (state_levels._Reader, "buckets", "buckets"),
        (election_count, "count_skipping", "rules"),
        (engine, "count_ballots", "engine"),
        (uow_module._SqlWork, "append", "appending"),
    ]
    reals = [(owner, name, timed(owner, name, part)) for owner, name, part in patched]
    try:
        yield
    finally:
        for owner, name, real in reals:
            setattr(owner, name, real)


def count_once(source: Path, keys: Path, scratch: Path) -> Split:
    copy = scratch / "copy.sqlite"
    shutil.copyfile(source, copy)
    fed = Federation(f"sqlite:///{copy}", signer=Keyring(keys, provision=True))
    split = Split()
    command = _command(CountElection, actors.SECRETARIAT, COUNTED, election="e1")
    with instrumented(split):
        started = time.perf_counter()
        fed.execute(command)
        split.total = time.perf_counter() - started
    row = queries.elections.election(fed, "e1")
    assert row is not None
    split.elected = sorted(p.strip() for p in row.elected.split(","))
    fed.close()
    copy.unlink()
    return split


def peers(method: str, ballots: list[list[int]], n_cand: int) -> dict[str, tuple[float, list[str]]]:
    """pref_voting and votelib counting the same ballots, once each: (seconds, elected)."""
    people = names(n_cand)
    found: dict[str, tuple[float, list[str]]] = {}
    started = time.perf_counter()
    try:
        from pref_voting.profiles import Profile
        from pref_voting.proportional_methods import stv_wig
        from pref_voting.voting_methods import beat_path

        profile = Profile(ballots)
        won = (
            beat_path(profile)
            if method == "schulze"
            else stv_wig(profile, num_seats=3, quota_rule="droop")
        )
        found["pref_voting"] = (time.perf_counter() - started, sorted(people[c] for c in won))
    except ImportError:
        pass
    started = time.perf_counter()
    try:
        from votelib.convert import RankedToCondorcetVotes
        from votelib.evaluate.condorcet import Schulze
        from votelib.evaluate.sequential import TransferableVoteDistributor

        votes = dict(Counter(tuple(people[c] for c in row) for row in ballots))
        if method == "schulze":
            pairs = RankedToCondorcetVotes(people).convert(votes)
            elected = sorted(Schulze().evaluate(pairs, 1))
        else:
            stv = TransferableVoteDistributor(transferer="Gregory", quota_function="droop")
            try:
                elected = sorted(c for c, k in stv.evaluate(votes, 3).items() if k)
            except NotImplementedError as refused:  # votelib stops at a tie
                elected = [f"({refused})"]
        found["votelib"] = (time.perf_counter() - started, elected)
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--electors", type=int, default=10_000)
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--methods", default="stv,schulze")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()

    folder = args.folder or Path(tempfile.gettempdir()) / "isonomia-election-bench"
    ballots = rankings(args.electors, args.candidates)
    rows = [
        "| election | package | median s | reading (buckets) | count (engine) | appending "
        "| rest | elected | same |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for method in args.methods.split(","):
        here = folder / f"{method}-{args.electors}-{args.candidates}"
        record, keys = here / "record.sqlite", here / "keys"
        if args.rebuild or not (here / "done").exists():
            shutil.rmtree(here, ignore_errors=True)
            here.mkdir(parents=True)
            started = time.perf_counter()
            build(record, keys, method, ballots, args.candidates)
            (here / "done").write_text("")
            print(f"{method}: record built in {time.perf_counter() - started:.0f} s")
        runs = [count_once(record, keys, here) for _ in range(args.runs)]
        med = {
            part: statistics.median(getattr(r, part) for r in runs)
            for part in ("total", "reading", "buckets", "count", "engine", "appending", "rest")
        }
        ours = runs[0].elected
        label = LABELS[method]
        rows.append(
            f"| {label} | isonomia (CountElection, in the record) | {med['total']:.3f} "
            f"| {med['reading']:.3f} ({med['buckets']:.3f}) "
            f"| {med['count']:.3f} ({med['engine']:.3f}) "
            f"| {med['appending']:.3f} | {med['rest']:.3f} | {', '.join(ours)} | – |"
        )
        if not args.no_peers:
            for who, (seconds, elected) in peers(method, ballots, args.candidates).items():
                same = "yes" if elected == ours else "NO"
                rows.append(
                    f"| {label} | {who} (in memory, count only) | {seconds:.3f} | – "
                    f"| {seconds:.3f} | – | – | {', '.join(elected)} | {same} |"
                )
        print("\n".join(rows[-3:]), flush=True)
    print()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
