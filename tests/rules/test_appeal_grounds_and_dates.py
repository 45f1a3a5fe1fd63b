"""Appeals (P6): a ground is each member's own, compared after normalising case, spacing
and punctuation; an appeal is dated no earlier than the act it appeals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import (
    MONDAY,
    apply,
    command,
    founded_1922,
    pass_motion,
    run,
    seat_delegations,
)
from isonomia.domain import FederationState, FileAppeal, PublishAct, actors
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
PUBLISHED = MONDAY + timedelta(days=2)
GROUND = "The tariff strangles Georgian grain imports"


@pytest.fixture(scope="module")
def decided() -> FederationState:
    state = seat_delegations(founded_1922(), "union-council", date(1923, 1, 1))
    state = seat_delegations(state, "sto", date(1923, 1, 1))
    state = pass_motion(
        state,
        "sto-tariffs",
        "sto-s1",
        "sto",
        MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
    )
    return apply(state, command(PublishAct, SEC, PUBLISHED, act="sto-tariffs"))


def appeal(appeal_id: str, member: str, ground: str, day: date = PUBLISHED) -> FileAppeal:
    return command(
        FileAppeal,
        actors.council(member),
        day,
        appeal=appeal_id,
        act="sto-tariffs",
        member=member,
        ground=ground,
    )


def test_p6_another_member_may_appeal_on_a_ground_a_member_used(
    decided: FederationState,
) -> None:
    state = apply(decided, appeal("georgia-1", "georgia", GROUND))
    assert not isinstance(run(state, appeal("armenia-1", "armenia", GROUND)), Refusal)


def test_p6_a_member_repeating_its_ground_with_punctuation_is_refused(
    decided: FederationState,
) -> None:
    state = apply(decided, appeal("georgia-1", "georgia", GROUND))
    result = run(
        state, appeal("georgia-2", "georgia", "the tariff strangles Georgian grain imports.")
    )
    assert isinstance(result, Refusal) and result.principle == "P6"
    assert "georgia already appealed sto-tariffs on that ground (georgia-1)" in result.reason


def test_p6_a_ground_of_punctuation_alone_is_no_ground(decided: FederationState) -> None:
    result = run(decided, appeal("georgia-1", "georgia", " ... "))
    assert isinstance(result, Refusal) and result.principle == "P6"


def test_p6_an_appeal_dated_before_the_act_was_published_is_refused(
    decided: FederationState,
) -> None:
    early = appeal("georgia-early", "georgia", GROUND, PUBLISHED - timedelta(days=1))
    result = run(decided, early)
    assert isinstance(result, Refusal) and result.principle == "P6"
    assert "published on 1923-01-10" in result.reason
    assert not isinstance(run(decided, appeal("georgia-1", "georgia", GROUND)), Refusal)


def _variant(ground: str, seed: list[int]) -> str:
    """The same ground in other case, spacing and punctuation."""
    out = []
    for i, word in enumerate(ground.split()):
        k = seed[i % len(seed)]
        out.append(word.upper() if k % 3 == 0 else word.lower())
        out.append(("  ", " , ", "; ", " - ", "\t")[k % 5])
    return "".join(out) + ("." if seed[0] % 2 else "!")


@settings(max_examples=30, deadline=None)
@given(seed=st.lists(st.integers(min_value=0, max_value=99), min_size=1, max_size=6))
def test_p6_grounds_are_per_member_whatever_their_spelling(
    decided: FederationState, seed: list[int]
) -> None:
    state = apply(decided, appeal("georgia-1", "georgia", GROUND))
    again = run(state, appeal("georgia-2", "georgia", _variant(GROUND, seed)))
    assert isinstance(again, Refusal) and again.principle == "P6"
    other = run(state, appeal("armenia-1", "armenia", _variant(GROUND, seed)))
    assert not isinstance(other, Refusal)


@settings(max_examples=20, deadline=None)
@given(offset=st.integers(min_value=-60, max_value=60))
def test_p6_no_appeal_ever_predates_its_act(decided: FederationState, offset: int) -> None:
    day = PUBLISHED + timedelta(days=offset)
    result = run(decided, appeal("a", "georgia", GROUND, day))
    if day < PUBLISHED:
        assert isinstance(result, Refusal) and result.principle == "P6"
    elif offset <= 30:  # the 1922 charter's appeal deadline
        assert not isinstance(result, Refusal), str(result)
