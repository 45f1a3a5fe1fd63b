"""The inspection (P16): persons appointed by members' councils, none of them an official;
no official or organ directs, pauses, closes or re-staffs a case."""

from __future__ import annotations

import pytest
from inspection_world import DAY, OFFICIAL, act, opened, world

from builders import run
from isonomia.domain import AppointDelegate, FederationState, actors
from isonomia.domain.inspection import CloseCase, DirectCase, PauseCase, RestaffCommission
from isonomia.domain.refusal import Refusal


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def test_p16_a_members_council_appoints_persons_to_the_inspection() -> None:
    state = world()
    seated = [d.person for d in state.delegations if d.organ == "inspection" and d.sits(DAY)]
    assert len(seated) == 12 and "insp-georgia-1" in seated


def test_p16_an_official_is_not_appointed_to_the_inspection() -> None:
    state = world()
    to_inspection = act(
        AppointDelegate,
        actors.council("rsfsr"),
        organ="inspection",
        member="rsfsr",
        person=OFFICIAL,
        term_from=DAY,
    )
    assert "holds no executive office" in refusal(run(state, to_inspection), "P16")


@pytest.mark.parametrize("organ", ["sovnarkom", "presidium", "sto"])
def test_p16_an_inspector_is_not_appointed_to_an_executive_organ(organ: str) -> None:
    state = world()
    to_executive = act(
        AppointDelegate,
        actors.council("ukraine"),
        organ=organ,
        member="ukraine",
        person="insp-ukraine-1",
        term_from=DAY,
    )
    refusal(run(state, to_executive), "P16")


def test_p16_an_inspector_may_sit_in_the_union_council() -> None:
    state = world()
    to_council = act(
        AppointDelegate,
        actors.council("ukraine"),
        organ="union-council",
        member="ukraine",
        person="insp-ukraine-1",
        term_from=DAY,
    )
    assert not isinstance(run(state, to_council), Refusal)


ORDERS = [
    (DirectCase, {"instruction": "find for the official"}),
    (PauseCase, {}),
    (CloseCase, {}),
    (RestaffCommission, {"persons": ["insp-rsfsr-1"]}),
]
OFFICIALS = [
    actors.organ("sovnarkom"),
    actors.organ("presidium"),
    actors.organ("union-council"),
    actors.SECRETARIAT,
    actors.council("rsfsr"),
    actors.congress("rsfsr"),
    actors.person(OFFICIAL),
]


@pytest.fixture(scope="module")
def case_open() -> FederationState:
    return opened()


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: o[0].__name__)
@pytest.mark.parametrize("actor", OFFICIALS)
def test_p16_no_official_or_organ_directs_pauses_closes_or_restaffs_a_case(
    case_open: FederationState, order: tuple[type, dict[str, object]], actor: str
) -> None:
    cls, fields = order
    reason = refusal(run(case_open, act(cls, actor, case="case-1", **fields)), "P16")
    assert "beyond the officials' reach" in reason


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: o[0].__name__)
def test_p17_the_inspection_and_the_commission_end_a_case_only_by_findings(
    case_open: FederationState, order: tuple[type, dict[str, object]]
) -> None:
    cls, fields = order
    judge = case_open.inspection.cases["case-1"].commission[0]
    for actor in (actors.INSPECTION, actors.person(judge)):
        reason = refusal(run(case_open, act(cls, actor, case="case-1", **fields)), "P17")
        assert "findings signed by a majority" in reason


def test_p16_only_the_inspection_draws_a_commission() -> None:
    from inspection_world import complaint

    from builders import apply
    from isonomia.domain.inspection import DrawCommission

    state = apply(world(), complaint())
    for actor in (actors.SECRETARIAT, actors.organ("presidium"), actors.council("georgia")):
        refusal(run(state, act(DrawCommission, actor, case="case-1")), "P16")
