"""The rotating presidency (P5): who presides, term by term.

Terms follow each other from the founding day, each `term_months` or `term_days` long.
The presidency passes round the rotation order (founders in the charter's order, then
members by date of admission) to the next member that is a member at the term's start.
Between two presidencies of one member every other member that stayed a member
throughout presides once. A member whose secession takes effect mid-term stops
presiding that day, and the next member presides, acting, for the rest of the term.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from isonomia.charter.model import Charter
from isonomia.domain import FederationState
from isonomia.domain.dates import add_days, add_months


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


def tenures(state: FederationState) -> Iterator[Tenure]:
    """Every presidency from the founding on, lazily and without end."""
    charter, founded_on = state.charter, state.founded_on
    if charter is None or founded_on is None:
        return
    order = state.rotation
    members = state.members
    last: int | None = None
    term = 0
    while True:
        start, end = (
            term_start(charter, founded_on, term),
            term_start(charter, founded_on, term + 1),
        )
        day = start
        while day < end:
            chosen = None
            for step in range(len(order)):
                index = (step if last is None else last + 1 + step) % len(order)
                if members[order[index]].is_member(day):
                    chosen = index
                    break
            if chosen is None:
                if all(members[m].joined_on <= day for m in order):
                    return  # nobody is left and nobody is due to join
                break  # a vacant term
            member = members[order[chosen]]
            leaves = member.leaves_on
            until = leaves if leaves is not None and leaves < end else end
            yield Tenure(term=term, member=member.id, start=day, end=until, acting=day != start)
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
    first = max(day, state.founded_on)
    result: list[Tenure] = []
    current_term: int | None = None
    for tenure in tenures(state):
        if tenure.end <= first:
            continue
        if current_term is None:
            current_term = tenure.term
        if tenure.term > current_term + terms:
            break
        result.append(tenure)
    return result
