"""Sanctions take effect (P17): final findings with a sanction end (a removal) or pause (a
suspension) every office the accused holds, in the same derivation; a removal bars them
from office for the charter's days; their acts in a lost capacity are refused naming the
case; a transfer or a reprimand is recorded on the person."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from inspection_world import DAY, OFFICIAL, act, opened, world

from builders import apply, command, run
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    DraftMotion,
    FederationState,
    TableMotion,
    actors,
)
from isonomia.domain.inspection import (
    REMOVAL,
    REPRIMAND,
    SUSPENSION,
    FileComplaint,
    ProposeFindings,
    SanctionTookEffect,
    SignFindings,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection_guard import sanction_refusal

LATER = DAY + timedelta(days=28)


def decided(state: FederationState, **findings: Any) -> tuple[FederationState, list[Any]]:
    """Findings proposed and signed by a majority of the commission on DAY; the events of
    the signature that made them final."""
    commission = state.inspection.cases["case-1"].commission
    fields: dict[str, Any] = {"findings": "f-1", "text": "it happened", "established": True}
    fields.update(findings)
    state = apply(
        state, act(ProposeFindings, actors.person(commission[0]), case="case-1", **fields)
    )
    sign = act(SignFindings, actors.person(commission[1]), case="case-1", findings="f-1")
    events = run(state, sign)
    assert not isinstance(events, Refusal), str(events)
    return apply(state, sign), events


def vote_in_sovnarkom(state: FederationState, day: date) -> tuple[FederationState, CastVote]:
    """A motion before the Sovnarkom on `day`, and the official's vote for the RSFSR on it."""
    state = apply(
        state,
        command(
            ConveneSession,
            actors.SECRETARIAT,
            day,
            session=f"snk-{day}",
            organ="sovnarkom",
            held_on=day,
        ),
    )
    draft = {"title": "tariffs", "text": "t", "field": "railways", "kind": "decision"}
    state = apply(
        state,
        command(
            DraftMotion,
            actors.SECRETARIAT,
            day,
            motion=f"snk-m-{day}",
            organ="sovnarkom",
            force="advisory",
            **draft,
        ),
    )
    state = apply(
        state,
        command(TableMotion, actors.SECRETARIAT, day, motion=f"snk-m-{day}", session=f"snk-{day}"),
    )
    vote = command(
        CastVote,
        actors.person(OFFICIAL),
        day,
        motion=f"snk-m-{day}",
        member="rsfsr",
        vote="yes",
    )
    return state, vote


@pytest.fixture(scope="module")
def removed() -> tuple[FederationState, list[Any]]:
    return decided(opened())


def test_p17_final_findings_carry_their_sanctions_effect_in_the_same_derivation(
    removed: tuple[FederationState, list[Any]],
) -> None:
    _, events = removed
    effects = [e for e in events if isinstance(e, SanctionTookEffect)]
    assert [(e.person, e.sanction, e.case) for e in effects] == [(OFFICIAL, REMOVAL, "case-1")]
    assert effects[0].offices == [["organ:sovnarkom", "sovnarkom", "rsfsr"]]
    assert effects[0].bar_until == DAY + timedelta(days=730)


def test_p17_a_removal_ends_every_office_the_person_holds(
    removed: tuple[FederationState, list[Any]],
) -> None:
    state, _ = removed
    assert not state.sits_for(OFFICIAL, "rsfsr", "sovnarkom", DAY)
    assert not any(h.held(LATER) for h in state.offices.of(OFFICIAL))
    assert "sovnarkom" not in {
        d.organ for d in state.delegations if d.person == OFFICIAL and d.sits(LATER)
    }
    [sanction] = state.inspection.sanctions[OFFICIAL]
    assert (sanction.kind, sanction.case, sanction.effective_on) == (REMOVAL, "case-1", DAY)


def test_p17_removed_official_cannot_vote(removed: tuple[FederationState, list[Any]]) -> None:
    state, vote = vote_in_sovnarkom(removed[0], LATER)
    result = run(state, vote)
    assert isinstance(result, Refusal), result
    assert result.principle == "P17"
    assert "case case-1" in result.reason
    assert "organ:sovnarkom for rsfsr" in result.reason


def test_p17_the_official_voted_before_the_findings() -> None:
    state, vote = vote_in_sovnarkom(opened(), DAY)
    assert not isinstance(run(state, vote), Refusal)


def test_p17_a_removed_official_moves_no_motion_in_the_lost_organ(
    removed: tuple[FederationState, list[Any]],
) -> None:
    draft = command(
        DraftMotion,
        actors.person(OFFICIAL),
        LATER,
        motion="snk-own",
        organ="sovnarkom",
        title="t",
        text="t",
        field="railways",
        kind="decision",
        force="advisory",
    )
    result = run(removed[0], draft)
    assert isinstance(result, Refusal) and result.principle == "P17"
    assert "case-1" in result.reason


def _reseat(day: date) -> AppointDelegate:
    return command(
        AppointDelegate,
        actors.council("rsfsr"),
        day,
        organ="sovnarkom",
        member="rsfsr",
        person=OFFICIAL,
        term_from=day,
    )


def test_p17_reappointment_refused_during_the_bar(
    removed: tuple[FederationState, list[Any]],
) -> None:
    result = run(removed[0], _reseat(LATER))
    assert isinstance(result, Refusal), result
    assert result.principle == "P17"
    assert "case case-1" in result.reason and "1925-01-31" in result.reason


def test_p17_reappointment_allowed_after_the_bar(
    removed: tuple[FederationState, list[Any]],
) -> None:
    after = DAY + timedelta(days=730)
    state = apply(removed[0], _reseat(after))
    assert state.sits_for(OFFICIAL, "rsfsr", "sovnarkom", after)
    assert sanction_refusal(state, _vote(after)) is None


def _vote(day: date) -> CastVote:
    return command(CastVote, actors.person(OFFICIAL), day, motion="any", member="rsfsr", vote="yes")


def abuse() -> FederationState:
    """A case of abuse of office against the official."""
    state = apply(
        world(),
        act(
            FileComplaint,
            actors.person("kabakhidze"),
            case="case-1",
            kind="abuse-of-office",
            accused=[OFFICIAL],
            summary="used his office against Georgia's delegates",
        ),
    )
    from isonomia.domain.inspection import DrawCommission

    return apply(state, act(DrawCommission, actors.INSPECTION, case="case-1"))


def test_p17_a_suspension_pauses_the_offices_and_they_resume() -> None:
    state, events = decided(abuse(), sanction=SUSPENSION)
    [effect] = [e for e in events if isinstance(e, SanctionTookEffect)]
    resumes = DAY + timedelta(days=90)
    assert (effect.sanction, effect.resumes_on, effect.bar_until) == (SUSPENSION, resumes, None)
    assert not state.sits_for(OFFICIAL, "rsfsr", "sovnarkom", LATER)
    state, vote = vote_in_sovnarkom(state, LATER)
    refused = run(state, vote)
    assert isinstance(refused, Refusal) and refused.principle == "P17"
    assert "suspension from office of case case-1" in refused.reason
    assert state.sits_for(OFFICIAL, "rsfsr", "sovnarkom", resumes)
    assert sanction_refusal(state, _vote(resumes)) is None
    assert any(h.held(resumes) for h in state.offices.of(OFFICIAL))


def test_p17_a_suspended_person_is_not_barred_from_appointment() -> None:
    state, _ = decided(abuse(), sanction=SUSPENSION)
    state = apply(state, _reseat_elsewhere(LATER))
    assert state.sits_for(OFFICIAL, "rsfsr", "sto", LATER)


def _reseat_elsewhere(day: date) -> AppointDelegate:
    return command(
        AppointDelegate,
        actors.council("rsfsr"),
        day,
        organ="sto",
        member="rsfsr",
        person=OFFICIAL,
        term_from=day,
    )


def test_p17_a_reprimand_is_recorded_on_the_person_and_takes_no_office() -> None:
    state, events = decided(abuse(), sanction=REPRIMAND)
    [effect] = [e for e in events if isinstance(e, SanctionTookEffect)]
    assert (effect.sanction, effect.offices, effect.bar_until) == (REPRIMAND, [], None)
    assert state.sits_for(OFFICIAL, "rsfsr", "sovnarkom", LATER)
    assert [s.kind for s in state.inspection.sanctions[OFFICIAL]] == [REPRIMAND]


def test_p17_violence_carries_removal_whatever_sanction_is_chosen() -> None:
    state = opened()
    commission = state.inspection.cases["case-1"].commission
    propose = act(
        ProposeFindings,
        actors.person(commission[0]),
        case="case-1",
        findings="f-1",
        text="it happened",
        established=True,
        sanction=REPRIMAND,
    )
    result = run(state, propose)
    assert isinstance(result, Refusal) and result.principle == "P17"
    assert "removal from office" in result.reason


def test_p17_findings_not_established_take_no_effect() -> None:
    _, events = decided(opened(), established=False)
    assert not [e for e in events if isinstance(e, SanctionTookEffect)]


def test_p17_a_removed_inspector_signs_no_findings() -> None:
    """An inspector removed in one case loses the inspection seat a commission sits by: their
    signature on another case's findings is refused naming the case that removed them."""
    state = opened()
    commission = state.inspection.cases["case-1"].commission
    inspector = commission[2]
    complaint = act(
        FileComplaint,
        actors.person("kabakhidze"),
        case="case-2",
        kind="violence",
        accused=[inspector],
        summary="struck a witness",
    )
    from isonomia.domain.inspection import DrawCommission

    state = apply(state, complaint)
    state = apply(state, act(DrawCommission, actors.INSPECTION, case="case-2"))
    second = state.inspection.cases["case-2"].commission
    fields = {"text": "it happened", "established": True}
    state = apply(
        state,
        act(ProposeFindings, actors.person(second[0]), case="case-2", findings="g-1", **fields),
    )
    state = apply(state, act(SignFindings, actors.person(second[1]), case="case-2", findings="g-1"))
    state = apply(
        state,
        act(ProposeFindings, actors.person(commission[0]), case="case-1", findings="f-1", **fields),
    )
    sign = act(SignFindings, actors.person(inspector), LATER, case="case-1", findings="f-1")
    result = run(state, sign)
    assert isinstance(result, Refusal) and result.principle == "P17", result
    assert "case case-2" in result.reason
