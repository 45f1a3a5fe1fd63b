"""Those who connived (P17): the commission names, with the case's evidence, an official who
knew and did not act; the conniver becomes a party (a defender of their own, challenges, the
draw) without the protection of the complainant and witnesses; findings may sanction them, no
heavier than the accused, once the charter's days to name a defender have passed, and the
sanction takes effect as the accused's does."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from inspection_world import DAY, OFFICIAL, VICTIM, WITNESS, act, appoint, opened, world

from builders import apply, command, run
from isonomia.domain import (
    CastVote,
    ConveneSession,
    DraftMotion,
    FederationState,
    TableMotion,
    actors,
)
from isonomia.domain.connivance import (
    ConniverDefenderNamed,
    ConniverNamed,
    ConniverSanctionsProposed,
    NameConniver,
)
from isonomia.domain.inspection import (
    REMOVAL,
    AddEvidence,
    NameDefender,
    ProposeFindings,
    SanctionTookEffect,
    SignFindings,
)
from isonomia.domain.inspection_lot import ChallengeCommissioner, CommissionerChallenged
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection_lot import draw_parties

CONNIVER = "dzerzhinsky"
EVIDENCE = "ab" * 32
HEARD = DAY + timedelta(days=14)


def refusal(result: object) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == "P17", result
    return result.reason


def with_evidence() -> FederationState:
    """The case open, the conniver seated in the Sovnarkom, a piece of evidence recorded."""
    state = appoint(opened(world()), "sovnarkom", "rsfsr", CONNIVER)
    return apply(
        state,
        act(
            AddEvidence,
            actors.person(VICTIM),
            case="case-1",
            sha256=EVIDENCE,
            filename="report.txt",
            size=10,
        ),
    )


def judges(state: FederationState) -> tuple[str, ...]:
    return state.inspection.cases["case-1"].commission


def name(state: FederationState, person: str = CONNIVER, **fields: Any) -> NameConniver:
    values: dict[str, Any] = {"case": "case-1", "person": person, "evidence": [EVIDENCE]}
    values.update(fields)
    return act(NameConniver, actors.person(judges(state)[0]), **values)


@pytest.fixture(scope="module")
def named() -> FederationState:
    state = with_evidence()
    return apply(state, name(state))


def findings(state: FederationState, day: date = HEARD, **fields: Any) -> ProposeFindings:
    values: dict[str, Any] = {
        "case": "case-1",
        "findings": "f-1",
        "text": "struck; the deputy knew and did nothing",
        "established": True,
        "connivers": [f"{CONNIVER}={REMOVAL}"],
    }
    values.update(fields)
    return act(ProposeFindings, actors.person(judges(state)[0]), day, **values)


def test_p17_the_commission_names_a_conniver_with_the_cases_evidence(
    named: FederationState,
) -> None:
    [conniver] = named.inspection.cases["case-1"].connivers
    assert (conniver.person, conniver.evidence, conniver.named_on) == (CONNIVER, (EVIDENCE,), DAY)
    assert actors.person(CONNIVER) in named.inspection.cases["case-1"].viewers()


def test_p17_a_conniver_is_named_only_by_the_sitting_commission() -> None:
    state = with_evidence()
    by_victim = name(state).model_copy(update={"actor": actors.person(VICTIM)})
    assert "commission" in refusal(run(state, by_victim))


def test_p17_a_conniver_is_not_named_without_evidence() -> None:
    state = with_evidence()
    assert "needs evidence" in refusal(run(state, name(state, evidence=[])))


def test_p17_a_conniver_is_named_only_on_the_cases_own_evidence() -> None:
    state = with_evidence()
    assert "holds no evidence" in refusal(run(state, name(state, evidence=["cd" * 32])))


@pytest.mark.parametrize("person", [VICTIM, WITNESS, OFFICIAL])
def test_p17_the_complainant_a_witness_or_the_accused_is_not_named_conniver(person: str) -> None:
    state = with_evidence()
    assert "cannot be named as conniver" in refusal(run(state, name(state, person)))


def test_p17_a_conniver_is_named_only_once(named: FederationState) -> None:
    assert "already named as conniver" in refusal(run(named, name(named)))


def test_p17_a_conniver_names_their_own_defender(named: FederationState) -> None:
    defender = act(NameDefender, actors.person(CONNIVER), case="case-1", defender="lawyer")
    [event] = run(named, defender)  # type: ignore[misc]
    assert isinstance(event, ConniverDefenderNamed)
    state = apply(named, defender)
    case = state.inspection.cases["case-1"]
    assert case.defender is None  # the complainant's defender is theirs to name
    assert actors.person("lawyer") in case.viewers()
    assert "lawyer" in case.protected()


def test_p17_a_conniver_is_not_protected_from_retaliation(named: FederationState) -> None:
    case = named.inspection.cases["case-1"]
    assert CONNIVER not in case.protected()
    assert WITNESS in case.protected()


def test_p17_a_conniver_challenges_a_commissioner(named: FederationState) -> None:
    challenge = act(
        ChallengeCommissioner,
        actors.person(CONNIVER),
        case="case-1",
        challenge="ch-1",
        person=judges(named)[1],
        grounds="works under the accused",
    )
    [event] = run(named, challenge)  # type: ignore[misc]
    assert isinstance(event, CommissionerChallenged)
    assert event.party == actors.person(CONNIVER)


def test_p17_a_conniver_commits_to_the_draw_with_the_member_they_sit_for(
    named: FederationState,
) -> None:
    parties = draw_parties(named, named.inspection.cases["case-1"], DAY)
    assert {actors.person(CONNIVER), actors.council("rsfsr")} <= parties


def test_p17_a_conniver_is_not_sanctioned_before_the_days_to_name_a_defender(
    named: FederationState,
) -> None:
    early = findings(named, HEARD - timedelta(days=1))
    assert "days to name a defender" in refusal(run(named, early))


def test_p17_only_a_named_conniver_is_sanctioned_by_findings(named: FederationState) -> None:
    other = findings(named, connivers=[f"stalin={REMOVAL}"])
    assert "is not named as conniver" in refusal(run(named, other))


def test_p17_findings_sanction_a_conniver_once(named: FederationState) -> None:
    twice = findings(named, connivers=[f"{CONNIVER}=reprimand", f"{CONNIVER}={REMOVAL}"])
    assert "twice" in refusal(run(named, twice))


def test_p17_a_conniver_sanction_heavier_than_the_accused_is_refused(
    named: FederationState,
) -> None:
    pleaded = findings(named, justifications=["self-defence"])  # the accused: a reprimand
    assert "at most as the accused (reprimand)" in refusal(run(named, pleaded))
    unproven = findings(named, established=False, connivers=[f"{CONNIVER}=reprimand"])
    assert "at most as the accused (none)" in refusal(run(named, unproven))
    unknown = findings(named, connivers=[f"{CONNIVER}=exile"])
    assert "not with exile" in refusal(run(named, unknown))


@pytest.fixture(scope="module")
def removed(named: FederationState) -> tuple[FederationState, list[Any]]:
    state = apply(named, findings(named))
    sign = act(SignFindings, actors.person(judges(state)[1]), HEARD, case="case-1", findings="f-1")
    events = run(state, sign)
    assert not isinstance(events, Refusal), events
    return apply(state, sign), events


def test_p17_final_findings_take_the_conniver_sanctions_effect(
    removed: tuple[FederationState, list[Any]],
) -> None:
    state, events = removed
    effects = {e.person: e for e in events if isinstance(e, SanctionTookEffect)}
    assert set(effects) == {OFFICIAL, CONNIVER}
    assert effects[CONNIVER].sanction == REMOVAL
    assert effects[CONNIVER].offices == [["organ:sovnarkom", "sovnarkom", "rsfsr"]]
    [sanction] = state.inspection.sanctions[CONNIVER]
    assert (sanction.kind, sanction.case) == (REMOVAL, "case-1")
    assert state.inspection.findings["f-1"].conniver_sanctions == ((CONNIVER, REMOVAL),)


def test_p17_the_proposal_records_the_conniver_sanctions(named: FederationState) -> None:
    events = run(named, findings(named))
    assert not isinstance(events, Refusal)
    [proposed] = [e for e in events if isinstance(e, ConniverSanctionsProposed)]
    assert proposed.sanctions == [[CONNIVER, REMOVAL]]
    assert not [e for e in events if isinstance(e, ConniverNamed)]


def _vote(state: FederationState, person: str, day: date) -> tuple[FederationState, CastVote]:
    state = apply(
        state,
        command(
            ConveneSession, actors.SECRETARIAT, day, session="snk", organ="sovnarkom", held_on=day
        ),
    )
    draft = {"title": "tariffs", "text": "t", "field": "railways", "kind": "decision"}
    state = apply(
        state,
        command(
            DraftMotion,
            actors.SECRETARIAT,
            day,
            motion="snk-m",
            organ="sovnarkom",
            force="advisory",
            **draft,
        ),
    )
    state = apply(
        state, command(TableMotion, actors.SECRETARIAT, day, motion="snk-m", session="snk")
    )
    vote = command(CastVote, actors.person(person), day, motion="snk-m", member="rsfsr", vote="yes")
    return state, vote


def test_p17_a_removed_conniver_cannot_vote(removed: tuple[FederationState, list[Any]]) -> None:
    state, vote = _vote(removed[0], CONNIVER, HEARD + timedelta(days=7))
    reason = refusal(run(state, vote))
    assert "case case-1" in reason


def test_p17_the_conniver_voted_before_the_findings(named: FederationState) -> None:
    state, vote = _vote(named, CONNIVER, DAY + timedelta(days=7))
    assert not isinstance(run(state, vote), Refusal)
