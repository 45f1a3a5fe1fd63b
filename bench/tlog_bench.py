"""Service-level numbers of the transparency log: a ledger of N entries in SQLite or
PostgreSQL, the Merkle tree built from the stored entries (each checked as it is read), the
whole chain verified, and one more entry folded into a kept tree (incremental).

Usage: python bench/tlog_bench.py --entries 100000 [--url postgresql://...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from isonomia.ledger.chain import NewEntry, canonical_entry
from isonomia.ledger.merkle import MerkleTree
from isonomia.store import ledger_store
from isonomia.store.db import Database


def _entries(start: int, count: int) -> list[NewEntry]:
    return [
        NewEntry(
            recorded_at="2026-01-01T00:00:00Z",
            actor="secretariat",
            command_id=f"c{n}",
            event_type="Bench",
            schema_version=1,
            payload={"n": n, "member": "ukraine", "votes": {"yes": n % 7, "no": n % 3}},
        )
        for n in range(start, start + count)
    ]


def _timed(label: str, rows: list[tuple[str, str]], action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    rows.append((label, f"{time.perf_counter() - started:.2f} s"))
    return result


def run(url: str, entries: int) -> list[tuple[str, str]]:
    db = Database(url)
    db.migrate()
    rows: list[tuple[str, str]] = []

    def fill() -> None:
        for start in range(0, entries, 10_000):
            with db.writing() as conn:
                ledger_store.append(conn, _entries(start, min(10_000, entries - start)))

    _timed(f"append {entries:,} entries (batches of 10,000)", rows, fill)

    def build() -> MerkleTree:
        with db.reading() as conn:
            return MerkleTree.from_entries(
                canonical_entry(e.sequence, e.content()) for e in ledger_store.read_entries(conn)
            )

    tree = _timed("build the tree from the stored entries (a checkpoint)", rows, build)

    def verify() -> bool:
        with db.reading() as conn:
            return ledger_store.verify(conn).ok

    assert _timed("verify the whole chain", rows, verify)

    def one_more() -> bytes:
        with db.writing() as conn:
            (entry,) = ledger_store.append(conn, _entries(entries, 1))
        tree.append_entry(canonical_entry(entry.sequence, entry.content()))
        return tree.root()

    _timed("one more entry, appended and folded into a kept tree", rows, one_more)
    _timed(
        "an inclusion proof and a consistency proof",
        rows,
        lambda: (tree.inclusion_proof(entries // 2), tree.consistency_proof(entries // 2)),
    )
    db.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--url", help="a PostgreSQL database (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        rows = run(url, args.entries)
    print("| measure | time |")
    print("|---|---|")
    for label, result in rows:
        print(f"| {label} | {result} |")


if __name__ == "__main__":
    main()
