"""Verification by re-execution at scale: how fast `ledger verify` replays a record.

A 1922 union is founded through the service; its members' councils get their keys; then the
bulk: each council appoints and recalls delegates, every command a real envelope signed
with the council's key and derived by the same pure function the service records with
(`rules.record.derive`), its entries appended in batches. So every entry of the record is
what replay must re-derive, signature included; nothing is faked.

Then, on one core, in this process: reading the entries back (the floor of any check), the
chain check, and the replay (authenticate, derive, compare) — entries a second, and the
replay's cost over reading and over the chain. `python bench/replay_bench.py [--entries N
...] [--profile]`; the table goes to bench/README.md between the replay markers.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from isonomia.domain import AppointDelegate, FoundUnion, RecallDelegate
from isonomia.domain.refusal import Refusal
from isonomia.ledger.chain import link
from isonomia.ledger.envelope import Binding
from isonomia.ledger.verify import verify_chain
from isonomia.rules.record import RecordView, derive, log_origin
from isonomia.rules.replay import Replayer
from isonomia.service import (
    Federation,
    Keyring,
    at_day,
    example_charter,
    founding_decisions,
    provide_key,
)
from isonomia.service.keyring import envelope_of
from isonomia.store import ledger_store

FOUNDED = date(1922, 12, 30)
START = date(1923, 1, 8)
MEMBERS = ["rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"]
BATCH = 5_000
README = Path(__file__).with_name("README.md")


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
    for member in MEMBERS:
        provide_key(fed, fed.signer, f"council:{member}", member, at_day(FOUNDED))  # type: ignore[arg-type]
    return fed


def _commands(start: int) -> Iterator[AppointDelegate | RecallDelegate]:
    n = start
    while True:
        day = START + timedelta(days=n // 200)
        member = MEMBERS[(n // 2) % len(MEMBERS)]
        who = {"organ": "union-council", "member": member, "person": f"d{n // 2}"}
        common = {"command_id": f"bulk-{n}", "actor": f"council:{member}", "at": at_day(day)}
        if n % 2 == 0:
            yield AppointDelegate(**common, **who, term_from=day)
        else:
            yield RecallDelegate(**common, **who)
        n += 1


def grow(fed: Federation, keys: Keyring, target: int, start: int = 0) -> tuple[float, int]:
    """Derive and append signed commands, numbered from `start`, until the ledger holds
    `target` entries; (seconds, the next command's number)."""
    began = time.perf_counter()
    state = fed.state()
    charter_hash = next(fed.entries()).hash
    binding = Binding(log_origin(state.charter.union.id), charter_hash)  # type: ignore[union-attr]
    signing = {m: keys.key_for(f"council:{m}") for m in MEMBERS}
    commands = _commands(start)
    made = 0
    with fed.db.writing() as conn:
        top, head = ledger_store.head(conn)
        last_at = ledger_store.last_recorded_at(conn)
    while top < target:
        pending = []
        while top + len(pending) < target and len(pending) < BATCH:
            command = next(commands)
            made += 1
            envelope = envelope_of(command, signing[command.actor.split(":")[1]], binding)  # type: ignore[arg-type]
            view = RecordView(top + len(pending), charter_hash, lambda n: None, last_at)
            moment = command.at
            derived = derive(state, envelope, moment, view)
            assert not isinstance(derived, Refusal), derived.reason
            state = derived.state
            pending.extend(derived.entries)
            last_at = derived.entries[-1].recorded_at
        entries = link(top, head, pending)
        with fed.db.writing() as conn:
            ledger_store.append(conn, pending)
            last = entries[-1]
            ledger_store.set_verified_head(conn, last.sequence, last.hash)
        top, head = last.sequence, last.hash
    return time.perf_counter() - began, start + made


def time_passes(url: str, profile: bool) -> dict[str, float]:
    fed = Federation(url)
    times: dict[str, float] = {}
    began = time.process_time()
    with fed.db.plain_reading() as conn:
        entries = list(ledger_store.read_entries(conn))
    times["read"] = time.process_time() - began
    began = time.process_time()
    assert verify_chain(entries).ok
    times["chain"] = time.process_time() - began
    profiler = cProfile.Profile() if profile else None
    began = time.process_time()
    if profiler:
        profiler.enable()
    replayer = Replayer()
    for entry in entries:
        replayer.add(entry)
    report = replayer.finish()
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    times["replay"] = time.process_time() - began
    assert report.ok, report.describe()
    times["entries"] = float(len(entries))
    times["commands"] = float(report.commands)
    fed.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite:///{Path(work) / 'replay.db'}"
        keys = Keyring(Path(work) / "keys", provision=True)
        fed = found(url, Path(work) / "keys")
        fed.signer = keys
        number = 0
        for size in sorted(args.entries):
            made, number = grow(fed, keys, size, number)
            print(f"made {size:,} entries in {made:.0f} s", file=sys.stderr)
            runs = [time_passes(url, args.profile and i == 0) for i in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            rows.append((size, made, med))
            print(med, file=sys.stderr)
    _write(rows)


def _write(rows: list[tuple[int, float, dict[str, float]]]) -> None:
    lines = [
        "| entries | signed commands | read s | chain s | replay s | replay entries/s "
        "| replay / read | replay / chain |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _size, _made, m in rows:
        rate = m["entries"] / m["replay"]
        lines.append(
            f"| {int(m['entries']):,} | {int(m['commands']):,} | {m['read']:.1f} | "
            f"{m['chain']:.1f} | {m['replay']:.1f} | {rate:,.0f} | "
            f"{m['replay'] / m['read']:.0f}x | {m['replay'] / m['chain']:.0f}x |"
        )
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- replay:start -->", "<!-- replay:end -->"
    if start in text:
        head, rest = text.split(start, 1)
        text = head + start + "\n" + "\n".join(lines) + "\n" + end + rest.split(end, 1)[1]
    else:
        text += "\n" + start + "\n" + "\n".join(lines) + "\n" + end + "\n"
    README.write_text(text, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
