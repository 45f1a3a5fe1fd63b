"""Submitting a signed command: inside the append lock, read the service's clock once, derive
the entries (`rules.record.derive`), append them and update the read tables.

    envelope ─► [append lock] ─► clock ─► derive (authenticate, the union it names, the
             record's clock, handle) ─► append ─► read tables ─► [commit]

The clock is read inside the lock, so two writers never record out of order; the derivation
is the one `ledger verify` replays, so what is recorded is what verification expects.

`submit_all` records several commands in one transaction (group commit, `service.group`):
one lock, one chain check and one commit for all of them, each still decided in turn on the
state the ones before it left, each in its own savepoint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.record import CLOCK_SKEW, SIGNED_WITHIN, RecordView, derive, recorded_time
from isonomia.service.clock import Clock
from isonomia.service.errors import Refused
from isonomia.service.pipeline import Recorded
from isonomia.service.savepoints import Abandoned
from isonomia.service.unit_of_work import UnitOfWork, WorkInProgress

__all__ = [
    "CLOCK_SKEW",
    "SIGNED_WITHIN",
    "SIMULATED_NOTE",
    "recorded_time",
    "submit",
    "submit_all",
]

SIMULATED_NOTE = N_("simulated clock: dates asserted, not witnessed")


def submit(uow: UnitOfWork, envelope: Mapping[str, Any], clock: Clock) -> Recorded:
    """Record a signed command, or raise `Refused` naming the principle; nothing is written
    on a refusal."""
    with uow.begin() as work:
        return _record(work, envelope, clock)


def submit_all(
    uow: UnitOfWork,
    envelopes: Sequence[Mapping[str, Any]] | Callable[[], Sequence[Mapping[str, Any]]],
    clock: Clock,
) -> list[Recorded | Exception]:
    """Record several signed commands in one unit of work (group commit): each is decided on
    the state the ones before it left, by the clock read for it, and appended in a savepoint
    of its own, so one that is refused or fails (its outcome, in its place) writes nothing
    and the others are recorded. `envelopes` may be a function that gives them once the
    append lock is held (`service.group` takes its queue then). When the group's transaction
    fails once they are decided (writing them, the commit), none of them is recorded, and
    each is then recorded alone, in a transaction of its own, so that a failure is only its
    own. When the unit of work fails before (the append lock, the chain check), it raises;
    so does one command alone, as `submit` does."""
    group: Sequence[Mapping[str, Any]] = ()
    outcomes: list[Recorded | Exception] = []
    try:
        with uow.begin() as work:
            group = envelopes() if callable(envelopes) else envelopes
            if len(group) == 1:  # its own transaction is its savepoint: a failure raises
                return [_record(work, group[0], clock)]
            for envelope in group:
                try:
                    with work.savepoint():
                        outcomes.append(_record(work, envelope, clock))
                except Abandoned:
                    raise
                except Exception as error:  # a refusal among them: nothing of it written
                    outcomes.append(error)
    except Exception:
        if len(group) < 2:
            raise
        return [_alone(uow, envelope, clock) for envelope in group]  # none was recorded
    return outcomes


def _alone(uow: UnitOfWork, envelope: Mapping[str, Any], clock: Clock) -> Recorded | Exception:
    try:
        return submit(uow, envelope, clock)
    except Exception as error:
        return error


def _record(work: WorkInProgress, envelope: Mapping[str, Any], clock: Clock) -> Recorded:
    """Derive a signed command's entries in an open unit of work and append them."""
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
        raise Refused(derived)  # rolls the unit of work (or its savepoint) back: nothing written
    entries = work.append(derived.entries, derived.events)
    return Recorded(entries=entries, events=derived.events, clock=derived.state.clock)
