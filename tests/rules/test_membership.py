"""Founding (P1), accession (P2) and secession (P3): the rules and their refusals."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from builders import (
    FOUNDED,
    MONDAY,
    admission,
    admit,
    adopt,
    apply,
    at,
    cid,
    command,
    found,
    founded_1922,
    request_accession,
    run,
    seat_delegations,
    secede,
    union_1922,
)
from isonomia.domain import (
    COMMAND_TYPES,
    AdmissionRejected,
    CastVote,
    FederationState,
    MemberAdmitted,
    MotionAdopted,
    MotionRejected,
    ObstructSecession,
    ProposeAdmission,
    ProposeAmendment,
    SecessionDecided,
    SecessionTookEffect,
    Status,
    UnionFounded,
    WithdrawSecession,
    actors,
)
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
ALL_YES = {m: "yes" for m in ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")}


def refusal(result: object, principle: str) -> Refusal:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, result
    return result


def test_p1_union_is_founded_by_every_founding_members_own_decision() -> None:
    charter = union_1922()
    state = apply(FederationState(), adopt(charter))
    missing = run(state, found(charter, skip=("georgia",)))
    assert "no decision recorded for georgia" in refusal(missing, "P1").reason
    events = run(state, found(charter))
    assert isinstance(events, list) and isinstance(events[0], UnionFounded)
    assert [f.member for f in events[0].founders] == list(charter.presidency.order)


def test_p1_union_is_founded_once() -> None:
    state = founded_1922()
    refusal(run(state, found(union_1922())), "P1")


def test_p1_founding_needs_an_adopted_charter() -> None:
    refusal(run(FederationState(), found(union_1922())), "P1")


def test_p10_charter_is_adopted_once() -> None:
    state = founded_1922()
    refusal(run(state, adopt(union_1922())), "P10")


def test_p2_candidate_joins_only_by_its_own_congress() -> None:
    state = founded_1922()
    day = date(1925, 1, 1)
    by_union = request_accession("uzbekistan", day, actor=actors.organ("union-council"))
    assert "only uzbekistan's own congress" in refusal(run(state, by_union), "P2").reason
    by_neighbour = request_accession("uzbekistan", day, actor=actors.congress("rsfsr"))
    refusal(run(state, by_neighbour), "P2")
    assert isinstance(run(state, request_accession("uzbekistan", day)), list)


def test_p2_admission_needs_the_candidates_recorded_decision() -> None:
    state = seat_delegations(founded_1922(), "union-council", MONDAY)
    propose = command(
        ProposeAdmission, SEC, date(1925, 5, 4), motion="admit-uz", candidate="uzbekistan"
    )
    assert "own congress to join" in refusal(run(state, propose), "P2").reason


def test_p2_admission_follows_the_charters_rule_unanimity() -> None:
    day = date(1925, 5, 13)
    state = apply(founded_1922(), request_accession("uzbekistan", date(1925, 2, 1)))
    before, count = admission(state, "uzbekistan", day, dict(ALL_YES, georgia="no"))
    rejected = run(before, count)
    assert isinstance(rejected, list)
    assert [type(e) for e in rejected] == [MotionRejected, AdmissionRejected]
    assert rejected[1].votes["georgia"] == "no" and rejected[1].decision_rule == "unanimity"
    before, count = admission(state, "uzbekistan", day, ALL_YES)
    admitted = run(before, count)
    assert isinstance(admitted, list)
    assert [type(e) for e in admitted] == [MotionAdopted, MemberAdmitted]
    assert admitted[1].motion == count.motion and admitted[1].votes == ALL_YES
    after = admit(state, "uzbekistan", day, ALL_YES)
    assert after.rotation[-1] == "uzbekistan"
    assert after.members["uzbekistan"].accepted_fields == ("diplomacy", "military")
    assert after.members["uzbekistan"].joined_on == day


def test_p2_the_admission_motion_is_the_accession_organs_and_is_not_amended() -> None:
    state = apply(founded_1922(), request_accession("uzbekistan", date(1925, 2, 1)))
    before, count = admission(state, "uzbekistan", date(1925, 5, 11), {})
    act = before.acts[count.motion]
    assert act.organ == "union-council" and act.admission == "uzbekistan"
    assert act.field == "accession" and act.kind.value == "decision"
    assert act.force.value == "mandatory"
    amend = command(
        ProposeAmendment, SEC, date(1925, 5, 11), motion=act.id, amendment="a1", text="other"
    )
    assert "not amended" in refusal(run(before, amend), "P2").reason
    twice = command(
        ProposeAdmission, SEC, date(1925, 5, 11), motion="again", candidate="uzbekistan"
    )
    assert "already moved" in refusal(run(before, twice), "P2").reason


def test_p4_no_officer_can_assert_members_votes_on_an_admission() -> None:
    assert "AdmitMember" not in COMMAND_TYPES
    assert not [n for n, cls in COMMAND_TYPES.items() if "votes" in cls.model_fields]
    state = seat_delegations(founded_1922(), "union-council", MONDAY)
    state = apply(state, request_accession("uzbekistan", date(1925, 2, 1)))
    before, count = admission(state, "uzbekistan", date(1925, 5, 11), {})
    officer = actors.organ("union-council")
    as_officer = command(
        CastVote, officer, date(1925, 5, 11), motion=count.motion, member="rsfsr", vote="yes"
    )
    refusal(run(before, as_officer), "P4")
    early = count.model_copy(update={"actor": officer})
    reason = refusal(run(before, early), "P4").reason
    assert "have not voted yet: rsfsr, ukraine, georgia" in reason
    assert not before.is_member("uzbekistan", date(1925, 5, 11))


def test_p4_only_members_delegations_vote_and_quorum_is_required() -> None:
    state = apply(founded_1922(), request_accession("uzbekistan", date(1925, 2, 1)))
    before, count = admission(state, "uzbekistan", date(1925, 5, 11), {})
    stranger = command(
        CastVote,
        actors.person("uzbekistan-union-council"),
        date(1925, 5, 11),
        motion=count.motion,
        member="uzbekistan",
        vote="yes",
    )
    refusal(run(before, stranger), "P4")
    few = {"rsfsr": "yes", "ukraine": "yes"}
    before, count = admission(state, "uzbekistan", date(1925, 5, 11), few)
    assert "no quorum" in refusal(run(before, count), "P4").reason


def test_p3_secession_takes_effect_after_exactly_the_notice_period() -> None:
    state = founded_1922()
    day = date(1926, 3, 1)
    events = run(state, secede("georgia", day))
    assert isinstance(events, list)
    decided = events[0]
    assert isinstance(decided, SecessionDecided)
    assert decided.effective_on == day + timedelta(days=90)
    after = apply(state, secede("georgia", day))
    record = after.members["georgia"]
    assert record.status(day + timedelta(days=89)) is Status.SECEDING
    assert record.status(day + timedelta(days=90)) is Status.SECEDED


@given(
    actor=st.sampled_from(
        [
            actors.organ("union-council"),
            actors.organ("presidium"),
            actors.organ("sovnarkom"),
            actors.congress("rsfsr"),
            actors.council("georgia"),
            actors.SECRETARIAT,
        ]
    )
)
def test_p3_only_the_members_own_congress_decides_its_secession(actor: str) -> None:
    state = founded_1922()
    result = run(state, secede("georgia", date(1926, 3, 1), actor=actor))
    assert "georgia's own congress" in refusal(result, "P3").reason


@given(
    action=st.sampled_from(["block", "condition", "delay"]),
    organ=st.sampled_from(["union-council", "presidium", "sovnarkom", "sto", "joint-conference"]),
    days=st.integers(min_value=0, max_value=200),
)
def test_p3_no_organ_can_block_condition_or_delay_secession(
    action: str, organ: str, days: int
) -> None:
    state = apply(founded_1922(), secede("georgia", date(1926, 3, 1)))
    command = ObstructSecession(
        command_id=cid(),
        actor=actors.organ(organ),
        at=at(date(1926, 3, 1) + timedelta(days=days)),
        member="georgia",
        action=action,
    )
    result = refusal(run(state, command), "P3")
    assert "decided by the member's own congress; no union organ can" in result.reason
    # Whatever was attempted, the secession still takes effect on its date.
    assert state.members["georgia"].leaves_on == date(1926, 5, 30)


def test_p3_secession_falls_due_by_itself_and_is_recorded_once() -> None:
    state = apply(founded_1922(), secede("georgia", date(1926, 3, 1)))
    from isonomia.rules import due_events

    assert due_events(state, date(1926, 5, 29)) == []
    due = due_events(state, date(1926, 5, 30))
    assert due == [SecessionTookEffect(member="georgia", effective_on=date(1926, 5, 30))]
    later = apply(state, request_accession("uzbekistan", date(1926, 6, 1)))
    assert later.members["georgia"].departure_recorded
    assert due_events(later, date(1927, 1, 1)) == []
    assert not later.is_member("georgia", date(1926, 6, 1))


def test_p3_a_member_may_withdraw_its_own_secession_before_it_takes_effect() -> None:
    state = apply(founded_1922(), secede("georgia", date(1926, 3, 1)))
    withdraw = WithdrawSecession(
        command_id=cid(),
        actor=actors.congress("georgia"),
        at=at(date(1926, 4, 1)),
        member="georgia",
    )
    by_organ = withdraw.model_copy(update={"actor": actors.organ("union-council")})
    refusal(run(state, by_organ), "P3")
    after = apply(state, withdraw)
    assert after.members["georgia"].status(date(1927, 1, 1)) is Status.MEMBER
    too_late = withdraw.model_copy(update={"at": at(date(1926, 6, 1))})
    refusal(run(state, too_late), "P3")


def test_p3_a_seceding_member_cannot_decide_twice_and_nonmembers_cannot_secede() -> None:
    state = apply(founded_1922(), secede("georgia", date(1926, 3, 1)))
    refusal(run(state, secede("georgia", date(1926, 3, 5))), "P3")
    refusal(run(state, secede("atlantis", date(1926, 3, 5))), "P3")


def test_p2_a_member_that_left_may_rejoin_by_its_own_decision() -> None:
    state = apply(founded_1922(), secede("georgia", date(1926, 3, 1)))
    state = apply(state, request_accession("georgia", date(1927, 1, 1)))
    votes = {m: "yes" for m in ALL_YES if m != "georgia"}
    state = admit(state, "georgia", date(1927, 2, 1), votes)
    assert state.is_member("georgia", date(1927, 2, 1))
    assert state.rotation[-1] == "georgia"


def test_founding_refuses_decisions_after_the_founding_date() -> None:
    charter = union_1922()
    state = apply(FederationState(), adopt(charter))
    command = found(charter)
    late = command.model_copy(
        update={
            "decisions": [
                d.model_copy(update={"decided_on": FOUNDED + timedelta(days=1)})
                for d in command.decisions
            ]
        }
    )
    refusal(run(state, late), "P1")
