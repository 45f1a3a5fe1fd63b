"""Impartial investigations (P17): recusals, the draw replayed from its seed, findings
signed by a majority, provocation no defence, reopening, neglected complaints."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inspection_world import (
    DAY,
    OFFICIAL,
    VICTIM,
    WITNESS,
    act,
    appoint,
    complaint,
    inspectors,
    opened,
    world,
)

from builders import MEMBERS_1922, apply, run
from isonomia.domain import FederationState, actors
from isonomia.domain.inspection import (
    AddressComplaint,
    AnswerComplaint,
    CommissionDrawn,
    ComplaintKind,
    ComplaintNeglected,
    DeclareTie,
    DrawCommission,
    FindingsProposed,
    ProposeFindings,
    ReopenCase,
    SignFindings,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection import sanction_for
from isonomia.rules.inspection_draw import draw, draw_seed, recusals

ALL_INSPECTORS = [p for m in MEMBERS_1922 for p in inspectors(m)]
BASE = world()


def refusal(result: object, principle: str = "P17") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def drawn_event(state: FederationState, case: str = "case-1") -> CommissionDrawn:
    events = run(state, act(DrawCommission, actors.INSPECTION, case=case))
    assert not isinstance(events, Refusal), str(events)
    (event,) = [e for e in events if isinstance(e, CommissionDrawn)]
    return event


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ties=st.lists(
        st.tuples(st.sampled_from(ALL_INSPECTORS), st.sampled_from([OFFICIAL, VICTIM])),
        max_size=4,
    ),
    accused_member=st.sampled_from(["rsfsr", "ukraine", "armenia"]),
    witness=st.sampled_from([*ALL_INSPECTORS, WITNESS]),
)
def test_p17_recused_person_never_drawn_and_the_draw_replays_from_its_seed(
    ties: list[tuple[str, str]], accused_member: str, witness: str
) -> None:
    state = BASE
    if accused_member != "rsfsr":
        state = appoint(state, "union-council", accused_member, OFFICIAL)
    for person, party in ties:
        state = apply(
            state,
            act(DeclareTie, actors.person(person), person=person, tied_to=party, nature="kin"),
        )
    state = apply(state, complaint(witnesses=[witness]))
    result = run(state, act(DrawCommission, actors.INSPECTION, case="case-1"))
    if isinstance(result, Refusal):
        assert result.principle == "P17" and "not recused" in result.reason
        return
    (event,) = [e for e in result if isinstance(e, CommissionDrawn)]
    recused = dict(event.recused)
    assert not set(event.commission) & set(recused)
    for person, _party in ties:
        assert person not in event.commission
    assert witness not in event.commission
    for member in {"rsfsr", accused_member, "georgia"}:
        assert not set(inspectors(member)) & set(event.commission)
    assert event.seed == draw_seed(state.inspection.digest, "case-1", 1)
    assert draw(event.seed, event.eligible, recused, 3) == event.commission
    assert recusals(state, state.inspection.cases["case-1"], DAY) == recused


def test_p17_recusals_and_their_reasons_are_recorded() -> None:
    state = apply(
        BASE,
        act(
            DeclareTie,
            actors.person("insp-ukraine-1"),
            person="insp-ukraine-1",
            tied_to=OFFICIAL,
            nature="brother-in-law",
        ),
    )
    event = drawn_event(apply(state, complaint()))
    recused = dict(event.recused)
    assert recused["insp-rsfsr-1"] == "sits for rsfsr, the accused's member"
    assert recused["insp-georgia-2"] == "sits for georgia, the complainant's member"
    assert recused["insp-ukraine-1"] == f"declared a tie with {OFFICIAL}"
    assert "insp-ukraine-2" not in recused


def test_p17_too_few_eligible_persons_is_refused() -> None:
    state = apply(BASE, complaint(witnesses=ALL_INSPECTORS[3:11]))
    reason = refusal(run(state, act(DrawCommission, actors.INSPECTION, case="case-1")))
    assert "needs a commission of 3" in reason


KINDS = list(ComplaintKind)


@given(
    kind=st.sampled_from(KINDS),
    established=st.booleans(),
    other=st.lists(st.sampled_from(["self-defence", "lawful order", "none"]), max_size=2),
    pleas=st.lists(st.sampled_from(["provocation", "jest", "Provocation ", "JEST"]), min_size=1),
)
def test_p17_provocation_and_jest_never_change_the_sanction(
    kind: ComplaintKind, established: bool, other: list[str], pleas: list[str]
) -> None:
    assert sanction_for(kind, established, [*other, *pleas]) == sanction_for(
        kind, established, other
    )


def test_p17_violence_by_an_official_pleading_provocation_is_still_removal() -> None:
    assert sanction_for(ComplaintKind.VIOLENCE, True, ["provocation"]) == "removal from office"
    assert sanction_for(ComplaintKind.INSULT_TO_NATIONALITY, True, ["jest"]) == (
        "removal from office"
    )


def decide(state: FederationState, findings: str, text: str = "struck him") -> FederationState:
    commission = state.inspection.cases["case-1"].commission
    state = apply(
        state,
        act(
            ProposeFindings,
            actors.person(commission[0]),
            case="case-1",
            findings=findings,
            text=text,
            established=True,
            justifications=["provocation"],
        ),
    )
    return apply(
        state, act(SignFindings, actors.person(commission[1]), case="case-1", findings=findings)
    )


def test_p17_findings_are_final_when_a_majority_of_the_commission_signed() -> None:
    state = opened()
    commission = state.inspection.cases["case-1"].commission
    outsider = next(p for p in ALL_INSPECTORS if p not in commission)
    propose = act(
        ProposeFindings,
        actors.person(outsider),
        case="case-1",
        findings="f-1",
        text="x",
        established=True,
    )
    refusal(run(state, propose))
    state = decide(state, "f-1")
    assert state.inspection.cases["case-1"].status == "decided"
    findings = state.inspection.findings["f-1"]
    assert findings.final_on == DAY and findings.sanction == "removal from office"
    assert len(findings.signatures) == 2


def test_p17_a_reopened_case_links_to_its_earlier_findings_and_draws_afresh() -> None:
    state = decide(opened(), "f-1")
    first = state.inspection.cases["case-1"].commission
    refusal(run(state, act(ReopenCase, actors.person(OFFICIAL), case="case-1", reason="no")))
    state = apply(
        state, act(ReopenCase, actors.person(VICTIM), case="case-1", reason="sanction too mild")
    )
    event = drawn_event(state)
    assert not set(first) & set(event.commission)
    assert {dict(event.recused)[p] for p in first} == {"sat on an earlier commission of this case"}
    state = apply(state, act(DrawCommission, actors.INSPECTION, case="case-1"))
    judge = state.inspection.cases["case-1"].commission[0]
    events = run(
        state,
        act(
            ProposeFindings,
            actors.person(judge),
            case="case-1",
            findings="f-2",
            text="completed",
            established=True,
        ),
    )
    assert not isinstance(events, Refusal)
    proposed = next(e for e in events if isinstance(e, FindingsProposed))
    assert proposed.earlier == ["f-1"] and proposed.round == 2


def address(state: FederationState) -> FederationState:
    return apply(
        state,
        act(
            AddressComplaint,
            actors.council("georgia"),
            complaint="c-1",
            official=OFFICIAL,
            text="our delegate was struck",
        ),
    )


def test_p17_a_complaint_left_unanswered_past_its_deadline_is_recorded_as_neglected() -> None:
    state = address(BASE)
    late = DAY + timedelta(days=31)
    events = run(
        state, act(DeclareTie, actors.person("x"), late, person="x", tied_to="y", nature="n")
    )
    handled = apply(
        state, act(DeclareTie, actors.person("x"), late, person="x", tied_to="y", nature="n")
    )
    assert not isinstance(events, Refusal)
    assert handled.inspection.addressed["c-1"].neglected
    answer = act(AnswerComplaint, actors.person(OFFICIAL), late, complaint="c-1", answer="late")
    assert "neglected" in refusal(run(handled, answer))


def test_p17_an_answer_in_time_stops_the_neglect() -> None:
    state = address(BASE)
    refusal(run(state, act(AnswerComplaint, actors.person(VICTIM), complaint="c-1", answer="x")))
    state = apply(
        state, act(AnswerComplaint, actors.person(OFFICIAL), complaint="c-1", answer="sorry")
    )
    later = DAY + timedelta(days=60)
    state = apply(
        state, act(DeclareTie, actors.person("x"), later, person="x", tied_to="y", nature="n")
    )
    assert not state.inspection.addressed["c-1"].neglected


def test_p17_neglect_falls_due_on_the_day_after_the_deadline() -> None:
    from isonomia.rules.pipeline import due_events

    state = address(BASE)
    due = state.inspection.addressed["c-1"].answer_due
    assert due == DAY + timedelta(days=30)
    assert not due_events(state, due)
    assert due_events(state, due + timedelta(days=1)) == [
        ComplaintNeglected(complaint="c-1", official=OFFICIAL, due_on=due)
    ]


@pytest.mark.parametrize("who", [actors.person(OFFICIAL), actors.person(VICTIM)])
def test_p17_a_tie_is_declared_only_by_the_person_themself(who: str) -> None:
    tie = act(DeclareTie, who, person="insp-ukraine-1", tied_to=OFFICIAL, nature="kin")
    refusal(run(BASE, tie))


PEOPLE = st.lists(st.text("abcdefgh", min_size=1, max_size=4), unique=True, max_size=12)


@given(
    seed=st.text("0123456789abcdef", min_size=1, max_size=64),
    eligible=PEOPLE,
    recused=PEOPLE,
    size=st.integers(1, 5),
    shuffle=st.randoms(use_true_random=False),
)
def test_p17_the_draw_is_a_pure_function_of_its_seed_that_never_takes_a_recused_person(
    seed: str, eligible: list[str], recused: list[str], size: int, shuffle: Any
) -> None:
    drawn = draw(seed, eligible, recused, size)
    assert not set(drawn) & set(recused)
    assert set(drawn) <= set(eligible) and len(drawn) == len(set(drawn))
    assert len(drawn) == min(size, len(set(eligible) - set(recused)))
    reordered = list(eligible)
    shuffle.shuffle(reordered)
    assert draw(seed, reordered, reversed(recused), size) == drawn


@pytest.mark.parametrize("declared_by", ["commissioner", "party"])
def test_p17_a_tie_with_a_party_declared_after_the_draw_recuses_the_commissioner(
    declared_by: str,
) -> None:
    state = opened()
    before = state.inspection.cases["case-1"]
    sitter = before.commission[0]
    person, tied_to = (sitter, OFFICIAL) if declared_by == "commissioner" else (VICTIM, sitter)
    tie = act(DeclareTie, actors.person(person), person=person, tied_to=tied_to, nature="kin")
    result = run(state, tie)
    assert not isinstance(result, Refusal)
    (event,) = [e for e in result if isinstance(e, CommissionDrawn)]
    assert sitter not in event.commission and len(event.commission) == len(before.commission)
    assert set(before.commission) - {sitter} <= set(event.commission)
    newcomer = (set(event.commission) - set(before.commission)).pop()
    assert newcomer not in {*inspectors("rsfsr"), *inspectors("georgia")}
    assert dict(event.recused)[sitter].startswith("declared a tie with")
    assert event.seed == before.seed and event.round == before.round
    after = apply(state, tie).inspection.cases["case-1"]
    assert after.commission == tuple(event.commission) and after.status == before.status


def test_p17_a_tie_with_no_party_of_an_open_case_leaves_its_commission_alone() -> None:
    state = opened()
    sitter = state.inspection.cases["case-1"].commission[0]
    tie = act(DeclareTie, actors.person(sitter), person=sitter, tied_to=WITNESS, nature="kin")
    result = run(state, tie)
    assert not isinstance(result, Refusal)
    assert not any(isinstance(e, CommissionDrawn) for e in result)
    assert apply(state, tie).inspection.cases["case-1"].commission == (
        state.inspection.cases["case-1"].commission
    )


def test_p17_a_signature_of_a_commissioner_recused_after_signing_does_not_make_the_majority() -> (
    None
):
    state = opened()
    proposer = state.inspection.cases["case-1"].commission[0]
    state = apply(
        state,
        act(
            ProposeFindings,
            actors.person(proposer),
            case="case-1",
            findings="f-1",
            text="struck him",
            established=True,
        ),
    )
    tie = act(DeclareTie, actors.person(proposer), person=proposer, tied_to=OFFICIAL, nature="kin")
    state = apply(state, tie)
    commission = state.inspection.cases["case-1"].commission
    assert proposer not in commission
    state = apply(
        state, act(SignFindings, actors.person(commission[0]), case="case-1", findings="f-1")
    )
    assert state.inspection.cases["case-1"].status != "decided"
    assert state.inspection.findings["f-1"].final_on is None
    state = apply(
        state, act(SignFindings, actors.person(commission[1]), case="case-1", findings="f-1")
    )
    assert state.inspection.cases["case-1"].status == "decided"
