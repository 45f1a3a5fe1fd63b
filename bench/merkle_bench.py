"""Benchmark of the ledger's Merkle tree (RFC 9162) at 1,000,000 entries.

``python bench/merkle_bench.py [--leaves N]`` generates N ledger entries of about 600 bytes
of canonical JSON, then times, in one process on one core:

- the root over all entries (leaf hashes and every interior node), beside one bare
  ``hashlib.sha256`` per entry over the same bytes, the least any tree must do;
- making and checking one inclusion proof (median over 2,000 random leaves);
- the new root after appending one entry to the full tree (median over 200 appends);

and the peak memory (tracemalloc) of building the tree, leaf hashes included, measured in a
separate, untimed build, beside the peak RSS of the whole process (which holds the
entries). It prints a Markdown table with each goal met or missed.

The entries are written with ``json.dumps`` (sorted keys, no spaces, UTF-8), which for
these ASCII keys, strings and small integers gives the same bytes as RFC 8785; a sample is
checked against ``canonical_entry`` before anything is timed, because RFC 8785 in pure
Python would take most of the run to produce a million entries.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable

from isonomia.ledger.chain import NewEntry, canonical_entry
from isonomia.ledger.merkle import MerkleTree, leaf_hash, verify_inclusion

_MEMBERS = ["rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"]
_WORDS = (
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
)


def _fields(sequence: int, rng: random.Random) -> dict[str, object]:
    member = _MEMBERS[sequence % len(_MEMBERS)]
    words = " ".join(rng.choice(_WORDS) for _ in range(53))
    return {
        "sequence": sequence,
        "recorded_at": f"2024-03-{1 + sequence % 28:02d}T12:{sequence % 60:02d}:00Z",
        "actor": f"member/{member}/delegate/{sequence % 17}",
        "command_id": f"{rng.getrandbits(128):032x}",
        "event_type": "VoteCast",
        "schema_version": 1,
        "payload": {
            "motion": sequence // 50,
            "member": member,
            "vote": rng.choice(["yes", "no", "abstain"]),
            "weight": rng.randint(1, 1000),
            "statement": words,
        },
    }


def _encode(fields: dict[str, object]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def make_entries(n: int) -> list[bytes]:
    rng = random.Random(2024)
    entries = [_encode(_fields(sequence, rng)) for sequence in range(1, n + 1)]
    for entry in entries[:: max(1, n // 500)]:  # the fast encoding must equal RFC 8785
        fields = json.loads(entry)
        sequence = fields.pop("sequence")
        assert canonical_entry(sequence, NewEntry(**fields)) == entry
    return entries


def _median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _proof_times(tree: MerkleTree, entries: list[bytes]) -> tuple[float, float]:
    """Median seconds to make, and to check, one inclusion proof at a random leaf."""
    n = tree.size
    rng = random.Random(7)
    picks = [rng.randrange(n) for _ in range(2000)]
    proofs = {i: tree.inclusion_proof(i) for i in picks}
    root = tree.root()
    made = iter(picks)
    make = _median_seconds(lambda: tree.inclusion_proof(next(made)), len(picks))
    checked = iter(picks)

    def check() -> None:
        i = next(checked)
        verify_inclusion(leaf_hash(entries[i]), i, n, proofs[i], root)

    return make, _median_seconds(check, len(picks))


def _append_time(tree: MerkleTree) -> float:
    """Median seconds to append one entry and compute the new root."""
    extra = iter(make_entries(200))
    return _median_seconds(lambda: (tree.append_entry(next(extra)), tree.root()), 200)


def _peak_bytes(entries: list[bytes]) -> int:
    """Peak bytes allocated while building the tree, leaf hashes included."""
    tracemalloc.start()
    MerkleTree.from_entries(entries)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def run(n: int) -> list[tuple[str, str, str, bool]]:
    entries = make_entries(n)
    average = sum(map(len, entries)) / n
    sha256 = hashlib.sha256
    bare = min(_timed(lambda: [sha256(e).digest() for e in entries]) for _ in range(3))
    trees: list[MerkleTree] = []
    build = min(_timed(lambda: trees.append(MerkleTree.from_entries(entries))) for _ in range(3))
    tree = trees.pop()
    trees.clear()
    make, check = _proof_times(tree, entries)
    append = _append_time(tree)
    tree = MerkleTree()  # let the timed tree go before measuring a fresh one
    peak = _peak_bytes(entries)
    process = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    ratio = build / bare
    return [
        (f"entries (mean {average:.0f} bytes)", f"{n:,}", "", True),
        ("bare sha256, one per entry", f"{bare:.2f} s", "", True),
        ("root over all entries", f"{build:.2f} s ({ratio:.1f}x bare)", "≤ 3x bare", ratio <= 3),
        ("make one inclusion proof (median)", f"{make * 1e3:.3f} ms", "< 1 ms", make < 1e-3),
        ("check one inclusion proof (median)", f"{check * 1e3:.3f} ms", "< 1 ms", check < 1e-3),
        (
            "append one entry + new root (median)",
            f"{append * 1e3:.3f} ms",
            "< 100 ms",
            append < 0.1,
        ),
        ("peak memory of the tree, leaf hashes included", f"{peak / 2**20:.0f} MiB", "", True),
        ("peak RSS of the whole run, entries included", f"{process / 2**20:.0f} MiB", "", True),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    args = parser.parse_args()
    rows = run(args.leaves)
    print("| measure | result | goal | met |")
    print("|---|---|---|---|")
    for measure, result, goal, met in rows:
        verdict = ("yes" if met else "MISSED") if goal else "—"
        print(f"| {measure} | {result} | {goal or '—'} | {verdict} |")


if __name__ == "__main__":
    main()
