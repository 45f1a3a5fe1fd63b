"""The service's clock: the one place the wall clock is read.

A live union records every entry at the time of this clock, read inside the append lock;
the rules receive it as a value and never read a clock themselves. Interfaces and tests
choose the clock once: the system clock by default, a `FixedClock` in tests (so a test
that passes today passes on any later day), installed with `use_clock` for everything the
process builds without naming its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from isonomia.service.errors import BadRequest

__all__ = ["Clock", "FixedClock", "current_clock", "system_clock", "use_clock"]

Clock = Callable[[], datetime]
"""A clock: called, it says the time now (an aware datetime, whole seconds)."""


def system_clock() -> datetime:
    """The machine's time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class FixedClock:
    """A clock that says what it is told: the same time until moved with `advance`."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a clock's time is an aware datetime")
        self.moment = moment.astimezone(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, by: timedelta) -> None:
        self.moment = self.moment + by


_current: list[Clock] = [system_clock]


def current_clock() -> Clock:
    """The clock of everything in this process that was given none of its own."""
    return _current[-1]


@contextmanager
def use_clock(clock: Clock) -> Iterator[Clock]:
    """Make `clock` the process's clock until the block ends."""
    _current.append(clock)
    try:
        yield clock
    finally:
        _current.remove(clock)


def now() -> datetime:
    """The time by the process's clock."""
    return current_clock()()


def parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise BadRequest(f"{text!r} is not a date (YYYY-MM-DD)") from error


def at_day(day: date) -> datetime:
    """Noon UTC on a day: the time recorded for commands dated by day only."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
