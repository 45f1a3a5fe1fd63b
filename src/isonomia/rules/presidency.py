"""The rotating presidency (P5): who presides, term by term.

Terms follow each other from the founding day, each `term_months` or `term_days` long.
The presidency passes round the rotation order (founders in the charter's order, then
members by date of admission; a member that rejoins takes a new seat at the end) to the
next seat whose membership holds at the term's start.
Between two presidencies of one member every other member that stayed a member
throughout presides once. A member whose secession takes effect mid-term stops
presiding that day, and the next member presides, acting, for the rest of the term.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from isonomia.charter.model import Charter
from isonomia.domain import FederationState
from isonomia.domain.dates import add_days, add_months


class BeyondCalendar(ValueError):
    """A date whose terms would run past the last day the calendar holds (9999-12-31)."""


@dataclass(frozen=True)
class Tenure:
    """A presidency: `member` presides from `start` (inclusive) to `end` (exclusive)."""

    term: int
    member: str
    start: date
    end: date
    acting: bool


def term_start(charter: Charter, founded_on: date, term: int) -> date:
    presidency = charter.presidency
    if presidency.term_months is not None:
        return add_months(founded_on, term * presidency.term_months)
    return add_days(founded_on, term * (presidency.term_days or 1))


def _seat_period(state: FederationState, seat: tuple[str, date]) -> tuple[date, date | None]:
    member, joined_on = seat
    return state.members[member].period(joined_on)


def _active(period: tuple[date, date | None], day: date) -> bool:
    start, end = period
    return start <= day and (end is None or day < end)


#: A seat of the rotation: its member, and the period its membership holds (start
#: inclusive, end exclusive or None).
Seat = tuple[str, tuple[date, date | None]]


def tenures(state: FederationState) -> Iterator[Tenure]:
    """Every presidency from the founding on, lazily; `BeyondCalendar` past year 9999.

    Each term is chosen from the rotation as it stood at its start: seats are only ever
    added at the end, and a seat's period never changes once it is past, so a later
    accession, secession or rejoining never rewrites an earlier term (P5).
    """
    charter, founded_on = state.charter, state.founded_on
    if charter is None or founded_on is None:
        return
    seats = [(seat[0], _seat_period(state, seat)) for seat in state.seats]
    yield from rotation(charter, founded_on, seats)


def rotation(charter: Charter, founded_on: date, seats: Sequence[Seat]) -> Iterator[Tenure]:
    """`tenures` from the charter, the founding day and the rotation's seats in order, each
    with its period: whoever holds them (the record's state, or the read tables)."""
    periods = [period for _, period in seats]
    last: int | None = None
    term = 0
    while True:
        try:
            start = term_start(charter, founded_on, term)
            end = term_start(charter, founded_on, term + 1)
        except (OverflowError, ValueError) as error:
            raise BeyondCalendar(f"term {term + 1} would end after {date.max}") from error
        day = start
        while day < end:
            chosen = None
            for step in range(len(seats)):
                index = (step if last is None else last + 1 + step) % len(seats)
                if _active(periods[index], day):
                    chosen = index
                    break
            if chosen is None:
                if all(p[0] <= day for p in periods):
                    return  # nobody is left and nobody is due to join
                break  # a vacant term
            leaves = periods[chosen][1]
            until = leaves if leaves is not None and leaves < end else end
            member = seats[chosen][0]
            yield Tenure(term=term, member=member, start=day, end=until, acting=day != start)
            last, day = chosen, until
        term += 1


def presiding_on(state: FederationState, day: date) -> Tenure | None:
    """The presidency on a day, or None before the founding or when vacant."""
    if state.founded_on is None or day < state.founded_on:
        return None
    for tenure in tenures(state):
        if tenure.end > day:
            return tenure if tenure.start <= day else None
    return None


def calendar(state: FederationState, day: date, terms: int) -> list[Tenure]:
    """The presidency on `day` and the presidencies of the following `terms` terms."""
    if state.founded_on is None:
        return []
    return schedule(tenures(state), state.founded_on, day, terms)


def schedule(every: Iterator[Tenure], founded_on: date, day: date, terms: int) -> list[Tenure]:
    """From every presidency (`tenures`, `rotation`), the one on `day` and those of the
    following `terms` terms."""
    first = max(day, founded_on)
    result: list[Tenure] = []
    current_term: int | None = None
    for tenure in every:
        if tenure.end <= first:
            continue
        if current_term is None:
            current_term = tenure.term
        if tenure.term > current_term + terms:
            break
        result.append(tenure)
    return result
