"""The transparency log at 1,000,000 entries, in SQLite or PostgreSQL.

Usage: python bench/tlog_bench.py --entries 1000000 [--url postgresql://...]

1. Build (in a child process, so its memory is not counted below): N entries of about 600
   bytes of canonical JSON each, chained and inserted directly through the store's tables
   in batches of 10,000 (the store's own triggers still check every link), with the Merkle
   tree's stored nodes (``merkle_node``) beside them. Each entry's bytes come from
   ``json.dumps``, which for these fields spells exactly RFC 8785 (a sample is checked
   against ``canonical_entry`` first).
2. Measure, in this process: one bare ``hashlib.sha256`` per entry over the same bytes
   (the least any verification must do); the chain's full verification (``ledger_store.
   verify``, what `isonomia ledger verify` runs first); the stored tree's check against the
   entries (``merkle_nodes.check``, what it runs last); the resident memory as each goes;
   making and checking inclusion proofs from the stored tree; and new checkpoints on the
   full tree (the stored tree's root, shown to extend the previous checkpoint, signed and
   stored), each after one more entry appended through the store.

Prints a Markdown table with each goal met or missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.progress import Progress

from isonomia.ledger.chain import GENESIS_HASH, NewEntry, canonical_entry
from isonomia.ledger.keys import generate_private_key
from isonomia.ledger.merkle import Frontier, verify_inclusion
from isonomia.ledger.notes import ED25519, Checkpoint, Signer, sign_note
from isonomia.service.tlog_tree import catch_up, extending_root
from isonomia.store import checkpoints, ledger_store, merkle_nodes
from isonomia.store.db import Database
from isonomia.store.tables import ledger

BATCH = 10_000
_START = 1_700_000_000  # November 2023: one entry every 30 seconds from there
_MEMBERS = ["rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"]
_WORDS = [
    "the",
    "union",
    "council",
    "decides",
    "on",
    "motion",
    "tabled",
    "by",
    "member",
    "delegation",
]


def _statements(rng: random.Random) -> list[str]:
    return [" ".join(rng.choice(_WORDS) for _ in range(53)) for _ in range(997)]


def _fields(sequence: int, rng: random.Random, statements: list[str]) -> dict[str, Any]:
    member = _MEMBERS[sequence % len(_MEMBERS)]
    return {
        "sequence": sequence,
        "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(_START + 30 * sequence)),
        "actor": f"member/{member}/delegate/{sequence % 17}",
        "command_id": f"{rng.getrandbits(128):032x}",
        "event_type": "VoteCast",
        "schema_version": 1,
        "payload": {
            "motion": sequence // 50,
            "member": member,
            "vote": ("yes", "no", "abstain")[sequence % 3],
            "weight": 1 + sequence % 1000,
            "statement": statements[sequence % len(statements)],
        },
    }


def _encode(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _batches(n: int, first: int = 1) -> Any:
    """Batches of (fields, canonical bytes) for entries first..first+n-1, always the same."""
    rng = random.Random(2026 + first)
    statements = _statements(rng)
    for start in range(first, first + n, BATCH):
        fields = [_fields(s, rng, statements) for s in range(start, min(first + n, start + BATCH))]
        yield [(f, _encode(f)) for f in fields]


def _check_encoding() -> None:
    for batch in _batches(2000):
        for fields, data in batch[::50]:
            entry = {k: v for k, v in fields.items() if k != "sequence"}
            assert canonical_entry(fields["sequence"], NewEntry(**entry)) == data


def build(url: str, n: int) -> None:
    """Fill an empty database with n chained entries and their stored tree."""
    _check_encoding()
    db = Database(url)
    db.migrate()
    prev, grown = bytes.fromhex(GENESIS_HASH), Frontier()
    sha256 = hashlib.sha256
    with Progress() as progress:
        task = progress.add_task(f"building {n:,} entries", total=n)
        for batch in _batches(n):
            rows, nodes = [], []
            for fields, data in batch:
                digest = sha256(prev + data).digest()
                rows.append(
                    {
                        **{k: v for k, v in fields.items() if k != "payload"},
                        "payload": _encode(fields["payload"]).decode(),
                        "prev_hash": prev.hex(),
                        "hash": digest.hex(),
                    }
                )
                prev = digest
                for h, i, node in grown.append(sha256(b"\x00" + data).digest()):
                    nodes.append(
                        {"end_leaf": merkle_nodes.end_leaf(h, i), "level": h, "hash": node}
                    )
            with db.writing() as conn:
                conn.execute(ledger.insert(), rows)
                conn.execute(merkle_nodes.merkle_node.insert(), nodes)
            progress.advance(task, len(rows))
    with db.writing() as conn:
        ledger_store.set_verified_head(conn, n, prev.hex())
    db.dispose()


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(n: int) -> tuple[float, float]:
    """Wall and CPU seconds of one bare sha256 per entry over its bytes (generation not
    timed)."""
    wall = cpu = 0.0
    for batch in _batches(n):
        data = [d for _, d in batch]
        start, started = time.perf_counter(), time.process_time()
        for d in data:
            hashlib.sha256(d).digest()
        wall += time.perf_counter() - start
        cpu += time.process_time() - started
    return wall, cpu


def _timed_with_rss(
    label: str, n: int, action: Callable[[Callable[[int], None]], Any]
) -> tuple[tuple[float, float], Any, list[float]]:
    samples: list[float] = []
    with Progress() as progress:
        task = progress.add_task(label, total=n)

        def advance(sequence: int) -> None:
            progress.update(task, completed=sequence)
            if sequence % (n // 10 or 1) < 1000:
                samples.append(_rss_mib())

        start, started = time.perf_counter(), time.process_time()
        result = action(advance)
        seconds = (time.perf_counter() - start, time.process_time() - started)
    return seconds, result, samples


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1e3


def _proofs(db: Database, n: int) -> tuple[float, float]:
    rng = random.Random(7)
    picks = [rng.randrange(n) for _ in range(300)]
    made, checked = [], []
    with db.reading() as conn:
        root = merkle_nodes.StoredTree(conn, n).root()
        for index in picks:
            leaf = merkle_nodes.leaf_hash(next(ledger_store.read_entries(conn, after=index)))
            start = time.perf_counter()
            proof = merkle_nodes.StoredTree(conn, n).inclusion_proof(index)
            made.append(time.perf_counter() - start)
            start = time.perf_counter()
            verify_inclusion(leaf, index, n, proof, root)
            checked.append(time.perf_counter() - start)
    return _median_ms(made), _median_ms(checked)


def _checkpoints(db: Database, n: int, repeats: int = 21) -> tuple[float, float]:
    """Median ms to append one entry through the store, and to make a checkpoint after."""
    key = generate_private_key()
    signer = Signer("isonomia/bench", ED25519, key)

    def checkpoint() -> None:
        with db.writing() as conn:
            size = catch_up(conn)
            root = extending_root(conn, size)
            note = sign_note(Checkpoint("isonomia/bench", size, root).body(), signer)
            checkpoints.add_checkpoint(conn, size, root.hex(), note.encode().decode(), "now")

    checkpoint()  # the first checkpoint of the full tree, extended by the timed ones
    appended, made = [], []
    extra = next(_batches(repeats, first=n + 1))
    for fields, _ in extra:
        new = NewEntry(**{k: v for k, v in fields.items() if k != "sequence"})
        start = time.perf_counter()
        with db.writing() as conn:
            ledger_store.append(conn, [new])
        appended.append(time.perf_counter() - start)
        start = time.perf_counter()
        checkpoint()
        made.append(time.perf_counter() - start)
    return _median_ms(appended), _median_ms(made)


def measure(url: str, n: int) -> list[tuple[str, str, str, str]]:
    db = Database(url)
    bare = _bare(n)
    idle = _rss_mib()

    def chain(advance: Callable[[int], None]) -> bool:
        with db.reading() as conn:
            return ledger_store.verify(conn, advance).ok

    chain_s, ok, chain_rss = _timed_with_rss("verifying the chain", n, chain)
    assert ok

    def nodes(advance: Callable[[int], None]) -> str | None:
        with db.reading() as conn:
            return merkle_nodes.check(conn, None, advance)

    nodes_s, problem, nodes_rss = _timed_with_rss("checking the stored tree", n, nodes)
    assert problem is None, problem
    peak = _peak_mib()
    proofs = _proofs(db, n)
    made = _checkpoints(db, n)
    db.dispose()
    rss = chain_rss + nodes_rss
    memory = f"{idle:.0f} MiB before; {min(rss):.0f}–{max(rss):.0f} MiB; peak {peak:.0f} MiB"
    return _table(bare, chain_s, nodes_s, (memory, max(rss) - min(rss) < 50), proofs, made)


Seconds = tuple[float, float]


def _table(
    bare: Seconds,
    chain: Seconds,
    nodes: Seconds,
    memory: tuple[str, bool],
    proofs: tuple[float, float],
    made: tuple[float, float],
) -> list[tuple[str, str, str, str]]:
    """The rows: wall and CPU seconds, each beside bare sha256's; the goal judged on CPU
    time, which the other work on the machine inflates least."""
    total = (chain[0] + nodes[0], chain[1] + nodes[1])

    def ratio(seconds: Seconds) -> str:
        wall, cpu = seconds[0] / bare[0], seconds[1] / bare[1]
        return f"{seconds[0]:.1f} s wall, {seconds[1]:.1f} s CPU ({wall:.0f}x, {cpu:.0f}x bare)"

    def met(ok: bool) -> str:
        return "met" if ok else "missed"

    make, check = proofs
    append, checkpoint = made
    return [
        (
            "bare sha256, one per entry over its bytes",
            f"{bare[0]:.2f} s wall, {bare[1]:.2f} s CPU",
            "—",
            "—",
        ),
        (
            "verify the chain (`ledger_store.verify`)",
            ratio(chain),
            "≤ 3x bare",
            met(chain[1] <= 3 * bare[1]),
        ),
        (
            "check the stored tree against the entries",
            ratio(nodes),
            "≤ 3x bare",
            met(nodes[1] <= 3 * bare[1]),
        ),
        ("full verification (both)", ratio(total), "≤ 3x bare", met(total[1] <= 3 * bare[1])),
        ("resident memory while verifying", memory[0], "flat", met(memory[1])),
        (
            "make one inclusion proof, stored tree (median of 300)",
            f"{make:.3f} ms",
            "< 1 ms",
            met(make < 1),
        ),
        ("check one inclusion proof (median of 300)", f"{check:.3f} ms", "< 1 ms", met(check < 1)),
        ("append one entry, its nodes too (median of 21)", f"{append:.1f} ms", "—", "—"),
        (
            "new checkpoint, full tree (median of 21)",
            f"{checkpoint:.1f} ms",
            "< 100 ms",
            met(checkpoint < 100),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a new SQLite file)")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build(args.url, args.entries)
        return
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        command = [sys.executable, __file__, "--build-only", "--url", url]
        subprocess.run([*command, "--entries", str(args.entries)], check=True)
        built = time.perf_counter() - started
        rows = measure(url, args.entries)
    print(f"\n{args.entries:,} entries built in {built:.0f} s\n")
    print("| measure | result | goal | verdict |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
