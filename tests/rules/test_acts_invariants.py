"""Invariants of organs and acts over random command sequences (pure rules, P6, P7, P9, P11)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings

from acts_strategies import START, Interpreter, Pure, actions, check_invariants
from builders import founded_1922, seat_delegations
from isonomia.domain import FederationState


def test_invariants_hold_for_the_seeded_union() -> None:
    check_invariants([], _seated())


def _seated() -> FederationState:
    state = founded_1922()
    for organ in ("union-council", "sto", "sovnarkom", "joint-conference"):
        state = seat_delegations(state, organ, date(1922, 12, 31))
    return state


SEATED = _seated()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=actions)
def test_invariants_hold_over_random_sequences_of_acts(steps: list[tuple[str, int]]) -> None:
    pure = Pure(SEATED)
    Interpreter(lambda: pure.state, pure.run, START).play(steps)
    check_invariants(pure.events, SEATED)
