"""Submitting a signed command: inside the append lock, read the service's clock once, derive
the entries (`rules.record.derive`), append them and update the read tables.

    envelope ─► [append lock] ─► clock ─► derive (authenticate, the union it names, the
             record's clock, handle) ─► append ─► read tables ─► [commit]

The clock is read inside the lock, so two writers never record out of order; the derivation
is the one `ledger verify` replays, so what is recorded is what verification expects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.record import CLOCK_SKEW, SIGNED_WITHIN, RecordView, derive, recorded_time
from isonomia.service.clock import Clock
from isonomia.service.errors import Refused
from isonomia.service.pipeline import Recorded
from isonomia.service.unit_of_work import UnitOfWork

__all__ = ["CLOCK_SKEW", "SIGNED_WITHIN", "SIMULATED_NOTE", "recorded_time", "submit"]

SIMULATED_NOTE = N_("simulated clock: dates asserted, not witnessed")


def submit(uow: UnitOfWork, envelope: Mapping[str, Any], clock: Clock) -> Recorded:
    """Record a signed command, or raise `Refused` naming the principle; nothing is written
    on a refusal."""
    with uow.begin() as work:
        state = work.state()
        now = clock()  # read once, inside the append lock
        view = RecordView(
            size=work.size(),
            charter_hash=work.hash_at(1),
            hash_at=work.hash_at,
            last_recorded_at=work.last_recorded_at(),
        )
        derived = derive(state, envelope, now, view)
        if isinstance(derived, Refusal):
            raise Refused(derived)  # rolls the unit of work back: nothing is written
        entries = work.append(derived.entries, derived.events)
        return Recorded(entries=entries, events=derived.events, clock=derived.state.clock)
