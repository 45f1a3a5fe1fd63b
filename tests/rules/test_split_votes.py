"""Votes of delegations of several (issue 24, P4, P12): per seat with proxies, split where the
charter allows it, counted with each member's seats as its weight; and the refusals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from delegations_world import appoint, census, founded, proxy, refusal, with_delegations

from builders import (
    MEMBERS_1922,
    MONDAY,
    adopt,
    apply,
    command,
    founded_1922,
    run,
    seat_delegations,
    secede,
)
from isonomia.domain import (
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    MotionAdopted,
    MotionRejected,
    TableMotion,
    actors,
)
from isonomia.domain.seats import SeatVoteCast
from isonomia.rules.power import audit
from isonomia.rules.seats import seats_on
from isonomia.rules.weights import integer_weights

CONF = "joint-conference"
SEC = actors.SECRETARIAT


def tabled(
    state: FederationState,
    organ: str = CONF,
    kind: str = "resolution",
    force: str = "advisory",
    day: date = MONDAY,
) -> FederationState:
    state = apply(state, command(ConveneSession, SEC, day, session="s1", organ=organ, held_on=day))
    draft = command(
        DraftMotion,
        SEC,
        day,
        motion="m1",
        organ=organ,
        title="Exchange of railway engineers",
        text="The republics exchange railway engineers.",
        field="railways",
        kind=kind,
        force=force,
    )
    state = apply(state, draft)
    return apply(state, command(TableMotion, SEC, day, motion="m1", session="s1"))


def vote(person: str, member: str = "ukraine", day: date = MONDAY, **how: Any) -> Any:
    return command(CastVote, actors.person(person), day, motion="m1", member=member, **how)


def ukraine_conference(n: int) -> tuple[FederationState, list[str]]:
    state = founded_1922()
    people = [f"ukr-{i}" for i in range(n)]
    for person in people:
        state = apply(state, appoint(state, "ukraine", person))
    return tabled(state), people


def test_a_delegate_casts_its_seat_and_the_one_it_holds_by_proxy() -> None:
    state, (a, b, c) = ukraine_conference(3)
    state = apply(state, proxy(b, a))
    events = run(state, vote(a, split={"yes": 1, "no": 1}))
    assert isinstance(events, list)
    (cast,) = [e for e in events if isinstance(e, SeatVoteCast)]
    assert (cast.yes, cast.no, cast.abstain, cast.seats_of) == (1, 1, 0, [a, b])
    state = apply(state, vote(a, split={"yes": 1, "no": 1}))
    state = apply(state, vote(c, vote="yes"))
    ballot = state.acts["m1"].votes[""]["ukraine"]
    assert ballot.split == (2, 1, 0) and set(ballot.seats_of) == {a, b, c}


def test_p4_the_proxy_giver_does_not_vote_while_its_proxy_stands() -> None:
    state, (a, b, _c) = ukraine_conference(3)
    state = apply(state, proxy(b, a))
    reason = refusal(run(state, vote(b, vote="no")), "P4")
    assert "gave its proxy" in reason


def test_p4_double_voting_with_a_proxy_is_refused() -> None:
    state, (a, b, _c) = ukraine_conference(3)
    state = apply(state, vote(b, vote="no"))  # b casts its own seat first
    state = apply(state, proxy(b, a))  # then gives a proxy for it
    reason = refusal(run(state, vote(a, vote="yes")), "P4")
    assert b in reason and "already cast" in reason


def test_p4_a_delegate_votes_once() -> None:
    state, (a, _b, _c) = ukraine_conference(3)
    state = apply(state, vote(a, vote="yes"))
    refusal(run(state, vote(a, vote="yes")), "P4")


def test_p12_a_split_must_sum_to_the_seats_the_delegate_holds() -> None:
    state, (a, b, _c) = ukraine_conference(3)
    state = apply(state, proxy(b, a))
    reason = refusal(run(state, vote(a, split={"yes": 2, "no": 1})), "P12")
    assert "holds 2 seats" in reason
    refusal(run(state, vote(a, split={"yes": 1})), "P12")


def test_p12_a_delegate_voting_beyond_its_members_seats_is_refused() -> None:
    state = founded_1922()
    seats = seats_on(state, CONF, MONDAY)
    assert isinstance(seats, dict)
    people = [f"ukr-{i}" for i in range(seats["ukraine"])]
    for person in people:
        state = apply(state, appoint(state, "ukraine", person))
    # A later census leaves Ukraine fewer seats than it has delegates sitting.
    state = apply(state, census("ukraine", 1_000))
    fewer = seats_on(state, CONF, MONDAY)
    assert isinstance(fewer, dict) and fewer["ukraine"] < len(people)
    state = tabled(state)
    for person in people[: fewer["ukraine"]]:
        state = apply(state, vote(person, vote="yes"))
    reason = refusal(run(state, vote(people[-1], vote="yes")), "P12")
    assert "cannot cast" in reason


def test_p12_no_split_where_the_charter_forbids_it() -> None:
    state = seat_delegations(founded_1922(), "union-council", MONDAY)
    state = tabled(state, "union-council", "decision", "mandatory")
    reason = refusal(run(state, vote("ukraine-union-council", split={"yes": 1})), "P12")
    assert "split" in reason
    charter = with_delegations(
        CONF,
        {"votes": "per-seat", "apportionment": {"seats": 24, "base": 2}},
    )
    state = tabled(seat_delegations(founded(charter), CONF, MONDAY))
    refusal(run(state, vote(f"ukraine-{CONF}", split={"yes": 1})), "P12")


def _split_council() -> FederationState:
    charter = with_delegations("union-council", {"split": True})
    state = seat_delegations(founded(charter), "union-council", MONDAY)
    return tabled(state, "union-council", "decision", "mandatory")


def _weights(state: FederationState) -> dict[str, int]:
    assert state.charter is not None
    rule = state.charter.organ_rule(state.charter.council_organ())
    members = state.members_on(MONDAY)
    ids = [m.id for m in members]
    return dict(zip(ids, integer_weights(rule, ids, [m.population for m in members]), strict=True))


def test_a_delegation_splits_its_members_weight() -> None:
    state = _split_council()
    weight = _weights(state)["ukraine"]
    half = weight // 2
    state = apply(state, vote("ukraine-union-council", split={"yes": weight - half, "no": half}))
    assert state.acts["m1"].votes[""]["ukraine"].split == (weight - half, half, 0)
    reason = refusal(run(state, vote("ukraine-union-council", vote="yes")), "P4")
    assert "already voted" in reason


def test_p12_a_split_not_summing_to_the_weight_is_refused() -> None:
    state = _split_council()
    weight = _weights(state)["ukraine"]
    reason = refusal(run(state, vote("ukraine-union-council", split={"yes": weight + 1})), "P12")
    assert str(weight) in reason


def test_the_count_weighs_each_split_and_records_it() -> None:
    state = _split_council()
    weights = _weights(state)
    for member in MEMBERS_1922:
        w = weights[member]
        how = {"split": {"yes": w - 1, "no": 1}} if member == "ukraine" else {"vote": "yes"}
        state = apply(state, vote(f"{member}-union-council", member=member, **how))
    events = run(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    assert isinstance(events, list)
    (counted,) = [e for e in events if isinstance(e, MotionAdopted | MotionRejected)]
    assert counted.votes["ukraine"] == f"yes={weights['ukraine'] - 1},no=1,abstain=0"
    assert counted.votes["rsfsr"] == "yes"


def test_p12_a_charter_whose_seats_let_one_member_decide_is_refused() -> None:
    """Equal votes are sound; the same rule with seats by D'Hondt lets the largest member
    pass alone, and the power audit, seeing the seats, refuses the charter (P12)."""
    apportioned = {"apportionment": {"seats": 30, "method": "dhondt", "minimum": 1}}
    charter = with_delegations("union-council", apportioned, decision_rule="equal-majority")
    seat_audit = next(r for r in audit(charter) if r.rule == "equal-majority-seats-union-council")
    assert seat_audit.dictator == "rsfsr" and seat_audit.breaches
    reason = refusal(run(FederationState(), adopt(charter)), "P12")
    assert "seats-union-council" in reason and "rsfsr" in reason


def test_p12_a_binding_count_is_refused_once_secessions_let_one_member_decide() -> None:
    """Equal seats at the founding; once three members leave, D'Hondt gives the largest most
    seats, and the binding vote waits for an amendment (P12): the count audits the seats.
    Without seats, the same rule on the same three members is sound."""
    apportioned = {"apportionment": {"seats": 12, "method": "dhondt", "minimum": 2}}
    for delegations, refused in (({}, False), (apportioned, True)):
        charter = with_delegations("union-council", delegations, decision_rule="equal-majority")
        state = seat_delegations(founded(charter), "union-council", MONDAY)
        for member in ("georgia", "armenia", "azerbaijan"):
            state = apply(state, secede(member, MONDAY))
        left = state.members["georgia"].leaves_on
        assert left is not None
        day = left + timedelta(days=(7 - left.weekday()) % 7)  # the council meets on Mondays
        state = tabled(state, "union-council", "decision", "mandatory", day)
        for member in ("rsfsr", "ukraine", "belorussia"):
            state = apply(
                state, vote(f"{member}-union-council", member=member, vote="yes", day=day)
            )
        result = run(state, command(CountVotes, SEC, day, motion="m1"))
        if refused:
            assert "rsfsr" in refusal(result, "P12")
        else:
            assert isinstance(result, list)


def test_p4_a_vote_is_whole_or_split_never_both_nor_neither() -> None:
    state, (a, *_) = ukraine_conference(2)
    refusal(run(state, vote(a)), "P4")
    refusal(run(state, vote(a, vote="yes", split={"yes": 1})), "P4")
