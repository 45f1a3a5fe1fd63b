"""Whatever proxies are given and revoked and however delegates split their seats, the count
holds exactly the seats cast, and no member casts more than its seats (issue 24, P4, P12)."""

from __future__ import annotations

from typing import Any

from delegations_world import CONF, appoint, proxy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_split_votes import tabled, vote

from builders import MONDAY, command, founded_1922, seat_delegations
from isonomia.domain import FederationState, actors
from isonomia.domain.refusal import Refusal
from isonomia.domain.seats import RevokeProxy, SeatVoteCast
from isonomia.rules.counting import count
from isonomia.rules.pipeline import handle
from isonomia.rules.seat_votes import counted_votes
from isonomia.rules.seats import seats_on

PEOPLE = [f"ukr-{i}" for i in range(4)]
amount = st.integers(min_value=0, max_value=3)
step = st.one_of(
    st.tuples(st.just("proxy"), st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)),
    st.tuples(st.just("revoke"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("whole"), st.sampled_from(PEOPLE), st.sampled_from(["yes", "no", "abstain"])),
    st.tuples(st.just("split"), st.sampled_from(PEOPLE), st.tuples(amount, amount, amount)),
)


def _world() -> FederationState:
    state = seat_delegations(founded_1922(), CONF, MONDAY, ("rsfsr",))
    seats = seats_on(state, CONF, MONDAY)
    assert isinstance(seats, dict)
    for person in PEOPLE[: seats["ukraine"] - 1]:
        state = handle(state, appoint(state, "ukraine", person), MONDAY).state  # type: ignore[union-attr]
    return tabled(state)


WORLD = _world()


def _command(op: tuple[Any, ...]) -> Any:
    match op:
        case ("proxy", giver, to):
            return proxy(giver, to)
        case ("revoke", giver):
            return command(RevokeProxy, actors.person(giver), MONDAY, organ=CONF, member="ukraine")
        case ("whole", person, choice):
            return vote(person, vote=choice)
        case ("split", person, (yes, no, abstain)):
            return vote(person, split={"yes": yes, "no": no, "abstain": abstain})
    raise AssertionError(op)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=st.lists(step, max_size=12), rsfsr=st.sampled_from(["yes", "no", None]))
def test_the_count_holds_exactly_the_seats_cast_and_none_beyond(
    history: list[tuple[Any, ...]], rsfsr: str | None
) -> None:
    state, cast = WORLD, []
    for op in history:
        handled = handle(state, _command(op), MONDAY)
        if isinstance(handled, Refusal):
            continue
        state = handled.state
        cast += [e for e in handled.decided if isinstance(e, SeatVoteCast)]
    if rsfsr is not None:
        handled = handle(state, vote(f"rsfsr-{CONF}", member="rsfsr", vote=rsfsr), MONDAY)
        assert not isinstance(handled, Refusal), str(handled)
        state = handled.state
        cast += [e for e in handled.decided if isinstance(e, SeatVoteCast)]
    seats = seats_on(state, CONF, MONDAY)
    assert isinstance(seats, dict)
    act = state.acts["m1"]
    ballots = act.votes.get("", {})
    for member, ballot in ballots.items():
        assert ballot.split is not None
        events = [e for e in cast if e.member == member]
        assert sum(ballot.split) == sum(e.yes + e.no + e.abstain for e in events)
        assert sum(ballot.split) == len(ballot.seats_of) == len(set(ballot.seats_of))
        assert sum(ballot.split) <= seats[member]
    if not ballots:
        return
    members = state.members_on(MONDAY)
    assert state.charter is not None
    rule = state.charter.organ_rule(state.charter.organ(CONF))  # type: ignore[arg-type]
    counted = counted_votes(state, act, rule, members, ballots, MONDAY)
    assert not isinstance(counted, Refusal)
    _audited, cast_rule, votes = counted
    outcome = count(cast_rule, members, votes).outcome
    assert outcome is not None
    tally = outcome.tally
    assert tally.yes + tally.no + tally.abstain == sum(sum(b.split or ()) for b in ballots.values())
