"""What `isonomia ledger verify` proves, check by check (P18).

1. **The chain**: every entry follows the one before, and its hash covers its content.
2. **Replay**: every entry is what the rules make of a signed command
   (`isonomia.rules.replay`): each envelope authenticated against the key register as the
   record then stood, for this union, dated by the record's clock, decided by the pure rules
   with the recorded time, its entries equal to those derived. This is the proof that the
   record is the members' own doing; the other checks are the fast first pass.
3. **The tree**: every stored Merkle node is recomputed from the entries.
4. **The checkpoints**: every stored checkpoint signs the tree's root at its size, with a
   key the record registered for the log.
5. **The snapshots**: every stored snapshot equals the fold of the ledger at its entry.

What it does not prove: that the record is the one every member holds (a copy rewritten
whole, keys and all, verifies on its own; members' co-signed checkpoints and their own
copies catch that), that dates asserted in a simulated-clock union are true, or that a
person who signed was who their council said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from isonomia.ledger.signatures import SignatureChecker, SignatureReport
from isonomia.ledger.verify import ChainReport
from isonomia.rules.replay import Replayer, ReplayReport
from isonomia.service import snapshot_audit
from isonomia.service.tlog_tree import verify_checkpoints, verify_nodes
from isonomia.store import ledger_store

if TYPE_CHECKING:
    from isonomia.service.federation import Federation

__all__ = [
    "RecordReport",
    "replay_record",
    "verify_chain",
    "verify_record",
    "verify_signatures",
    "verify_snapshots",
]

Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class RecordReport:
    """Each check's outcome; the checks after a failed one are not run (None)."""

    chain: ChainReport
    replay: ReplayReport | None = None
    tree: str | None = None
    checkpoints: str | None = None
    snapshot: int | None = None
    finished: bool = False

    @property
    def ok(self) -> bool:
        return self.finished and self.problem() is None and self.snapshot is None

    def problem(self) -> str | None:
        """The first check that failed, in one line; None when none did."""
        if not self.chain.ok:
            return self.chain.describe()
        if self.replay is not None and not self.replay.ok:
            return self.replay.describe()
        return self.tree or self.checkpoints


def verify_chain(federation: Federation, progress: Progress = None) -> ChainReport:
    """Walk the whole chain; `progress` hears the sequence number reached."""
    with federation.db.plain_reading() as conn:
        return ledger_store.verify(conn, progress)


def replay_record(federation: Federation, progress: Progress = None) -> ReplayReport:
    """Replay the whole record (see the module's docstring, check 2)."""
    replayer = Replayer()
    with federation.db.plain_reading() as conn:
        for entry in ledger_store.read_entries(conn):
            if not replayer.add(entry):
                break
            if progress is not None:
                progress(entry.sequence)
    return replayer.finish()


def verify_signatures(federation: Federation, progress: Progress = None) -> SignatureReport:
    """Check every recorded signature against the key register as of its entry: the part
    of the replay that needs no rules, as an export is checked offline."""
    checker = SignatureChecker()
    with federation.db.plain_reading() as conn:
        for entry in ledger_store.read_entries(conn):
            if not checker.add(entry):
                break
            if progress is not None:
                progress(entry.sequence)
    return checker.report()


def verify_snapshots(federation: Federation, progress: Progress = None) -> int | None:
    """The entry of a stored snapshot that differs from the ledger's fold, or None."""
    with federation.db.plain_reading() as conn:
        return snapshot_audit.check(conn, progress)


def verify_record(
    federation: Federation, progress: Callable[[str], Progress] | None = None
) -> RecordReport:
    """Run every check in order, stopping at the first that fails. `progress`, given a
    check's name, returns what hears that check's progress."""

    def hears(name: str) -> Progress:
        return progress(name) if progress is not None else None

    chain = verify_chain(federation, hears("chain"))
    if not chain.ok:
        return RecordReport(chain)
    replay = replay_record(federation, hears("replay"))
    if not replay.ok:
        return RecordReport(chain, replay)
    tree = verify_nodes(federation, hears("tree"))
    if tree is not None:
        return RecordReport(chain, replay, tree)
    stored = verify_checkpoints(federation)
    if stored is not None:
        return RecordReport(chain, replay, None, stored)
    snapshot = verify_snapshots(federation, hears("snapshots"))
    return RecordReport(chain, replay, None, None, snapshot, finished=True)
