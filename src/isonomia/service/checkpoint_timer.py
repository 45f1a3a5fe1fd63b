"""A checkpoint at most N seconds after a write (P18): with the charter's `[transparency]
checkpoint_within_seconds = N`, the server (`isonomia serve`) signs the tree at most N
seconds after a write that no checkpoint covers yet, so that whoever wrote (a delegate who
voted) soon holds an inclusion proof of the entry.

`decide` is the rule, pure and given the time: the timer notes when it first saw an entry
that no checkpoint covers, and signs once that is old enough that the next look could come
too late. `CheckpointTimer.tick` looks once, by the service's clock (a fixed one in tests),
and the web server calls it in a loop every `pause()` seconds. Several servers over one
database may each run one: signing at a size already signed returns that checkpoint. The
log key is the one `checkpoint_every` signs with; without it the server says so once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from isonomia.service.auto_checkpoint import sign_checkpoint
from isonomia.service.clock import Clock
from isonomia.service.queries.union import charter
from isonomia.service.transparency import Head, Transparency

if TYPE_CHECKING:
    from isonomia.service.federation import Federation

__all__ = ["IDLE_SECONDS", "CheckpointTimer", "Due", "decide", "poll_seconds", "slack_seconds"]

#: How often the timer looks at the charter when it sets no `checkpoint_within_seconds`.
IDLE_SECONDS = 5.0


def poll_seconds(within: int) -> float:
    """How often the timer looks: every second, or four times within a shorter bound."""
    return min(1.0, within / 4)


def slack_seconds(within: int) -> float:
    """How much earlier than ``within`` the timer signs: one look may come a pause after the
    write, the next a pause after the last, and the clock counts whole seconds."""
    return 2 * poll_seconds(within) + 1


@dataclass(frozen=True)
class Due:
    """What the timer knows after a look: since when an entry has waited for a checkpoint
    (None: every entry is covered), and whether to sign now."""

    since: datetime | None
    sign: bool


def decide(
    size: int, covered: int, since: datetime | None, now: datetime, within: int, slack: float
) -> Due:
    """The ledger holds ``size`` entries, the latest checkpoint covers ``covered``; an
    uncovered entry was first seen at ``since`` (None: not yet). Sign when it has waited
    ``within - slack`` seconds by ``now``."""
    if size <= covered:
        return Due(None, False)
    first = now if since is None else since
    return Due(first, (now - first).total_seconds() >= max(0.0, within - slack))


class CheckpointTimer:
    """The timer of one union database (see the module's docstring)."""

    def __init__(self, federation: Federation, clock: Clock | None = None) -> None:
        self.federation = federation
        self.clock = clock or federation.clock
        self.since: datetime | None = None

    def within(self) -> int | None:
        """The charter's bound, in seconds (None: the charter sets none); one read of the
        charter in effect, no fold of the record."""
        return charter(self.federation).transparency.checkpoint_within_seconds

    def pause(self) -> float:
        """How long to wait before the next look."""
        within = self.within()
        return IDLE_SECONDS if within is None else poll_seconds(within)

    def tick(self) -> Head | None:
        """Look once: the checkpoint signed now, or None."""
        within = self.within()
        if within is None:
            self.since = None
            return None
        size = self.federation.ledger_length()
        head = Transparency(self.federation).head()
        due = decide(
            size,
            0 if head is None else head.size,
            self.since,
            self.clock(),
            within,
            slack_seconds(within),
        )
        self.since = due.since
        if not due.sign:
            return None
        made = sign_checkpoint(self.federation, size)
        if made is not None:
            self.since = None
        return made
