"""Protection (P17): while a case is open, and for the charter's days after it, no organ
(whether the accused sits there or not) removes, sanctions or transfers the complainant, a
witness or the defender, unless the inspection consents; and who sees a case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from inspection_world import DAY, OFFICIAL, VICTIM, WITNESS, act, appoint, opened, world

from builders import apply, run
from isonomia.domain import FederationState, RecallDelegate, actors
from isonomia.domain.inspection import (
    ConsentToAction,
    NameDefender,
    SanctionPerson,
    TransferPerson,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection import retaliation_refusal
from isonomia.rules.inspection_guard import may_see

DEFENDER = "okudzhava"


@pytest.fixture(scope="module")
def case() -> FederationState:
    state = opened()
    return apply(state, act(NameDefender, actors.person(VICTIM), case="case-1", defender=DEFENDER))


def refusal(result: object, principle: str = "P17") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


@pytest.mark.parametrize("person", [VICTIM, WITNESS, DEFENDER])
def test_p17_the_accuseds_organ_cannot_transfer_or_sanction_a_protected_person(
    case: FederationState, person: str
) -> None:
    organ = actors.organ("sovnarkom")
    transfer = act(TransferPerson, organ, organ="sovnarkom", person=person, to="Tashkent")
    sanction = act(SanctionPerson, organ, organ="sovnarkom", person=person, sanction="fine")
    assert "protected while case case-1 is open" in refusal(run(case, transfer))
    refusal(run(case, sanction))


def test_p17_an_organ_where_the_accused_does_not_sit_cannot_sanction_a_witness(
    case: FederationState,
) -> None:
    organ = actors.organ("sto")
    sanction = act(SanctionPerson, organ, organ="sto", person=WITNESS, sanction="fine")
    assert "protected while case case-1 is open: sto cannot" in refusal(run(case, sanction))
    transfer = act(TransferPerson, organ, organ="sto", person=VICTIM, to="Baku")
    refusal(run(case, transfer))


def test_p17_another_organ_sanctions_a_witness_with_the_inspections_consent(
    case: FederationState,
) -> None:
    organ = actors.organ("sto")
    consent = act(ConsentToAction, actors.INSPECTION, case="case-1", organ="sto", person=WITNESS)
    state = apply(case, consent)
    sanction = act(SanctionPerson, organ, organ="sto", person=WITNESS, sanction="fine")
    assert not isinstance(run(state, sanction), Refusal)
    refusal(run(state, act(SanctionPerson, organ, organ="sovnarkom", person=WITNESS, sanction="x")))


def test_p17_an_unprotected_person_may_be_transferred(case: FederationState) -> None:
    organ = actors.organ("sovnarkom")
    transfer = act(TransferPerson, organ, organ="sovnarkom", person="someone-else", to="Baku")
    assert not isinstance(run(case, transfer), Refusal)


def test_p17_with_the_inspections_consent_the_act_is_allowed(case: FederationState) -> None:
    organ = actors.organ("sovnarkom")
    transfer = act(TransferPerson, organ, organ="sovnarkom", person=WITNESS, to="Tiflis")
    consent = act(
        ConsentToAction, actors.INSPECTION, case="case-1", organ="sovnarkom", person=WITNESS
    )
    refusal(
        run(case, act(ConsentToAction, organ, case="case-1", organ="sovnarkom", person=WITNESS))
    )
    state = apply(case, consent)
    assert not isinstance(run(state, transfer), Refusal)
    other = act(TransferPerson, organ, organ="sovnarkom", person=VICTIM, to="Tiflis")
    refusal(run(state, other))


def test_p17_the_accuseds_own_council_cannot_recall_a_protected_delegate() -> None:
    state = appoint(world(), "union-council", "rsfsr", "rsfsr-witness")
    from inspection_world import complaint

    from isonomia.domain.inspection import DrawCommission

    state = apply(state, complaint(witnesses=["rsfsr-witness"]))
    state = apply(state, act(DrawCommission, actors.INSPECTION, case="case-1"))
    recall = act(
        RecallDelegate,
        actors.council("rsfsr"),
        organ="union-council",
        member="rsfsr",
        person="rsfsr-witness",
    )
    refusal(run(state, recall))
    assert retaliation_refusal(state, "council:georgia", VICTIM, DAY) is not None


def test_p17_protection_ends_the_charters_days_after_the_case_is_decided(
    case: FederationState,
) -> None:
    from isonomia.domain.inspection import ProposeFindings, SignFindings

    commission = case.inspection.cases["case-1"].commission
    state = apply(
        case,
        act(
            ProposeFindings,
            actors.person(commission[0]),
            case="case-1",
            findings="f-1",
            text="x",
            established=True,
        ),
    )
    assert retaliation_refusal(state, "sovnarkom", VICTIM, DAY) is not None
    state = apply(
        state, act(SignFindings, actors.person(commission[1]), case="case-1", findings="f-1")
    )
    after = DAY + timedelta(days=365)
    still = retaliation_refusal(state, "sto", VICTIM, after - timedelta(days=1))
    assert still is not None and f"protected until {after}" in still.reason
    assert retaliation_refusal(state, "sovnarkom", VICTIM, after) is None


def test_p17_who_sees_a_case(case: FederationState) -> None:
    record = case.inspection.cases["case-1"]
    allowed = {
        actors.INSPECTION,
        actors.person(VICTIM),
        actors.person(OFFICIAL),
        actors.person(DEFENDER),
        *map(actors.person, record.commission),
    }
    refused = {
        "public",
        actors.SECRETARIAT,
        actors.organ("sovnarkom"),
        actors.council("georgia"),
        actors.council("rsfsr"),
        actors.person(WITNESS),
        actors.person("insp-ukraine-1") if "insp-ukraine-1" not in record.commission else "x",
    }
    assert all(may_see(case, "case-1", who) for who in allowed)
    assert not any(may_see(case, "case-1", who) for who in refused)
