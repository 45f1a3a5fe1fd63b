"""A long record for the scale benchmarks, made fast but as writes would make it.

A union of 1922 is founded through the service (signed commands); then the bulk: a signed
command and a delegate appointed or recalled, a session convened every 50 commands, linked
into the hash chain and appended through the store's ``append`` in transactions of 20,000
entries with their read tables, the state folded once in memory, and a snapshot stored
wherever a write would have stored one (``snapshots.due``'s rule). Usable on its own:
``python bench/scale_record.py URL KEYS_DIR ENTRIES``.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import rfc8785
import sqlalchemy as sa

from isonomia.domain import FederationState, FoundUnion, evolve
from isonomia.domain.organs import DelegateAppointed, DelegateRecalled, SessionConvened
from isonomia.domain.principals import CommandSigned
from isonomia.ledger import chain
from isonomia.ledger.chain import NewEntry
from isonomia.service import Federation, Keyring, at_day, example_charter, founding_decisions
from isonomia.service.unit_of_work import StateCache
from isonomia.store import ledger_store, projections, snapshots
from isonomia.store.db import Database

FOUNDED = date(1922, 12, 30)
START = date(1923, 1, 8)
MEMBERS = ["rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"]
ORGAN = "union-council"
BATCH = 20_000


# -- a union, fresh ---------------------------------------------------------------------


def found(url: str, keys: Path) -> Federation:
    fed = Federation(url, signer=Keyring(keys, provision=True))
    fed.initialize(example_charter("union-1922"), clock="simulated", at=at_day(FOUNDED))
    assert fed.signer is not None
    decisions = founding_decisions(fed, fed.signer, [(m, FOUNDED) for m in MEMBERS])
    fed.execute(
        FoundUnion(
            command_id=str(uuid.uuid4()),
            actor="secretariat",
            at=at_day(FOUNDED),
            founded_on=FOUNDED,
            decisions=decisions,
        )
    )
    return fed


# -- the bulk of the record -------------------------------------------------------------


def _bulk_events(start: int, count: int) -> Iterator[tuple[str, date, object]]:
    """(actor, day, event) for `count` entries of commands numbered from `start`."""
    made, n = 0, start
    while made < count:
        day = START + timedelta(days=n // 200)
        member = MEMBERS[n % len(MEMBERS)]
        who = {"organ": ORGAN, "member": member, "person": f"d{n // 2}"}
        actor = f"council:{member}"
        if n % 2 == 0:
            event: object = DelegateAppointed(**who, term_from=day, term_until=None)
        else:
            event = DelegateRecalled(**who, recalled_on=day)
        kind = "AppointDelegate" if n % 2 == 0 else "RecallDelegate"
        yield actor, day, _signed(n, kind, actor)
        yield actor, day, event
        made += 2
        if n % 50 == 49:
            agenda = ["bulk"]
            yield "secretariat", day, _signed(n, "ConveneSession", "secretariat")
            yield (
                "secretariat",
                day,
                SessionConvened(
                    session=f"s{n}", organ=ORGAN, held_on=day, presided_by=None, agenda=agenda
                ),
            )
            made += 2
        n += 1


def _signed(n: int, kind: str, actor: str) -> CommandSigned:
    return CommandSigned(
        command_id=f"bulk-{n}-{kind}",
        command_type=kind,
        principal=actor,
        key_id="bulk",
        signature="00" * 64,
        command={"n": n},
    )


class _Snapshots:
    """Where writes would store snapshots (``snapshots.due``), kept in memory."""

    def __init__(self, conn: sa.Connection) -> None:
        row = conn.execute(
            sa.select(
                snapshots.state_snapshot.c.sequence,
                sa.func.length(snapshots.state_snapshot.c.state),
            ).order_by(snapshots.state_snapshot.c.sequence.desc())
        ).first()
        self.sequence, self.size = (0, 0) if row is None else (int(row[0]), int(row[1]))

    def store_if_due(
        self, conn: sa.Connection, sequence: int, digest: str, state: FederationState
    ) -> FederationState:
        """The state, kept on the levels of a snapshot when one was due and stored."""
        gap = max(snapshots.SNAPSHOT_EVERY, self.size // snapshots.BYTES_PER_ENTRY)
        if sequence - self.sequence >= gap:
            state = snapshots.save(conn, sequence, digest, state)
            self.sequence = sequence
            self.size = conn.execute(
                sa.select(sa.func.length(snapshots.state_snapshot.c.state)).where(
                    snapshots.state_snapshot.c.sequence == sequence
                )
            ).scalar_one()
        return state


def grow(db: Database, cache: StateCache, target: int, next_n: int) -> tuple[int, date]:
    """Append entries until the ledger holds `target`; returns (next command number, day)."""
    state = cache.state
    day = START
    with db.reading() as conn:
        top, _ = ledger_store.head(conn)
        kept = _Snapshots(conn)
    events = _bulk_events(next_n, target)
    with _fast_canonical():
        state, top, day = _append_all(db, events, state, top, target, kept)
    cache.sequence, cache.state = top, state
    return next_n + target, day


def _append_all(
    db: Database,
    events: Iterator[tuple[str, date, object]],
    state: FederationState,
    top: int,
    target: int,
    kept: _Snapshots,
) -> tuple[FederationState, int, date]:
    day = START
    while top < target:
        with db.writing() as conn:
            new: list[NewEntry] = []
            folded: list[Any] = []
            for actor, day, event in events:
                new.append(_entry(actor, day, event))
                folded.append(event)
                if len(new) >= min(BATCH, target - top):
                    break
            entries = ledger_store.append(conn, new)
            for entry, event in zip(entries, folded, strict=True):
                projections.apply(conn, entry.sequence, event)
                state = evolve(state, event)
                state = kept.store_if_due(conn, entry.sequence, entry.hash, state)
            last = entries[-1]
            ledger_store.set_verified_head(conn, last.sequence, last.hash)
            top = last.sequence
    return state, top, day


def _json_dumps(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@contextmanager
def _fast_canonical() -> Iterator[None]:
    """While the bulk is made, canonical JSON by ``json.dumps``: for these payloads (ASCII
    keys and text, small integers, no floats) it gives RFC 8785's bytes, which is checked
    on every hundredth value; ``ledger verify`` then re-checks every entry the slow way."""
    real: Callable[[Any], bytes] = chain.canonical_json
    seen = [0]

    def fast(value: Any) -> bytes:
        result = _json_dumps(value)
        seen[0] += 1
        if seen[0] % 100 == 1:
            assert result == rfc8785.dumps(value), value
        return result

    chain.canonical_json = fast  # type: ignore[assignment]
    ledger_store.canonical_json = fast  # type: ignore[assignment]
    try:
        yield
    finally:
        chain.canonical_json = real  # type: ignore[assignment]
        ledger_store.canonical_json = real  # type: ignore[assignment]


def _entry(actor: str, day: date, event: Any) -> NewEntry:
    return NewEntry(
        recorded_at=f"{day.isoformat()}T12:00:00Z",
        actor=actor,
        command_id=getattr(event, "command_id", "bulk"),
        event_type=event.type_name(),
        schema_version=event.schema_version,
        payload=event.payload(),
    )


def main() -> None:
    url, keys, entries = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    found(url, keys).close()
    db = Database(url)
    cache = StateCache()
    with db.reading() as conn:
        cache.catch_up(conn)
    started = time.perf_counter()
    grow(db, cache, entries, 0)
    print(f"{entries:,} entries made in {time.perf_counter() - started:.0f} s")
    db.dispose()


if __name__ == "__main__":
    main()
