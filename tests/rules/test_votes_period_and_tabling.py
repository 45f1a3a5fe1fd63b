"""Organs decide only from signed votes (P4): a count waits for every delegation present or
for the close of the vote its tabling announced, votes are cast only while it is open, and a
member's council tables motions in the organs it sits in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from builders import (
    MEMBERS_1922,
    MONDAY,
    adopt,
    apply,
    command,
    delegate_id,
    found,
    founded_1922,
    run,
    seat_delegations,
    union_1922,
)
from isonomia.charter import charter_from_data
from isonomia.domain import (
    CastVote,
    CompetencesAmended,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    MotionAdopted,
    MotionRejected,
    MotionTabled,
    RecallDelegate,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
COUNCIL = "union-council"
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + timedelta(days=n) for n in (1, 2, 3))


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def _drafted(state: FederationState, motion: str = "m1", **draft: Any) -> FederationState:
    if "s1" not in state.sessions:
        convene = command(ConveneSession, SEC, MONDAY, session="s1", organ=COUNCIL, held_on=MONDAY)
        state = apply(state, convene)
    fields: dict[str, Any] = {
        "title": "Uniform railway signals",
        "text": "Railway signals are uniform across the union.",
        "field": "railways",
        "kind": "decision",
        "force": "mandatory",
    }
    fields.update(draft)
    return apply(state, command(DraftMotion, SEC, MONDAY, motion=motion, organ=COUNCIL, **fields))


def _tabled(state: FederationState, closes: date | None = None, **draft: Any) -> FederationState:
    state = _drafted(state, **draft)
    table = command(TableMotion, SEC, MONDAY, motion="m1", session="s1", voting_closes_on=closes)
    return apply(state, table)


def _cast(state: FederationState, member: str, vote: str, day: date = MONDAY) -> FederationState:
    person = actors.person(delegate_id(member, COUNCIL))
    return apply(state, command(CastVote, person, day, motion="m1", member=member, vote=vote))


def _count(day: date = MONDAY, actor: str = SEC) -> CountVotes:
    return command(CountVotes, actor, day, motion="m1")  # type: ignore[no-any-return]


@pytest.fixture
def council() -> FederationState:
    return seat_delegations(founded_1922(), COUNCIL, date(1923, 1, 1))


def test_p4_a_count_before_every_delegation_present_has_voted_is_refused(
    council: FederationState,
) -> None:
    # The charter amendment needs unanimity: counting it while one delegation has not voted
    # would kill it with an absence, so the count waits (the secretariat's attack).
    state = _tabled(
        council,
        title="Posts return to the republics",
        text="Posts and telegraphs are the republics' own.",
        field="charter",
        kind="charter-amendment",
        competence_changes={"posts-and-telegraphs": "reserved"},
    )
    for member in MEMBERS_1922[:-1]:
        state = _cast(state, member, "yes")
    reason = refusal(run(state, _count()), "P4")
    assert "have not voted yet: azerbaijan" in reason
    assert "open until the end of 1923-01-08" in reason
    refusal(run(state, _count(actor=actors.organ("presidium"))), "P4")
    state = _cast(state, "azerbaijan", "yes")
    counted = run(state, _count())
    assert isinstance(counted, list)
    assert isinstance(counted[0], MotionAdopted) and counted[0].decision_rule == "unanimity"
    assert any(isinstance(e, CompetencesAmended) for e in counted)


def test_p4_abstaining_is_voting_and_a_member_with_no_delegate_is_not_present(
    council: FederationState,
) -> None:
    recall = command(
        RecallDelegate,
        actors.council("armenia"),
        MONDAY,
        organ=COUNCIL,
        member="armenia",
        person=delegate_id("armenia", COUNCIL),
    )
    state = _tabled(apply(council, recall))
    assert state.present(COUNCIL, MONDAY) == [m for m in state.rotation if m != "armenia"]
    for member in ("rsfsr", "ukraine", "georgia", "belorussia"):
        state = _cast(state, member, "yes")
    assert "have not voted yet: azerbaijan" in refusal(run(state, _count()), "P4")
    state = _cast(state, "azerbaijan", "abstain")
    counted = run(state, _count())
    assert isinstance(counted, list) and isinstance(counted[0], MotionAdopted)
    assert counted[0].votes == {
        "azerbaijan": "abstain",
        "belorussia": "yes",
        "georgia": "yes",
        "rsfsr": "yes",
        "ukraine": "yes",
    }


def test_p4_a_count_after_the_announced_vote_has_closed_takes_the_votes_cast(
    council: FederationState,
) -> None:
    state = _tabled(council, closes=TUESDAY)
    assert state.acts["m1"].voting_closes_on == TUESDAY
    for member in ("rsfsr", "ukraine", "georgia"):
        state = _cast(state, member, "yes")
    state = _cast(state, "belorussia", "yes", TUESDAY)
    state = _cast(state, "armenia", "no", TUESDAY)
    assert "open until the end of 1923-01-09" in refusal(run(state, _count(TUESDAY)), "P4")
    counted = run(state, _count(WEDNESDAY))  # Azerbaijan's delegation never voted
    assert isinstance(counted, list) and isinstance(counted[0], MotionAdopted)
    assert counted[0].counted_on == WEDNESDAY
    assert sorted(counted[0].votes) == ["armenia", "belorussia", "georgia", "rsfsr", "ukraine"]


def test_p4_without_a_quorum_when_the_vote_closed_the_motion_fails(
    council: FederationState,
) -> None:
    state = _cast(_tabled(council), "georgia", "yes")
    assert "have not voted yet" in refusal(run(state, _count()), "P4")
    counted = run(state, _count(TUESDAY))
    assert isinstance(counted, list) and isinstance(counted[0], MotionRejected)
    assert counted[0].reason.startswith("no quorum when the vote closed: 1 of 6")


def test_p4_votes_are_cast_only_while_the_vote_is_open(council: FederationState) -> None:
    state = _tabled(council, closes=TUESDAY)
    person = actors.person(delegate_id("georgia", COUNCIL))
    late = command(CastVote, person, WEDNESDAY, motion="m1", member="georgia", vote="yes")
    assert refusal(run(state, late), "P4") == "voting on m1 closed on 1923-01-09"
    early = command(
        CastVote, person, MONDAY - timedelta(days=1), motion="m1", member="georgia", vote="yes"
    )
    assert "is voted at session s1 on 1923-01-08" in refusal(run(state, early), "P4")
    too_soon = command(CountVotes, SEC, MONDAY - timedelta(days=1), motion="m1")
    refusal(run(state, too_soon), "P4")
    on_the_day = _tabled(council)
    late = command(CastVote, person, TUESDAY, motion="m1", member="georgia", vote="yes")
    assert refusal(run(on_the_day, late), "P4") == "voting on m1 closed on 1923-01-08"


def test_p4_a_vote_cannot_close_before_its_session(council: FederationState) -> None:
    state = _drafted(council)
    before = command(
        TableMotion,
        SEC,
        MONDAY - timedelta(days=3),
        motion="m1",
        session="s1",
        voting_closes_on=MONDAY - timedelta(days=1),
    )
    assert "cannot close on 1923-01-07, before its session" in refusal(run(state, before), "P4")
    later = command(TableMotion, SEC, MONDAY, motion="m1", session="s1", voting_closes_on=THURSDAY)
    tabled = run(state, later)
    assert isinstance(tabled, list) and tabled[0] == MotionTabled(
        motion="m1", session="s1", voting_closes_on=THURSDAY
    )
    history = apply(state, later).acts["m1"].history[-1].what
    assert history == "tabled for session s1; voting closes on 1923-01-11"


def test_p4_a_council_tables_a_motion_in_an_organ_it_sits_in(council: FederationState) -> None:
    state = _drafted(council)
    by_georgia = command(TableMotion, actors.council("georgia"), MONDAY, motion="m1", session="s1")
    tabled = run(state, by_georgia)
    assert isinstance(tabled, list) and isinstance(tabled[-1], MotionTabled)
    recall = command(
        RecallDelegate,
        actors.council("armenia"),
        MONDAY,
        organ=COUNCIL,
        member="armenia",
        person=delegate_id("armenia", COUNCIL),
    )
    unseated = apply(state, recall)
    by_armenia = by_georgia.model_copy(update={"actor": actors.council("armenia")})
    reason = refusal(run(unseated, by_armenia), "P4")
    assert "council:armenia cannot issue it" in reason and "sitting in the organ" in reason
    stranger = by_georgia.model_copy(update={"actor": actors.council("atlantis")})
    refusal(run(state, stranger), "P4")


def test_p4_a_delegate_tables_in_its_own_name_only_where_the_charter_allows() -> None:
    person = actors.person(delegate_id("georgia", COUNCIL))
    by_delegate = command(TableMotion, person, MONDAY, motion="m1", session="s1")
    state = _drafted(seat_delegations(founded_1922(), COUNCIL, date(1923, 1, 1)))
    assert "cannot issue it" in refusal(run(state, by_delegate), "P4")
    data = union_1922().model_dump(mode="json")
    data["motions"] = {"delegates_table": True}
    allowing = charter_from_data(data)
    founded = apply(apply(FederationState(), adopt(allowing)), found(allowing))
    state = _drafted(seat_delegations(founded, COUNCIL, date(1923, 1, 1)))
    tabled = run(state, by_delegate)
    assert isinstance(tabled, list) and isinstance(tabled[-1], MotionTabled)
    outsider = by_delegate.model_copy(update={"actor": actors.person("stranger")})
    refusal(run(state, outsider), "P4")
