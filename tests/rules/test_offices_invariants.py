"""Offices without concentration (P15), as properties of random appointment histories: seats,
recalls, department posts, named offices and removals, under random charter limits. Whatever
is accepted, no person ever holds more offices than the limit, exclusive offices are never
held together, and terms, term limits and cool-downs hold."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from offices_world import (
    DAY,
    charter_with,
    founded_with,
    joint_rail,
    official,
    removal,
    represent,
    seat,
)
from offices_world import with_acts as _with_acts

from builders import command, run
from isonomia.charter.model import Charter
from isonomia.domain import FederationState, Holding, RecallDelegate, actors, evolve
from isonomia.domain.refusal import Refusal

PERSONS = ("person-1", "person-2")
ORGANS = ("presidium", "sovnarkom", "sto", "joint-conference", "union-council")
MEMBERS = ("rsfsr", "ukraine")
OFFICES = ("general-secretary", "presidium-chair", "chief-inspector")
EXECUTIVE = {"presidium", "sovnarkom", "sto"}

CONFIGS = st.tuples(
    st.integers(1, 3),  # max_per_person
    st.sampled_from([None, 30, 90]),  # term_days
    st.sampled_from([None, 1, 2]),  # max_terms
    st.sampled_from([0, 15, 40]),  # cooldown_days
)


@functools.cache
def _setting() -> FederationState:
    """Acts adopted and a joint department, under no limits (their delegates hold one seat)."""
    return joint_rail(_with_acts(founded_with()))


def _base(config: tuple[int, int | None, int | None, int]) -> FederationState:
    """The setting, from now on under the charter's limits of `config`."""
    limit, term_days, max_terms, cooldown = config
    charter = charter_with(
        max_per_person=limit, term_days=term_days, max_terms=max_terms, cooldown_days=cooldown
    )
    return replace(_setting(), charter=charter)


def _term() -> st.SearchStrategy[tuple[int, int | None]]:
    return st.tuples(st.integers(0, 40), st.one_of(st.none(), st.integers(1, 120)))


ACTIONS = st.lists(
    st.tuples(
        st.integers(0, 25),  # days that pass first
        st.one_of(
            st.tuples(
                st.just("seat"),
                st.sampled_from(PERSONS),
                st.sampled_from(ORGANS),
                st.sampled_from(MEMBERS),
                _term(),
            ),
            st.tuples(
                st.just("recall"),
                st.sampled_from(PERSONS),
                st.sampled_from(ORGANS),
                st.sampled_from(MEMBERS),
            ),
            st.tuples(
                st.just("official"), st.sampled_from(PERSONS), st.sampled_from(OFFICES), _term()
            ),
            st.tuples(st.just("remove"), st.sampled_from(PERSONS), st.sampled_from(OFFICES)),
            st.tuples(st.just("post"), st.sampled_from(PERSONS), st.sampled_from(MEMBERS)),
        ),
    ),
    max_size=25,
)


def _command(action: tuple[Any, ...], day: date) -> Any:
    kind, person, *rest = action
    if kind == "seat":
        organ, member, (offset, length) = rest
        start = day + timedelta(days=offset)
        until = start + timedelta(days=length) if length else None
        return seat(person, organ, day, until=until, member=member, start=start)
    if kind == "recall":
        organ, member = rest
        return command(
            RecallDelegate,
            actors.council(member),
            day,
            organ=organ,
            member=member,
            person=person,
        )
    if kind == "official":
        office, (offset, length) = rest
        start = day + timedelta(days=offset)
        until = start + timedelta(days=length) if length else None
        return official(person, office, None, day, until=until, start=start)
    if kind == "remove":
        return removal(person, rest[0], None, day)
    return represent(rest[0], person, day)


def _live(state: FederationState, person: str) -> list[Holding]:
    return [h for h in state.offices.of(person) if h.end != h.start]


def _kind(charter: Charter, h: Holding) -> str:
    if h.office == "office:chief-inspector":
        return "inspection"
    if h.organ in EXECUTIVE:
        return "executive"
    return h.office


def _check(state: FederationState) -> None:
    charter = state.charter
    assert charter is not None
    rules = charter.offices
    for person in PERSONS:
        held = _live(state, person)
        for day in {h.start for h in held}:
            now = [h for h in held if h.held(day)]
            assert len(now) <= rules.max_per_person, (person, day, now)
            kinds = {_kind(charter, h) for h in now}
            assert not {"inspection", "executive"} <= kinds, now
            assert not {"office:general-secretary", "office:presidium-chair"} <= kinds, now
        terms: dict[str, list[Holding]] = defaultdict(list)
        for h in held:
            if h.role in ("delegate", "official"):
                terms[h.office].append(h)
                if rules.term_days is not None:
                    assert h.until is not None and (h.until - h.start).days <= rules.term_days
        for same in terms.values():
            assert rules.max_terms is None or len(same) <= rules.max_terms, same
            same.sort(key=lambda h: h.start)
            for before, after in pairwise(same):
                end = before.end
                assert end is not None, same
                assert (after.start - end).days >= rules.cooldown_days, same


def _seats_agree(state: FederationState, day: date) -> None:
    """The book's seats are the delegation log's, day by day (P4)."""
    for person in PERSONS:
        for h in _live(state, person):
            if h.role == "delegate" and h.member is not None:
                assert h.held(day) == state.sits_for(person, h.member, h.organ, day)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(CONFIGS, ACTIONS)
def test_p15_no_history_concentrates_offices_beyond_the_charter(
    config: tuple[int, int | None, int | None, int], actions: list[tuple[int, Any]]
) -> None:
    state, day = _base(config), DAY
    accepted = 0
    for wait, action in actions:
        day += timedelta(days=wait)
        result = run(state, _command(action, day))
        if isinstance(result, Refusal):
            assert result.reason and "\n" not in result.reason
            continue
        for event in result:
            state = evolve(state, event)
        accepted += 1
        _check(state)
        _seats_agree(state, day)
    _check(state)
