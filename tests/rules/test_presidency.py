"""The rotating presidency (P5), over random histories of accessions and secessions."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import admit, apply, founded_1922, request_accession, secede
from isonomia.domain import FederationState
from isonomia.rules.amendments import admission_problem_p12
from isonomia.rules.presidency import Tenure, calendar, presiding_on, tenures

START = date(1923, 1, 1)


@st.composite
def histories(draw: st.DrawFn) -> FederationState:
    """A founded 1922 union, then random accessions (those P12 allows) and secessions on
    increasing days."""
    state = founded_1922()
    day = START
    fresh = 0
    for _ in range(draw(st.integers(min_value=0, max_value=14))):
        day += timedelta(days=draw(st.integers(min_value=1, max_value=400)))
        members = [m.id for m in state.members_on(day)]
        pending = [m for m in members if state.members[m].leaves_on is not None]
        can_leave = [m for m in members if m not in pending]
        if draw(st.booleans()) and len(can_leave) > 1:
            state = apply(state, secede(draw(st.sampled_from(can_leave)), day))
        else:
            gone = [m for m, r in state.members.items() if not r.is_member(day)]
            if gone and draw(st.booleans()):
                member = draw(st.sampled_from(sorted(gone)))
            else:
                fresh += 1
                member = f"new-{fresh}"
            candidate = apply(state, request_accession(member, day))
            if admission_problem_p12(candidate, member, day) is not None:
                continue  # one member would pass or block alone with it: refused (P12)
            voters = [m.id for m in candidate.members_on(day)]
            state = admit(candidate, member, day, {m: "yes" for m in voters})
    return state


def _first(state: FederationState, n: int) -> list[Tenure]:
    return list(islice(tenures(state), n))


def _periods(state: FederationState, member: str) -> list[tuple[date, date | None]]:
    return [state.members[m].period(j) for m, j in state.seats if m == member]


def _active_throughout(state: FederationState, member: str, start: date, end: date) -> bool:
    return any(s <= start and (e is None or e > end) for s, e in _periods(state, member))


def _rejoined_between(state: FederationState, member: str, start: date, end: date) -> bool:
    """A member that left and rejoined presides again as a new member (P5)."""
    return any(start < s <= end for s, _ in _periods(state, member))


@settings(max_examples=150, deadline=None)
@given(histories())
def test_p5_no_member_presides_twice_before_every_member_has_presided_once(
    state: FederationState,
) -> None:
    schedule = _first(state, 120)
    last_seen: dict[str, int] = {}
    for i, tenure in enumerate(schedule):
        if tenure.member in last_seen and not _rejoined_between(
            state, tenure.member, schedule[last_seen[tenure.member]].start, tenure.start
        ):
            j = last_seen[tenure.member]
            between = {t.member for t in schedule[j + 1 : i]}
            for other in state.members:
                if other != tenure.member and _active_throughout(
                    state, other, schedule[j].start, tenure.start
                ):
                    assert other in between, (other, schedule[j], tenure)
        last_seen[tenure.member] = i


@settings(max_examples=150, deadline=None)
@given(histories())
def test_p5_only_members_preside_and_a_member_that_left_drops_out(state: FederationState) -> None:
    for tenure in _first(state, 120):
        assert state.members[tenure.member].is_member(tenure.start)
        (end,) = [
            e
            for s, e in _periods(state, tenure.member)
            if s <= tenure.start and (e is None or e > tenure.start)
        ]
        assert end is None or tenure.end <= end


@settings(max_examples=100, deadline=None)
@given(histories())
def test_p5_a_new_member_presides_within_one_round_of_joining(state: FederationState) -> None:
    schedule = _first(state, 150)
    founded_on = state.founded_on
    for member, joined_on in state.seats:
        if joined_on == founded_on:
            continue
        _, leaves_on = state.members[member].period(joined_on)
        after = [t for t in schedule if t.start >= joined_on]
        round_length = len(state.seats) + 1
        if len(after) < round_length or (
            leaves_on is not None and after[round_length - 1].start >= leaves_on
        ):
            continue
        assert member in {t.member for t in after[:round_length]}


@settings(max_examples=50, deadline=None)
@given(histories())
def test_p5_the_schedule_is_deterministic(state: FederationState) -> None:
    assert _first(state, 60) == _first(state, 60)
    rebuilt = founded_1922()
    assert _first(rebuilt, 12) == _first(founded_1922(), 12)


def test_p5_founders_preside_in_the_charters_order_by_quarter() -> None:
    schedule = _first(founded_1922(), 7)
    assert [t.member for t in schedule] == [
        "rsfsr",
        "ukraine",
        "georgia",
        "belorussia",
        "armenia",
        "azerbaijan",
        "rsfsr",
    ]
    assert schedule[0].start == date(1922, 12, 30)
    assert schedule[1].start == date(1923, 3, 30)
    assert all(not t.acting for t in schedule)


def test_p5_new_member_joins_the_end_of_the_rotation() -> None:
    day = date(1923, 2, 1)
    state = apply(founded_1922(), request_accession("uzbekistan", day))
    state = admit(state, "uzbekistan", day, {m: "yes" for m in state.rotation})
    order = [t.member for t in _first(state, 8)]
    assert order == [
        "rsfsr",
        "ukraine",
        "georgia",
        "belorussia",
        "armenia",
        "azerbaijan",
        "uzbekistan",
        "rsfsr",
    ]


def test_p5_when_the_presiding_member_leaves_mid_term_the_next_presides_acting() -> None:
    # Ukraine presides from 1923-03-30 to 1923-06-30 and leaves on 1923-05-01.
    state = apply(founded_1922(), secede("ukraine", date(1923, 5, 1) - timedelta(days=90)))
    schedule = _first(state, 4)
    assert schedule[1] == Tenure(1, "ukraine", date(1923, 3, 30), date(1923, 5, 1), False)
    assert schedule[2] == Tenure(1, "georgia", date(1923, 5, 1), date(1923, 6, 30), True)
    assert schedule[3].member == "belorussia"
    assert presiding_on(state, date(1923, 5, 2)) == schedule[2]


def test_presidency_calendar_shows_the_current_and_next_terms() -> None:
    state = founded_1922()
    rows = calendar(state, date(1923, 4, 15), 3)
    assert [r.member for r in rows] == ["ukraine", "georgia", "belorussia", "armenia"]
    assert presiding_on(state, date(1922, 1, 1)) is None
