"""Nothing binds a member that has left (P3): directives addressed to it close when it
leaves, and a directive published after its departure is never addressed to it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import (
    MEMBERS_1922,
    admit,
    apply,
    command,
    founded_1922,
    pass_motion,
    request_accession,
    run,
    seat_delegations,
    secede,
)
from isonomia.domain import (
    FederationState,
    GiveInstructions,
    PublishAct,
    ReportCompliance,
    RequestInstructions,
    actors,
)
from isonomia.domain.directives import closure_of
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
SECEDES = date(1923, 2, 1)
LEAVES = date(1923, 5, 2)  # the 1922 charter's 90 days' notice
ADOPTED = date(1923, 2, 12)
IN_FORCE = date(1923, 6, 1)


def _seated() -> FederationState:
    state = seat_delegations(founded_1922(), "union-council", date(1923, 1, 1))
    return seat_delegations(state, "sto", date(1923, 1, 1))


def _directive(
    state: FederationState,
    motion: str,
    day: date,
    force: str = "mandatory",
    addressees: list[str] | None = None,
) -> FederationState:
    voters = {m.id: "yes" for m in state.members_on(day)}
    return pass_motion(
        state,
        motion,
        f"sto-{motion}",
        "sto",
        day,
        votes=voters,
        field="railways",
        kind="directive",
        force=force,
        addressees=addressees or [],
    )


def _georgia_leaves_after_an_sto_directive(force: str = "mandatory") -> FederationState:
    state = apply(_seated(), secede("georgia", SECEDES))
    state = _directive(state, "sto-directive", ADOPTED, force)
    return apply(
        state, command(PublishAct, SEC, ADOPTED, act="sto-directive", in_force_on=IN_FORCE)
    )


def _report(member: str, day: date, directive: str = "sto-directive") -> ReportCompliance:
    return command(
        ReportCompliance, actors.council(member), day, directive=directive, member=member
    )


def _refused(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def test_p3_a_directive_no_longer_binds_a_member_once_it_has_left() -> None:
    state = _georgia_leaves_after_an_sto_directive()
    record = state.compliance[("sto-directive", "georgia")]
    assert closure_of(state, record, LEAVES - timedelta(days=1)) is None
    assert closure_of(state, record, LEAVES) == "closed: georgia left the union on 1923-05-02"
    reason = _refused(run(state, _report("georgia", IN_FORCE)), "P3")
    assert "no longer binds georgia" in reason
    assert not isinstance(run(state, _report("armenia", IN_FORCE)), Refusal)


def test_p3_a_member_that_has_left_neither_asks_nor_is_instructed() -> None:
    state = _georgia_leaves_after_an_sto_directive("conditional")
    ask = command(
        RequestInstructions,
        actors.council("georgia"),
        IN_FORCE,
        directive="sto-directive",
        member="georgia",
        question="which tariffs?",
    )
    _refused(run(state, ask), "P3")
    instruct = command(
        GiveInstructions,
        actors.organ("sto"),
        IN_FORCE,
        directive="sto-directive",
        member="georgia",
        instructions="the new ones",
    )
    _refused(run(state, instruct), "P3")


def test_p3_a_directive_published_after_a_departure_is_never_addressed_to_the_member() -> None:
    state = apply(_seated(), secede("georgia", SECEDES))
    after = LEAVES + timedelta(days=5)
    state = _directive(state, "to-all", after)
    state = apply(state, command(PublishAct, SEC, after, act="to-all"))
    assert "georgia" not in state.acts["to-all"].addressees
    assert ("to-all", "georgia") not in state.compliance
    state = _directive(state, "named", ADOPTED, addressees=["georgia", "armenia"])
    _refused(run(state, command(PublishAct, SEC, after, act="named")), "P3")


def test_p3_a_member_that_rejoins_owes_nothing_from_its_earlier_membership() -> None:
    state = _georgia_leaves_after_an_sto_directive()
    back = date(1923, 7, 2)
    state = apply(state, request_accession("georgia", back, accepts_fields=["railways"]))
    votes = {m: "yes" for m in MEMBERS_1922 if m != "georgia"}
    state = admit(state, "georgia", back, votes)
    assert state.is_member("georgia", back)
    record = state.compliance[("sto-directive", "georgia")]
    assert (
        closure_of(state, record, back) == "closed: georgia left the union after it was addressed"
    )
    _refused(run(state, _report("georgia", back)), "P3")


@settings(max_examples=25, deadline=None)
@given(
    secedes=st.integers(min_value=0, max_value=120),
    published=st.integers(min_value=0, max_value=240),
    in_force=st.integers(min_value=0, max_value=120),
    looked=st.integers(min_value=0, max_value=400),
)
def test_p3_nothing_binds_a_member_that_has_left_whatever_the_dates(
    secedes: int, published: int, in_force: int, looked: int
) -> None:
    start = date(1923, 1, 10)
    state = apply(_seated(), secede("georgia", start + timedelta(days=secedes)))
    leaves = state.members["georgia"].leaves_on
    assert leaves is not None
    day = start + timedelta(days=published)
    state = _directive(state, "d", day)
    in_force_on = day + timedelta(days=in_force)
    state = apply(state, command(PublishAct, SEC, day, act="d", in_force_on=in_force_on))
    on = start + timedelta(days=looked)
    for (directive, member), record in state.compliance.items():
        left = state.members[member].leaves_on
        if left is not None and left <= on:
            assert closure_of(state, record, on) is not None
            assert isinstance(run(state, _report(member, on, directive)), Refusal)
        else:
            assert closure_of(state, record, on) is None
    assert (day >= leaves) == (("d", "georgia") not in state.compliance)
