"""Verifying a hash chain, streaming: one pass, constant memory, stops at the first break.

The checks per entry, in this order (so the message names the first thing that is wrong):
the sequence follows the previous one without a gap; ``prev_hash`` equals the previous
entry's hash (the genesis hash for entry 1); ``hash`` equals the hash recomputed from the
entry's own content. An entry whose content was edited and re-hashed passes its own check
but breaks the link of the entry after it, which is then the one named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from isonomia.ledger.chain import GENESIS_HASH, Entry, canonical_entry, entry_hash

__all__ = ["ChainReport", "ChainVerifier", "verify_chain"]

HASH_MISMATCH = "hash does not match its content (payload or fields were changed)"


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification.

    ``count`` and ``head`` describe the verified prefix: all entries when ``ok``, the entries
    before ``broken_at`` otherwise. ``broken_at`` is the sequence number of the entry named
    in ``reason`` (``None`` when the fault is not in one entry, e.g. a malformed document).
    """

    ok: bool
    count: int
    head: str
    broken_at: int | None = None
    reason: str | None = None

    def describe(self) -> str:
        """One line for people: ``OK <count> entries, head <hash>`` or ``entry <n>: <why>``."""
        if self.ok:
            return f"OK {self.count} entries, head {self.head}"
        if self.broken_at is None:
            return self.reason or "invalid"
        return f"entry {self.broken_at}: {self.reason}"


class ChainVerifier:
    """Incremental verifier: feed entries in order with ``add``, then take ``report()``.

    ``add`` returns ``False`` once the chain is broken; later entries are ignored. Callers
    that find a fault the verifier cannot see (a stored payload that is not JSON) record it
    with ``fail``.
    """

    def __init__(self) -> None:
        self._count = 0
        self._last_sequence = 0
        self._head = GENESIS_HASH
        self._broken_at: int | None = None
        self._reason: str | None = None
        self._failed = False

    @property
    def ok(self) -> bool:
        return not self._failed

    @property
    def last_sequence(self) -> int:
        return self._last_sequence

    @property
    def head(self) -> str:
        return self._head

    def fail(self, broken_at: int | None, reason: str) -> None:
        if not self._failed:
            self._failed = True
            self._broken_at = broken_at
            self._reason = reason

    def check_position(self, sequence: int, prev_hash: str) -> bool:
        """Check that an entry follows the last accepted one (sequence and link)."""
        if self._failed:
            return False
        expected = self._last_sequence + 1
        if sequence != expected:
            if sequence > expected:
                self.fail(sequence, f"sequence gap after {self._last_sequence}")
            else:
                self.fail(sequence, f"sequence out of order after {self._last_sequence}")
            return False
        if prev_hash != self._head:
            if self._last_sequence == 0:
                self.fail(sequence, "previous hash is not the genesis hash")
            else:
                self.fail(sequence, f"previous hash does not match entry {self._last_sequence}")
            return False
        return True

    def accept_link(self, sequence: int, digest: str) -> None:
        """Accept an entry whose position was checked and whose hash is taken as given."""
        self._count += 1
        self._last_sequence = sequence
        self._head = digest

    def add(self, entry: Entry, *, stored_form_fault: str | None = None) -> bool:
        """Check one full entry: position, link and recomputed hash.

        ``stored_form_fault`` is a fault the caller found in how the entry was stored (say,
        payload text re-spelled without changing its content); it is reported only if the
        entry passes every other check, so a real change of content is named as such.
        """
        if not self.check_position(entry.sequence, entry.prev_hash):
            return False
        try:
            recomputed = entry_hash(
                entry.prev_hash, canonical_entry(entry.sequence, entry.content())
            )
        except (ValueError, TypeError) as exc:
            self.fail(entry.sequence, f"entry is malformed ({exc})")
            return False
        if recomputed != entry.hash:
            self.fail(entry.sequence, HASH_MISMATCH)
            return False
        if stored_form_fault is not None:
            self.fail(entry.sequence, stored_form_fault)
            return False
        self.accept_link(entry.sequence, entry.hash)
        return True

    def report(self) -> ChainReport:
        return ChainReport(
            ok=not self._failed,
            count=self._count,
            head=self._head,
            broken_at=self._broken_at,
            reason=self._reason,
        )


def verify_chain(entries: Iterable[Entry]) -> ChainReport:
    """Verify entries given in order from sequence 1; stops reading at the first break."""
    verifier = ChainVerifier()
    for entry in entries:
        if not verifier.add(entry):
            break
    return verifier.report()
