"""Non-suspensive appeals against executive decisions (P6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import (
    MONDAY,
    adopt,
    apply,
    command,
    found,
    founded_1922,
    pass_motion,
    run,
    seat_delegations,
    union_1922,
)
from isonomia.domain import ConveneSession, FederationState, FileAppeal, PublishAct, Ruling, actors
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
DECIDED = MONDAY + timedelta(days=2)  # a Wednesday: the executive keeps its own days
NEXT_MONDAY = MONDAY + timedelta(days=7)


def _with_decision(state: FederationState, field: str = "railways") -> FederationState:
    state = seat_delegations(state, "union-council", date(1923, 1, 1))
    state = seat_delegations(state, "sto", date(1923, 1, 1))
    state = pass_motion(
        state, "sto-1", "sto-s1", "sto", DECIDED, field=field, kind="decision", force="mandatory"
    )
    return apply(state, command(PublishAct, SEC, DECIDED, act="sto-1"))


@pytest.fixture
def decided() -> FederationState:
    return _with_decision(founded_1922())


def appeal(
    appeal_id: str = "a1",
    member: str = "georgia",
    actor: str | None = None,
    day: date = DECIDED,
    act: str = "sto-1",
    ground: str = "harms Tiflis",
) -> FileAppeal:
    return command(
        FileAppeal,
        actor or actors.council(member),
        day,
        appeal=appeal_id,
        act=act,
        member=member,
        ground=ground,
    )


def refusal(result: object, principle: str = "P6") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def test_p6_appeal_does_not_suspend_an_executive_decision(decided: FederationState) -> None:
    state = apply(decided, appeal())
    for day in (DECIDED, NEXT_MONDAY, NEXT_MONDAY + timedelta(days=60)):
        assert state.in_force("sto-1", day)
    assert "stays in force meanwhile" in state.acts["sto-1"].history[-1].what


def test_p6_the_council_annuls_at_its_next_session_and_the_history_shows_it(
    decided: FederationState,
) -> None:
    state = apply(decided, appeal())
    state = apply(
        state,
        command(
            ConveneSession, SEC, MONDAY, session="uc-2", organ="union-council", held_on=NEXT_MONDAY
        ),
    )
    assert state.appeals["a1"].review_session == "uc-2"
    assert any("appeal a1" in item for item in state.sessions["uc-2"].agenda)
    state = pass_motion(
        state,
        "ruling-1",
        "uc-2",
        "union-council",
        NEXT_MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="appeal", ref="a1", outcome="annul"),
    )
    assert state.in_force("sto-1", NEXT_MONDAY - timedelta(days=1))
    assert not state.in_force("sto-1", NEXT_MONDAY)
    history = [line.what for line in state.acts["sto-1"].history]
    assert history[-2].startswith("appealed by georgia")
    assert history[-1] == "annulled by the union council on appeal a1 (motion ruling-1)"
    assert state.appeals["a1"].ruling == "annul"


def test_p6_an_amending_ruling_replaces_the_text(decided: FederationState) -> None:
    state = apply(decided, appeal())
    state = pass_motion(
        state,
        "ruling-1",
        "uc-2",
        "union-council",
        NEXT_MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
        text="amended",
        ruling=Ruling(on="appeal", ref="a1", outcome="amend"),
    )
    assert state.acts["sto-1"].text == "amended" and state.in_force("sto-1", NEXT_MONDAY)


def test_p6_a_suspensive_field_holds_the_decision_back_until_the_ruling() -> None:
    charter = union_1922()
    suspensive = charter.model_copy(
        update={"appeals": charter.appeals.model_copy(update={"suspensive_fields": ["finance"]})}
    )
    state = apply(apply(FederationState(), adopt(suspensive)), found(suspensive))
    state = _with_decision(state, field="finance")
    state = apply(state, appeal())
    assert state.appeals["a1"].suspensive and not state.in_force("sto-1", DECIDED)
    state = pass_motion(
        state,
        "ruling-1",
        "uc-2",
        "union-council",
        NEXT_MONDAY,
        field="finance",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="appeal", ref="a1", outcome="uphold"),
    )
    assert state.in_force("sto-1", NEXT_MONDAY)


def test_p6_appeals_refused_with_reasons(decided: FederationState) -> None:
    assert "only members appeal" in refusal(run(decided, appeal(member="atlantis")))
    for_other = appeal(member="armenia", actor=actors.council("georgia"))
    assert "cannot appeal for armenia" in refusal(run(decided, for_other))
    late = appeal(day=DECIDED + timedelta(days=31))
    assert "deadline" in refusal(run(decided, late))
    state = apply(decided, appeal())
    same = appeal("a2", ground="  Harms   TIFLIS ")
    assert "already appealed sto-1 on that ground" in refusal(run(state, same))
    other_ground = appeal("a2", ground="no budget")
    assert not isinstance(run(state, other_ground), Refusal)
    state = pass_motion(
        state,
        "uc-act",
        "uc-2",
        "union-council",
        NEXT_MONDAY,
        field="railways",
        kind="decision",
        force="mandatory",
    )
    state = apply(state, command(PublishAct, SEC, NEXT_MONDAY, act="uc-act"))
    own = appeal("a3", act="uc-act", day=NEXT_MONDAY)
    assert "act of the union council itself" in refusal(run(state, own))


def test_p6_a_delegate_may_appeal_for_the_member_it_sits_for(decided: FederationState) -> None:
    delegate = actors.person("georgia-union-council")
    assert not isinstance(run(decided, appeal(actor=delegate)), Refusal)
    refusal(run(decided, appeal(member="armenia", actor=delegate)))
