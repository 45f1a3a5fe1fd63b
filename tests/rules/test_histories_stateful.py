"""Whole histories through the pure pipeline (`isonomia.rules.handle`): after every command
of every area, the past never changes (P5, P18), nothing binds a non-member (P3), and no
binding act is adopted under a rule that breaks the safeguards that day (P12)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, settings

from builders import MEMBERS_1922, founded_1922
from histories import Histories, seat_founders
from isonomia.domain import Command, Event, FederationState
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle

#: The day the pure machine records on: every command is dated on or before it.
CLOCK = date(2026, 11, 30)


class PureHistories(Histories):
    def __init__(self) -> None:
        self._state = founded_1922()
        super().__init__()
        seat_founders(self.run, MEMBERS_1922)

    def state(self) -> FederationState:
        return self._state

    def run(self, command: Command) -> list[Event] | None:
        handled = handle(self._state, command, command.day, recorded_on=CLOCK)
        if isinstance(handled, Refusal):
            return None
        self._state = handled.state
        return handled.events


PureHistories.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_p5_p12_p18_histories_through_the_pure_pipeline = PureHistories.TestCase
