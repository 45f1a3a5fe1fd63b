"""Membership over whole histories: rejoining never rewrites the past (P5), and every date a
command refers to agrees with the record and the calendar (P1–P3, P18)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import takewhile

import pytest

from builders import (
    MONDAY,
    admit,
    adopt,
    apply,
    at,
    cid,
    command,
    delegate_id,
    found,
    founded_1922,
    request_accession,
    run,
    seat_delegations,
    secede,
    union_1922,
)
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    DraftMotion,
    FederationState,
    FoundingDecision,
    FoundUnion,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.rules.presidency import BeyondCalendar, Tenure, presiding_on, tenures

S1_DAY = date(1923, 4, 16)  # a Monday in Ukraine's first term (1923-03-30 to 1923-06-30)
LEFT = date(1923, 5, 1) + timedelta(days=90)
REJOINED = date(1923, 10, 15)  # midway through Belorussia's term (1923-09-30 to 12-30)


def _ukraine_leaves() -> FederationState:
    state = apply(
        founded_1922(),
        command(
            ConveneSession,
            actors.SECRETARIAT,
            MONDAY,
            session="s1",
            organ="union-council",
            held_on=S1_DAY,
        ),
    )
    return apply(state, secede("ukraine", date(1923, 5, 1)))


def _ukraine_rejoins(state: FederationState) -> FederationState:
    state = apply(state, request_accession("ukraine", REJOINED))
    voters = [m.id for m in state.members_on(REJOINED)]
    return admit(state, "ukraine", REJOINED, dict.fromkeys(voters, "yes"))


def _before(state: FederationState, day: date) -> list[Tenure]:
    return list(takewhile(lambda t: t.start < day, tenures(state)))


def test_p5_a_rejoining_member_never_rewrites_past_terms() -> None:
    left = _ukraine_leaves()
    rejoined = _ukraine_rejoins(left)
    assert rejoined.sessions["s1"].presided_by == "ukraine"
    tenure = presiding_on(rejoined, S1_DAY)
    assert tenure is not None and tenure.member == "ukraine"
    assert _before(rejoined, REJOINED) == _before(left, REJOINED)
    term = Tenure(3, "belorussia", date(1923, 9, 30), date(1923, 12, 30), acting=False)
    assert presiding_on(rejoined, REJOINED) == term


def test_p5_a_rejoining_member_enters_the_rotation_at_its_end_as_a_new_member() -> None:
    rejoined = _ukraine_rejoins(_ukraine_leaves())
    assert rejoined.seats[-1] == ("ukraine", REJOINED)
    assert rejoined.seats[1] == ("ukraine", date(1922, 12, 30))
    order = [m.id for m in rejoined.members_on(REJOINED)]
    assert order[-1] == "ukraine" and order.count("ukraine") == 1


def test_p3_a_rejoining_member_keeps_its_earlier_membership_in_the_record() -> None:
    record = _ukraine_rejoins(_ukraine_leaves()).members["ukraine"]
    assert record.joined_on == REJOINED
    (earlier,) = record.earlier
    assert (earlier.joined_on, earlier.left_on, earlier.founding) == (
        date(1922, 12, 30),
        LEFT,
        True,
    )
    assert record.is_member(date(1923, 1, 1))
    assert not record.is_member(LEFT)
    assert record.is_member(REJOINED)


def test_p2_a_decision_to_rejoin_cannot_predate_the_departure() -> None:
    state = _ukraine_leaves()
    refusal = run(state, request_accession("ukraine", REJOINED, decided_on=LEFT - timedelta(1)))
    assert isinstance(refusal, Refusal) and refusal.principle == "P2"


# -- dates ------------------------------------------------------------------------------


def test_p1_the_union_is_not_founded_before_its_charter_was_adopted() -> None:
    charter = union_1922()
    state = apply(FederationState(), adopt(charter, date(1923, 1, 5)))
    refusal = run(state, found(charter, date(1922, 12, 30)))
    assert isinstance(refusal, Refusal) and refusal.principle == "P1"
    assert "before its charter was adopted on 1923-01-05" in refusal.reason


def test_p1_a_founding_dated_after_the_day_it_is_recorded_is_refused() -> None:
    charter = union_1922()
    state = apply(FederationState(), adopt(charter))
    later = date(1923, 1, 1)
    refusal = run(
        state,
        FoundUnion(
            command_id=cid(),
            actor=actors.SECRETARIAT,
            at=at(date(1922, 12, 30)),
            founded_on=later,
            decisions=[FoundingDecision(member=m.id, decided_on=later) for m in charter.members],
        ),
    )
    assert isinstance(refusal, Refusal) and refusal.principle == "P1"


def test_p18_an_act_dated_after_the_day_it_is_recorded_is_refused() -> None:
    state = founded_1922()
    future = secede("ukraine", date(2099, 1, 1))
    refusal = handle(state, future, future.day, recorded_on=date(2026, 11, 30))
    assert isinstance(refusal, Refusal) and refusal.principle == "P18"


def test_p18_once_recorded_the_record_never_runs_backwards() -> None:
    state = apply(founded_1922(), secede("ukraine", date(1923, 5, 1)))
    settle_day = LEFT + timedelta(days=3)
    state = apply(state, request_accession("uzbekistan", settle_day))
    assert state.recorded_through == settle_day
    late = request_accession("kirghizia", date(1923, 6, 1))
    refusal = handle(state, late, late.day, recorded_on=date(2026, 11, 30))
    assert isinstance(refusal, Refusal) and refusal.principle == "P18"
    assert handle(state, late, late.day, recorded_on=date(1923, 5, 31)) is not None


def test_p3_a_secession_whose_notice_ends_past_the_calendar_is_refused() -> None:
    refusal = run(founded_1922(), secede("ukraine", date(9999, 12, 1)))
    assert isinstance(refusal, Refusal) and refusal.principle == "P3"
    assert "9999-12-31" in refusal.reason


def test_p5_a_presidency_that_runs_past_the_calendar_is_refused_not_raised() -> None:
    state = founded_1922()
    last = date(9999, 12, 31)  # its term would end in the year 10000
    refusal = run(
        state,
        command(
            ConveneSession,
            actors.SECRETARIAT,
            last,
            session="last",
            organ="union-council",
            held_on=last,
        ),
    )
    assert isinstance(refusal, Refusal)
    with pytest.raises(BeyondCalendar):
        presiding_on(state, last)


def test_p18_a_vote_cast_before_its_sessions_day_is_refused() -> None:
    state = seat_delegations(founded_1922(), "union-council", MONDAY)
    next_monday = MONDAY + timedelta(days=7)
    state = apply(
        state,
        command(
            ConveneSession,
            actors.SECRETARIAT,
            MONDAY,
            session="s2",
            organ="union-council",
            held_on=next_monday,
        ),
    )
    state = apply(
        state,
        command(
            DraftMotion,
            actors.SECRETARIAT,
            MONDAY,
            motion="m1",
            organ="union-council",
            title="t",
            text="x",
            field="railways",
            kind="decision",
            force="mandatory",
        ),
    )
    state = apply(
        state, command(TableMotion, actors.SECRETARIAT, MONDAY, motion="m1", session="s2")
    )
    vote = command(
        CastVote,
        actors.person(delegate_id("ukraine", "union-council")),
        next_monday,
        motion="m1",
        member="ukraine",
        vote="yes",
    )
    refusal = handle(state, vote, vote.day, recorded_on=MONDAY)  # recorded a week early
    assert isinstance(refusal, Refusal) and refusal.principle == "P18"
    assert not isinstance(handle(state, vote, vote.day, recorded_on=next_monday), Refusal)


def test_p4_a_delegation_cannot_begin_before_the_day_it_is_named() -> None:
    backdated = command(
        AppointDelegate,
        actors.council("ukraine"),
        MONDAY,
        organ="union-council",
        member="ukraine",
        person="ukraine-late",
        term_from=MONDAY - timedelta(days=7),
    )
    refusal = run(founded_1922(), backdated)
    assert isinstance(refusal, Refusal) and refusal.principle == "P4"


def test_p3_no_delegation_for_a_member_from_the_day_its_secession_takes_effect() -> None:
    state = apply(founded_1922(), secede("ukraine", date(1923, 5, 1)))
    late = command(
        AppointDelegate,
        actors.council("ukraine"),
        date(1923, 6, 1),
        organ="union-council",
        member="ukraine",
        person="ukraine-late",
        term_from=LEFT,
    )
    refusal = run(state, late)
    assert isinstance(refusal, Refusal) and "not a member" in refusal.reason
