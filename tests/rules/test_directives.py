"""Graded directives (P8): advisory, mandatory, conditional with urgent cases reviewed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import MONDAY, apply, command, founded_1922, pass_motion, run, seat_delegations
from isonomia.domain import (
    ConveneSession,
    FederationState,
    GiveInstructions,
    PublishAct,
    ReportCompliance,
    RequestInstructions,
    Ruling,
    actors,
)
from isonomia.domain.refusal import Refusal

SEC = actors.SECRETARIAT
ISSUED = MONDAY + timedelta(days=1)
NEXT_MONDAY = MONDAY + timedelta(days=7)


def _directive(force: str, addressees: list[str] | None = None) -> FederationState:
    state = seat_delegations(founded_1922(), "union-council", date(1923, 1, 1))
    state = seat_delegations(state, "sovnarkom", date(1923, 1, 1))
    state = pass_motion(
        state,
        "d1",
        "snk-1",
        "sovnarkom",
        ISSUED,
        field="finance",
        kind="directive",
        force=force,
        addressees=addressees or ["georgia", "ukraine"],
    )
    return apply(state, command(PublishAct, SEC, ISSUED, act="d1"))


@pytest.fixture
def conditional() -> FederationState:
    return _directive("conditional")


def report(member: str = "georgia", **extra: object) -> ReportCompliance:
    return command(
        ReportCompliance, actors.council(member), ISSUED, directive="d1", member=member, **extra
    )


def refusal(result: object, principle: str = "P8") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def test_p8_a_conditional_directive_needs_instructions_first(conditional: FederationState) -> None:
    assert "request instructions first" in refusal(run(conditional, report()))
    state = apply(
        conditional,
        command(
            RequestInstructions,
            actors.council("georgia"),
            ISSUED,
            directive="d1",
            member="georgia",
            question="which budget line?",
        ),
    )
    assert state.compliance[("d1", "georgia")].status() == "instructions requested"
    assert "request instructions first" in refusal(run(state, report()))
    wrong_organ = command(
        GiveInstructions,
        actors.organ("sto"),
        ISSUED,
        directive="d1",
        member="georgia",
        instructions="line 4",
    )
    refusal(run(state, wrong_organ))
    instruct = command(
        GiveInstructions,
        actors.organ("sovnarkom"),
        ISSUED,
        directive="d1",
        member="georgia",
        instructions="line 4",
    )
    state = apply(state, instruct)
    state = apply(state, report(note="done"))
    assert state.compliance[("d1", "georgia")].basis == "instructions"
    assert state.compliance[("d1", "ukraine")].status() == "outstanding"


def test_p8_an_urgent_case_needs_a_justification_and_is_reviewed_next_session(
    conditional: FederationState,
) -> None:
    assert "justified" in refusal(run(conditional, report(urgent=True)))
    state = apply(conditional, report(urgent=True, justification="flood on the line"))
    record = state.compliance[("d1", "georgia")]
    assert record.basis == "urgency" and record.status() == "carried out (urgent; review pending)"
    state = apply(
        state,
        command(
            ConveneSession, SEC, ISSUED, session="uc-2", organ="union-council", held_on=NEXT_MONDAY
        ),
    )
    assert state.compliance[("d1", "georgia")].review_session == "uc-2"
    state = pass_motion(
        state,
        "review-1",
        "uc-2",
        "union-council",
        NEXT_MONDAY,
        field="finance",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="urgent-action", ref="d1:georgia", outcome="censure"),
    )
    assert state.compliance[("d1", "georgia")].status() == "carried out (urgent; censured)"


def test_p8_mandatory_and_advisory_directives_are_carried_out_directly() -> None:
    state = _directive("mandatory")
    urgent = report(urgent=True, justification="x")
    assert "only under a conditional directive" in refusal(run(state, urgent))
    ask = command(
        RequestInstructions,
        actors.council("georgia"),
        ISSUED,
        directive="d1",
        member="georgia",
        question="?",
    )
    assert "only a conditional directive" in refusal(run(state, ask))
    state = apply(state, report())
    assert state.compliance[("d1", "georgia")].basis == "directive"
    assert "already reported" in refusal(run(state, report()))


def test_p8_only_the_addressees_own_council_answers_for_it(conditional: FederationState) -> None:
    by_other = command(
        ReportCompliance, actors.council("rsfsr"), ISSUED, directive="d1", member="georgia"
    )
    refusal(run(conditional, by_other))
    not_addressed = report(member="armenia")
    assert "addressed to armenia" in refusal(run(conditional, not_addressed))
