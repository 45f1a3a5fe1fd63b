"""Organs, delegations, sessions and motions (P4), conferences (P9), competences (P10, P11)."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta

import pytest

from builders import (
    MONDAY,
    apply,
    command,
    delegate_id,
    example_1922,
    founded_1922,
    pass_motion,
    run,
    seat_delegations,
)
from isonomia.charter import CharterInvalid, FieldKind, charter_from_data
from isonomia.domain import (
    AppealFiled,
    AppointDelegate,
    BindResolution,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    MotionAdopted,
    MotionRejected,
    ProposeAmendment,
    PublishAct,
    RecallDelegate,
    SetCompetence,
    Stage,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.competences import binding_in_reserved
from isonomia.service import example_charter

SEC = actors.SECRETARIAT


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


@pytest.fixture
def council() -> FederationState:
    return seat_delegations(founded_1922(), "union-council", date(1923, 1, 1))


def test_p4_a_delegate_is_named_by_the_members_own_council_only() -> None:
    state = founded_1922()
    by_other = command(
        AppointDelegate,
        actors.council("rsfsr"),
        MONDAY,
        organ="union-council",
        member="georgia",
        person="mdivani",
        term_from=MONDAY,
    )
    assert "named by its own council" in refusal(run(state, by_other), "P4")
    to_inspection = command(
        AppointDelegate,
        actors.council("georgia"),
        MONDAY,
        organ="inspection",
        member="georgia",
        person="mdivani",
        term_from=MONDAY,
    )
    # Members' councils staff the inspection too (P16); only the organ's kind decides where.
    assert not isinstance(run(state, to_inspection), Refusal)
    ok = command(
        AppointDelegate,
        actors.council("georgia"),
        MONDAY,
        organ="union-council",
        member="georgia",
        person="mdivani",
        term_from=MONDAY,
        term_until=date(1924, 1, 1),
    )
    state = apply(state, ok)
    assert state.sits_for("mdivani", "georgia", "union-council", date(1923, 6, 1))
    assert not state.sits_for("mdivani", "georgia", "union-council", date(1924, 1, 1))
    twice = command(
        AppointDelegate,
        actors.council("armenia"),
        MONDAY,
        organ="union-council",
        member="armenia",
        person="mdivani",
        term_from=MONDAY,
    )
    assert "already sits" in refusal(run(state, twice), "P4")


def test_p4_a_recalled_delegate_no_longer_votes(council: FederationState) -> None:
    day = MONDAY
    state = apply(
        council,
        command(
            RecallDelegate,
            actors.council("georgia"),
            day,
            organ="union-council",
            member="georgia",
            person=delegate_id("georgia", "union-council"),
        ),
    )
    assert not state.sits_for(
        delegate_id("georgia", "union-council"), "georgia", "union-council", day
    )


def test_p4_the_union_council_meets_only_on_its_calendar(council: FederationState) -> None:
    tuesday = command(
        ConveneSession,
        SEC,
        MONDAY,
        session="s1",
        organ="union-council",
        held_on=MONDAY + timedelta(days=1),
    )
    assert "meets on mondays" in refusal(run(council, tuesday), "P4")
    by_member = command(
        ConveneSession,
        actors.council("rsfsr"),
        MONDAY,
        session="s1",
        organ="union-council",
        held_on=MONDAY,
    )
    refusal(run(council, by_member), "P4")
    convene = command(
        ConveneSession,
        actors.organ("presidium"),
        MONDAY,
        session="s1",
        organ="union-council",
        held_on=MONDAY,
    )
    state = apply(council, convene)
    assert state.sessions["s1"].presided_by == "rsfsr"  # the first term's presidency (P5)
    executive = command(
        ConveneSession, SEC, MONDAY, session="s2", organ="sto", held_on=MONDAY + timedelta(days=2)
    )
    assert not isinstance(run(state, executive), Refusal)  # executives keep their own days


def test_p4_a_motion_is_drafted_tabled_voted_adopted_and_published(
    council: FederationState,
) -> None:
    state = pass_motion(
        council,
        "m1",
        "s1",
        "union-council",
        MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
    )
    act = state.acts["m1"]
    assert act.stage is Stage.ADOPTED and not state.in_force("m1", MONDAY)
    later = MONDAY + timedelta(days=3)
    state = apply(state, command(PublishAct, SEC, MONDAY, act="m1", in_force_on=later))
    assert not state.in_force("m1", MONDAY) and state.in_force("m1", later)
    assert [line.what.split(" ")[0].strip(":;") for line in state.acts["m1"].history] == [
        "drafted",
        "tabled",
        "adopted",
        "published",
    ]


def test_p4_votes_are_cast_per_member_delegation_by_a_person_who_sits_for_it(
    council: FederationState,
) -> None:
    state = apply(
        council,
        command(ConveneSession, SEC, MONDAY, session="s1", organ="union-council", held_on=MONDAY),
    )
    state = apply(
        state,
        command(
            DraftMotion,
            SEC,
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
    state = apply(state, command(TableMotion, SEC, MONDAY, motion="m1", session="s1"))
    georgian = actors.person(delegate_id("georgia", "union-council"))
    for_armenia = command(CastVote, georgian, MONDAY, motion="m1", member="armenia", vote="yes")
    assert "does not sit for armenia" in refusal(run(state, for_armenia), "P4")
    council_itself = command(
        CastVote, actors.council("georgia"), MONDAY, motion="m1", member="georgia", vote="yes"
    )
    refusal(run(state, council_itself), "P4")
    state = apply(
        state, command(CastVote, georgian, MONDAY, motion="m1", member="georgia", vote="no")
    )
    again = command(CastVote, georgian, MONDAY, motion="m1", member="georgia", vote="yes")
    assert "already voted" in refusal(run(state, again), "P4")
    ukrainian = actors.person(delegate_id("ukraine", "union-council"))
    wrong_day = command(
        CastVote, ukrainian, MONDAY + timedelta(days=1), motion="m1", member="ukraine", vote="yes"
    )
    refusal(run(state, wrong_day), "P4")
    early = command(CountVotes, SEC, MONDAY, motion="m1")
    assert "have not voted yet: rsfsr, ukraine" in refusal(run(state, early), "P4")
    closed = command(CountVotes, SEC, MONDAY + timedelta(days=1), motion="m1")
    counted = run(state, closed)
    assert isinstance(counted, list) and isinstance(counted[0], MotionRejected)
    assert counted[0].reason.startswith("no quorum when the vote closed: 1 of 6")


def test_p12_votes_are_counted_through_the_decision_rule_seam(council: FederationState) -> None:
    # RSFSR alone, with 72 % of the population, cannot pass a motion (double majority).
    votes = {m: "no" for m in ("ukraine", "georgia", "belorussia", "armenia", "azerbaijan")}
    state = pass_motion(
        council,
        "m1",
        "s1",
        "union-council",
        MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
        votes={"rsfsr": "yes", **votes},
    )
    assert state.acts["m1"].stage is Stage.REJECTED
    assert "members" in state.acts["m1"].history[-1].what


def test_p4_amendments_are_voted_before_the_motion(council: FederationState) -> None:
    state = apply(
        council,
        command(ConveneSession, SEC, MONDAY, session="s1", organ="union-council", held_on=MONDAY),
    )
    state = apply(
        state,
        command(
            DraftMotion,
            SEC,
            MONDAY,
            motion="m1",
            organ="union-council",
            title="t",
            text="old",
            field="railways",
            kind="decision",
            force="mandatory",
        ),
    )
    state = apply(state, command(TableMotion, SEC, MONDAY, motion="m1", session="s1"))
    state = apply(
        state,
        command(
            ProposeAmendment,
            actors.council("ukraine"),
            MONDAY,
            motion="m1",
            amendment="a1",
            text="new",
        ),
    )
    early = command(
        CastVote,
        actors.person(delegate_id("ukraine", "union-council")),
        MONDAY,
        motion="m1",
        member="ukraine",
        vote="yes",
    )
    assert "amendments are voted before the motion" in refusal(run(state, early), "P4")
    for member in ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan"):
        state = apply(
            state,
            command(
                CastVote,
                actors.person(delegate_id(member, "union-council")),
                MONDAY,
                motion="m1",
                amendment="a1",
                member=member,
                vote="abstain" if member == "azerbaijan" else "yes",
            ),
        )
    outcome = run(state, command(CountVotes, SEC, MONDAY, motion="m1", amendment="a1"))
    assert not isinstance(outcome, Refusal)
    state = apply(state, command(CountVotes, SEC, MONDAY, motion="m1", amendment="a1"))
    assert state.acts["m1"].text == "new"
    assert state.acts["m1"].amendments["a1"].status == "adopted"


def test_p11_a_binding_union_act_on_culture_is_refused_an_advisory_one_allowed(
    council: FederationState,
) -> None:
    binding = command(
        DraftMotion,
        SEC,
        MONDAY,
        motion="m1",
        organ="union-council",
        title="t",
        text="x",
        field="culture",
        kind="decision",
        force="mandatory",
    )
    assert refusal(run(council, binding), "P11") == (
        "culture belongs to the members; a binding union act there is refused "
        "(an advisory one is allowed)"
    )
    state = pass_motion(
        council,
        "m1",
        "s1",
        "union-council",
        MONDAY,
        field="culture",
        kind="resolution",
        force="advisory",
    )
    assert state.acts["m1"].stage is Stage.ADOPTED
    conditional = command(
        DraftMotion,
        SEC,
        MONDAY,
        motion="m2",
        organ="sovnarkom",
        title="t",
        text="x",
        field="education",
        kind="directive",
        force="conditional",
    )
    refusal(run(council, conditional), "P11")
    unknown = command(
        DraftMotion,
        SEC,
        MONDAY,
        motion="m2",
        organ="union-council",
        title="t",
        text="x",
        field="astrology",
        kind="decision",
        force="advisory",
    )
    refusal(run(council, unknown), "P10")


def test_p9_a_conference_adopts_advisory_resolutions_that_can_never_bind() -> None:
    state = seat_delegations(founded_1922(), "joint-conference", date(1923, 1, 1))
    binding = command(
        DraftMotion,
        SEC,
        MONDAY,
        motion="r1",
        organ="joint-conference",
        title="t",
        text="x",
        field="railways",
        kind="resolution",
        force="mandatory",
    )
    assert "purely consultative" in refusal(run(state, binding), "P9")
    decision = binding.model_copy(update={"kind": "decision", "force": "advisory"})
    refusal(run(state, decision), "P9")
    state = pass_motion(
        state,
        "r1",
        "c1",
        "joint-conference",
        MONDAY,
        field="railways",
        kind="resolution",
        force="advisory",
    )
    state = apply(state, command(PublishAct, SEC, MONDAY, act="r1"))
    bind = command(
        BindResolution, actors.organ("union-council"), MONDAY, act="r1", force="mandatory"
    )
    assert "nothing can give it binding force" in refusal(run(state, bind), "P9")
    assert not state.acts["r1"].binds()


def test_p10_the_register_changes_only_by_charter_amendment_and_keeps_its_history(
    council: FederationState,
) -> None:
    direct = command(SetCompetence, SEC, MONDAY, field="railways", kind="reserved")
    refusal(run(council, direct), "P10")
    to_joint = command(SetCompetence, SEC, MONDAY, field="culture", kind="joint")
    refusal(run(council, to_joint), "P11")
    # A binding railways act in force, then the union is narrowed to military and diplomacy.
    state = pass_motion(
        council,
        "m1",
        "s1",
        "union-council",
        MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
    )
    state = apply(state, command(PublishAct, SEC, MONDAY, act="m1"))
    narrowed = {
        f: "reserved" for f in ("foreign-trade", "railways", "posts-and-telegraphs", "finance")
    }
    amend_day = MONDAY + timedelta(days=7)
    not_unanimous = dict.fromkeys(("rsfsr", "ukraine", "georgia", "belorussia", "armenia"), "yes")
    state = pass_motion(
        state,
        "amend-1",
        "s2",
        "union-council",
        amend_day,
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        competence_changes=narrowed,
        votes={**not_unanimous, "azerbaijan": "no"},
    )
    assert state.acts["amend-1"].stage is Stage.REJECTED  # unanimity, not the ordinary rule
    state = pass_motion(
        state,
        "amend-2",
        "s2",
        "union-council",
        amend_day,
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        competence_changes=narrowed,
    )
    assert state.field_kinds(MONDAY)["railways"] is FieldKind.JOINT  # as of an earlier date
    assert state.field_kinds(amend_day)["railways"] is FieldKind.RESERVED
    assert state.field_kinds(amend_day)["military"] is FieldKind.JOINT
    assert state.in_force("m1", MONDAY) and not state.in_force("m1", amend_day)
    assert state.acts["m1"].lapsed_on == amend_day
    assert binding_in_reserved(state, amend_day) == []
    culture = command(
        DraftMotion,
        SEC,
        amend_day,
        motion="x",
        organ="union-council",
        title="t",
        text="x",
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        competence_changes={"culture": "joint"},
    )
    refusal(run(state, culture), "P11")


def test_only_an_adopted_act_is_published(council: FederationState) -> None:
    state = apply(
        council,
        command(
            DraftMotion,
            SEC,
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
    refusal(run(state, command(PublishAct, SEC, MONDAY, act="m1")), "P4")


def test_events_of_acts_name_no_stranger_types() -> None:
    assert AppealFiled.union_wide and MotionAdopted.union_wide and MotionRejected.union_wide


def test_p6_p10_charter_sections_for_acts_name_what_exists() -> None:
    data = tomllib.loads(example_1922().read_text(encoding="utf-8"))
    data["appeals"]["suspensive_fields"] = ["astrology"]
    data["amendments"]["decision_rule"] = "whim"
    data["organs"][2]["decision_rule"] = "whim"
    with pytest.raises(CharterInvalid) as caught:
        charter_from_data(data)
    assert caught.value.lines() == [
        "amendments.decision_rule: no decision rule 'whim'",
        "appeals.suspensive_fields[0]: 'astrology' is not a field of competence",
        "organs[2].decision_rule: no decision rule 'whim'",
    ]
    coops = tomllib.loads(example_charter("cooperatives").read_text(encoding="utf-8"))
    assert charter_from_data(coops).appeals.suspensive_fields == ["solidarity-fund"]
