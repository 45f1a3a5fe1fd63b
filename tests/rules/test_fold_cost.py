"""Folding an event costs the same on a young union and on a long record.

Memory allocated while folding one event is counted with `tracemalloc` (deterministic, unlike
timing on a busy machine): copying a growing collection would allocate in proportion to
the record; a persistent map allocates O(log n).
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Iterator
from datetime import date

from isonomia.domain import Event, FederationState, evolve, fold
from isonomia.domain.organs import DelegateAppointed, DelegateRecalled
from isonomia.domain.principals import CommandSigned

DAY = date(1923, 1, 1)


def _events(start: int, count: int) -> Iterator[Event]:
    """Delegates appointed and recalled, each command signed, as a long record has them."""
    for n in range(start, start + count):
        who = {"organ": "council", "member": f"m{n % 50}", "person": f"p{n}"}
        yield CommandSigned(
            command_id=f"cmd-{n}",
            command_type="AppointDelegate",
            principal="x",
            key_id="k",
            signature="s",
            command={},
        )
        yield DelegateAppointed(**who, term_from=DAY, term_until=None)
        if n % 2:
            yield DelegateRecalled(**who, recalled_on=DAY)


def _bytes_per_event(state: FederationState, start: int) -> float:
    events = list(_events(start, 200))
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        current = state
        for event in events:
            current = evolve(current, event)
        allocated = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
        gc.enable()
    return allocated / len(events)


def test_folding_an_event_allocates_no_more_on_a_record_ten_times_longer() -> None:
    young = fold(_events(0, 2_000))
    old = fold(_events(2_000, 18_000), young)
    assert len(old.delegations) == 20_000 and len(old.command_ids) == 20_000
    on_young = _bytes_per_event(young, 100_000)
    on_old = _bytes_per_event(old, 200_000)
    # Copying the collections would make it ten times as much.
    assert on_old < 3 * on_young, (on_young, on_old)


def test_a_recall_ends_only_the_open_term_of_that_person_and_keeps_the_order() -> None:
    state = fold(_events(0, 4))
    delegations = list(state.delegations)
    assert [d.person for d in delegations] == ["p0", "p1", "p2", "p3"]
    assert [d.recalled_on for d in delegations] == [None, DAY, None, DAY]
    assert state.sits_for("p0", "m0", "council", DAY)
    assert not state.sits_for("p1", "m1", "council", DAY)
    assert [d.person for d in state.delegations_of("p2")] == ["p2"]
    assert state.delegations_of("nobody") == []
