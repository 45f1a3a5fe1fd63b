"""Procedure belongs to the members (P4, P12, P14): a draft goes to every member's council
before its vote, no vote is cast or counted before the charter's notice has run, an urgent
procedure exists only where the charter declares it, and a concerned member may have a vote
postponed once per motion."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import (
    MEMBERS_1922,
    MONDAY,
    adopt,
    apply,
    command,
    delegate_id,
    found,
    run,
    seat_delegations,
    union_1922,
)
from isonomia.charter.model import (
    Charter,
    Concern,
    DecisionRule,
    NationalQuestion,
    Notice,
    Postponement,
    Procedure,
)
from isonomia.domain import (
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    MotionAdopted,
    MotionRejected,
    Stage,
    TableMotion,
    actors,
)
from isonomia.domain.procedure import (
    CirculateDraft,
    DraftCirculated,
    MotionSentBack,
    RequestPostponement,
    VotePostponed,
    book,
)
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
COUNCIL = "union-council"
NOTICE = 14

PROCEDURE = Procedure(
    notice=[
        Notice(organ=COUNCIL, kind="decision", days=NOTICE, urgent_days=2),
        Notice(organ=COUNCIL, kind="charter-amendment", days=30),
    ],
    postponement=Postponement(
        days=14,
        concerned=[Concern(members=["georgia"], fields=["railways"])],
    ),
)


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


#: A two-thirds majority of republics, for a vote after a suspensive objection.
QUALIFIED = DecisionRule(id="qualified", kind="qualified-majority", threshold=2 / 3)


def _charter(procedure: Procedure = PROCEDURE) -> Charter:
    charter = union_1922()
    rules = [*charter.decision_rules, QUALIFIED]
    return charter.model_copy(update={"procedure": procedure, "decision_rules": rules})


def _union(procedure: Procedure = PROCEDURE) -> FederationState:
    charter = _charter(procedure)
    state = apply(apply(FederationState(), adopt(charter)), found(charter))
    return seat_delegations(state, COUNCIL, date(1923, 1, 1))


@pytest.fixture
def union() -> FederationState:
    return _union()


def _drafted(state: FederationState, day: date = MONDAY, **draft: Any) -> FederationState:
    fields: dict[str, Any] = {
        "title": "Uniform railway signals",
        "text": "Railway signals are uniform across the union.",
        "field": "railways",
        "kind": "decision",
        "force": "mandatory",
    }
    fields.update(draft)
    return apply(state, command(DraftMotion, SEC, day, motion="m1", organ=COUNCIL, **fields))


def _circulate(day: date = MONDAY, **fields: Any) -> CirculateDraft:
    return command(CirculateDraft, SEC, day, motion="m1", **fields)  # type: ignore[no-any-return]


def _session(state: FederationState, held_on: date, session: str = "s1") -> FederationState:
    return apply(
        state,
        command(ConveneSession, SEC, held_on, session=session, organ=COUNCIL, held_on=held_on),
    )


def _table(day: date, session: str = "s1", closes: date | None = None) -> TableMotion:
    return command(  # type: ignore[no-any-return]
        TableMotion, SEC, day, motion="m1", session=session, voting_closes_on=closes
    )


def _vote(member: str, day: date, vote: str = "yes") -> CastVote:
    person = actors.person(delegate_id(member, COUNCIL))
    return command(CastVote, person, day, motion="m1", member=member, vote=vote)  # type: ignore[no-any-return]


def _postpone(member: str, day: date, actor: str | None = None) -> RequestPostponement:
    return command(  # type: ignore[no-any-return]
        RequestPostponement,
        actor or actors.council(member),
        day,
        motion="m1",
        member=member,
        reason="the matter needs good thought; our delegate returns next month",
    )


def _vote_all_and_count(state: FederationState, day: date) -> FederationState:
    for member in MEMBERS_1922:
        state = apply(state, _vote(member, day))
    return apply(state, command(CountVotes, SEC, day, motion="m1"))


# -- notice ---------------------------------------------------------------------------------


def test_p4_p14_a_circulated_draft_records_every_council_and_its_language_versions_or_pending(
    union: FederationState,
) -> None:
    state = _drafted(union)
    events = run(state, _circulate())
    assert isinstance(events, list) and len(events) == 1
    event = events[0]
    assert isinstance(event, DraftCirculated)
    assert sorted(event.recipients) == sorted(MEMBERS_1922)
    assert event.recipients["georgia"] == {"ka": "pending"}
    assert set(event.recipients["ukraine"].values()) == {"pending"}
    assert event.notice_days == NOTICE
    assert event.notice_ends_on == MONDAY + timedelta(days=NOTICE)
    circulated = apply(state, _circulate())
    assert book(circulated).circulations["m1"].notice_ends_on == MONDAY + timedelta(days=NOTICE)


def test_p4_a_vote_before_the_notice_has_run_is_refused(union: FederationState) -> None:
    vote_day = MONDAY + timedelta(days=NOTICE)
    state = _session(apply(_drafted(union), _circulate()), MONDAY + timedelta(days=7))
    state = apply(state, _table(MONDAY, closes=vote_day))
    reason = refusal(run(state, _vote("ukraine", MONDAY + timedelta(days=7))), "P4")
    assert reason == (
        f"no vote on m1 before its notice has run: circulated on {MONDAY} with 14 days' "
        f"notice, it is voted on from {vote_day}"
    )
    refusal(run(state, command(CountVotes, SEC, vote_day - timedelta(days=1), motion="m1")), "P4")
    adopted = _vote_all_and_count(state, vote_day)
    assert adopted.acts["m1"].stage is Stage.ADOPTED


def test_p4_a_motion_the_charter_gives_notice_is_not_tabled_before_it_is_circulated(
    union: FederationState,
) -> None:
    state = _session(_drafted(union), MONDAY + timedelta(days=NOTICE))
    reason = refusal(run(state, _table(MONDAY)), "P4")
    assert reason == (
        "motion m1 has not been circulated: union-council votes on it only 14 days after its "
        "draft has gone to every member's council"
    )


def test_p4_a_vote_closing_before_the_notice_has_run_is_not_tabled(
    union: FederationState,
) -> None:
    state = _session(apply(_drafted(union), _circulate()), MONDAY)
    reason = refusal(run(state, _table(MONDAY)), "P4")
    assert reason == (
        f"the vote on m1 would close on {MONDAY}, before its notice has run on "
        f"{MONDAY + timedelta(days=NOTICE)}"
    )


def test_p4_without_a_notice_setting_a_motion_is_voted_the_day_it_is_drafted() -> None:
    state = _session(_drafted(_union(Procedure())), MONDAY)
    state = apply(state, _table(MONDAY))
    assert _vote_all_and_count(state, MONDAY).acts["m1"].stage is Stage.ADOPTED


def test_p4_notice_is_set_per_organ_and_kind_and_zero_for_procedure() -> None:
    procedure = Procedure(
        notice=[
            Notice(days=7),
            Notice(organ=COUNCIL, days=10),
            Notice(organ=COUNCIL, kind="resolution", days=0),
        ]
    )
    assert procedure.notice_for(COUNCIL, "resolution").days == 0  # type: ignore[union-attr]
    assert procedure.notice_for(COUNCIL, "decision").days == 10  # type: ignore[union-attr]
    assert procedure.notice_for("sto", "decision").days == 7  # type: ignore[union-attr]
    assert Procedure().notice_for(COUNCIL, "decision") is None


def test_p4_an_urgent_procedure_only_where_the_charter_declares_it_with_a_justification(
    union: FederationState,
) -> None:
    state = _drafted(union)
    reason = refusal(run(state, _circulate(urgent=True)), "P4")
    assert reason == "an urgent procedure is used only with its justification"
    events = run(state, _circulate(urgent=True, justification="famine relief cannot wait"))
    assert isinstance(events, list)
    event = events[0]
    assert isinstance(event, DraftCirculated)
    assert event.urgent and event.notice_days == 2
    assert event.justification == "famine relief cannot wait"
    amendment = _drafted(
        union,
        kind="charter-amendment",
        field="charter",
        competence_changes={"posts-and-telegraphs": "reserved"},
    )
    reason = refusal(run(amendment, _circulate(urgent=True, justification="haste")), "P4")
    assert (
        reason
        == "the charter declares no urgent procedure for a charter-amendment in union-council"
    )


def test_p4_a_draft_is_circulated_once_and_only_by_procedure(union: FederationState) -> None:
    state = apply(_drafted(union), _circulate())
    assert refusal(run(state, _circulate()), "P4") == f"motion m1 was circulated on {MONDAY}"
    fresh = _drafted(union)
    refusal(run(fresh, command(CirculateDraft, actors.council("rsfsr"), MONDAY, motion="m1")), "P4")


@settings(max_examples=60, deadline=None)
@given(
    notice=st.integers(min_value=0, max_value=40),
    circulated_after=st.integers(min_value=0, max_value=6),
    weeks=st.integers(min_value=1, max_value=8),
)
def test_p4_no_binding_act_is_adopted_without_notice(
    notice: int, circulated_after: int, weeks: int
) -> None:
    """Whatever the notice, circulation day and session: a vote is cast, and the act can be
    adopted, only on or after the day the notice has run from the circulation."""
    state = _drafted(_union(Procedure(notice=[Notice(organ=COUNCIL, days=notice)])))
    circulated_on = MONDAY + timedelta(days=circulated_after)
    state = apply(state, _circulate(circulated_on))
    session_day = MONDAY + timedelta(weeks=weeks)  # the council meets on Mondays
    ends = circulated_on + timedelta(days=notice)
    state = _session(state, session_day)
    state = apply(state, _table(circulated_on, closes=max(session_day, ends)))
    cast = run(state, _vote("rsfsr", session_day))
    if session_day < ends:
        refusal(cast, "P4")
        refusal(run(state, command(CountVotes, SEC, session_day, motion="m1")), "P4")
        return
    assert isinstance(cast, list)
    act = _vote_all_and_count(state, session_day).acts["m1"]
    assert act.stage is Stage.ADOPTED
    assert act.adopted_on is not None and act.adopted_on >= ends


# -- postponement ---------------------------------------------------------------------------


def _tabled_with_notice(union: FederationState) -> FederationState:
    vote_day = MONDAY + timedelta(days=NOTICE)
    state = _session(apply(_drafted(union), _circulate()), vote_day)
    return apply(state, _table(MONDAY))


def test_p12_a_concerned_member_has_the_vote_postponed_and_every_member_is_notified(
    union: FederationState,
) -> None:
    state = _tabled_with_notice(union)
    vote_day = MONDAY + timedelta(days=NOTICE)
    events = run(state, _postpone("georgia", MONDAY + timedelta(days=3)))
    assert isinstance(events, list)
    event = events[0]
    assert isinstance(event, VotePostponed)
    moved = vote_day + timedelta(days=14)
    assert event.vote_from == moved
    assert sorted(event.notified) == sorted(MEMBERS_1922)
    state = apply(state, _postpone("georgia", MONDAY + timedelta(days=3)))
    reason = refusal(run(state, _vote("ukraine", vote_day)), "P12")
    assert reason == f"the vote on m1 was postponed to {moved} at georgia's request"
    # The vote moved, not closed: it opens on the new day and lasts as long as announced.
    adopted = _vote_all_and_count(state, moved)
    assert adopted.acts["m1"].stage is Stage.ADOPTED


def test_p12_a_member_asks_for_postponement_once_per_motion(union: FederationState) -> None:
    state = apply(_tabled_with_notice(union), _postpone("georgia", MONDAY))
    reason = refusal(run(state, _postpone("georgia", MONDAY + timedelta(days=1))), "P12")
    assert reason == f"georgia asked on {MONDAY} that the vote on m1 be postponed; once per motion"


def test_p12_a_member_not_concerned_cannot_postpone_and_one_the_circulation_lists_can(
    union: FederationState,
) -> None:
    state = _tabled_with_notice(union)
    reason = refusal(run(state, _postpone("rsfsr", MONDAY)), "P12")
    assert reason == "rsfsr is not concerned by m1; concerned: georgia"
    listed = _drafted(union)
    listed = apply(listed, _circulate(concerned=["armenia"]))
    events = run(listed, _postpone("armenia", MONDAY))
    assert isinstance(events, list) and isinstance(events[0], VotePostponed)


def test_p12_postponement_is_asked_by_the_members_own_council_before_the_vote(
    union: FederationState,
) -> None:
    state = _tabled_with_notice(union)
    refusal(run(state, _postpone("georgia", MONDAY, actor=actors.council("rsfsr"))), "P12")
    voting = apply(state, _vote("rsfsr", MONDAY + timedelta(days=NOTICE)))
    reason = refusal(run(voting, _postpone("georgia", MONDAY + timedelta(days=NOTICE))), "P4")
    assert reason == "voting on motion m1 has begun"


def test_p12_without_a_postponement_period_no_vote_is_postponed() -> None:
    state = _drafted(_union(Procedure()))
    reason = refusal(run(state, _postpone("georgia", MONDAY)), "P12")
    assert reason == "the charter sets no postponement of votes"


def test_p12_the_seeds_example_lets_a_concerned_republic_delay_a_decision() -> None:
    procedure = union_1922().procedure
    members = list(MEMBERS_1922)
    assert procedure.postponement.days == 14
    assert procedure.concerned("railways", "decision", members) == [
        "armenia",
        "azerbaijan",
        "georgia",
    ]
    assert procedure.concerned("finance", "charter-amendment", members) == sorted(members)
    assert procedure.concerned("finance", "decision", members) == []


def test_p12_a_postponement_moves_the_count_too(union: FederationState) -> None:
    state = apply(_tabled_with_notice(union), _postpone("georgia", MONDAY))
    moved = MONDAY + timedelta(days=NOTICE + 14)
    count = command(CountVotes, SEC, moved - timedelta(days=1), motion="m1")
    refusal(run(state, count), "P12")
    for member in MEMBERS_1922:
        state = apply(state, _vote(member, moved))
    counted = run(state, command(CountVotes, SEC, moved, motion="m1"))
    assert isinstance(counted, list) and isinstance(counted[0], MotionAdopted)


# -- the national question ------------------------------------------------------------------


def _national(protection: str, **question: Any) -> FederationState:
    procedure = Procedure(
        national_questions=[
            NationalQuestion(
                fields=["railways"], protection=protection, members=["georgia"], **question
            )
        ]
    )
    state = _session(_drafted(_union(procedure)), MONDAY)
    return apply(state, _table(MONDAY))


def _votes(state: FederationState, day: date, no: tuple[str, ...]) -> FederationState:
    for member in MEMBERS_1922:
        state = apply(state, _vote(member, day, "no" if member in no else "yes"))
    return state


def test_p12_a_concerned_member_vetoes_a_national_question_act() -> None:
    state = _votes(_national("veto"), MONDAY, no=("georgia",))
    counted = run(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    assert isinstance(counted, list)
    assert isinstance(counted[0], MotionRejected)
    assert counted[0].reason == "vetoed by concerned member(s) georgia"


def test_p12_a_member_not_concerned_does_not_veto() -> None:
    state = _votes(_national("veto"), MONDAY, no=("rsfsr",))
    counted = run(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    assert isinstance(counted, list) and isinstance(counted[0], MotionAdopted)


def test_p12_a_suspensive_objection_sends_the_act_back_then_a_qualified_majority_decides() -> None:
    state = _votes(
        _national("suspensive", suspension_days=14, then_rule="qualified"), MONDAY, no=("georgia",)
    )
    counted = run(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    assert isinstance(counted, list) and len(counted) == 1
    back = counted[0]
    assert isinstance(back, MotionSentBack)
    assert back.objected_by == ["georgia"] and back.then_rule == "qualified"
    again = MONDAY + timedelta(days=14)
    assert back.vote_from == again
    state = apply(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    assert state.acts["m1"].stage is Stage.TABLED and not state.acts["m1"].votes.get("")
    reason = refusal(run(state, _vote("rsfsr", MONDAY + timedelta(days=7))), "P12")
    assert reason == (
        f"m1 was sent back by the objection of georgia on a national question; it is voted on "
        f"again from {again}"
    )
    state = _votes(state, again, no=("georgia",))
    counted = run(state, command(CountVotes, SEC, again, motion="m1"))
    assert isinstance(counted, list) and isinstance(counted[0], MotionAdopted)
    assert counted[0].decision_rule == "qualified"


def test_p12_the_circulation_names_the_members_a_national_question_concerns() -> None:
    procedure = Procedure(
        national_questions=[NationalQuestion(kinds=["decision"], protection="veto")]
    )
    state = _drafted(_union(procedure))
    state = apply(state, _circulate(concerned=["armenia"]))
    state = apply(_session(state, MONDAY), _table(MONDAY))
    state = _votes(state, MONDAY, no=("armenia",))
    counted = run(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    assert isinstance(counted, list) and isinstance(counted[0], MotionRejected)


@settings(max_examples=40, deadline=None)
@given(votes=st.lists(st.sampled_from(["yes", "no", "abstain"]), min_size=6, max_size=6))
def test_p12_no_act_is_adopted_against_a_concerned_members_veto(votes: list[str]) -> None:
    state = _national("veto")
    ballots = dict(zip(MEMBERS_1922, votes, strict=True))
    for member, vote in ballots.items():
        state = apply(state, _vote(member, MONDAY, vote))
    counted = run(state, command(CountVotes, SEC, MONDAY, motion="m1"))
    if isinstance(counted, list) and isinstance(counted[0], MotionAdopted):
        assert ballots["georgia"] != "no"
    if ballots["georgia"] == "no":
        assert not (isinstance(counted, list) and isinstance(counted[0], MotionAdopted))


def test_p13_the_power_audit_shows_a_national_question_veto_as_blocking_power() -> None:
    from isonomia.rules.power import national_question_power

    [question] = national_question_power(union_1922())
    assert question.protection == "veto" and question.all_members
    assert sorted(question.blocking) == sorted(MEMBERS_1922)
    assert "culture" in question.fields
    charter = _charter(
        Procedure(
            national_questions=[
                NationalQuestion(fields=["railways"], protection="veto", members=["georgia"])
            ]
        )
    )
    [listed] = national_question_power(charter)
    assert listed.blocking == ["georgia"] and listed.rule == "ordinary"
