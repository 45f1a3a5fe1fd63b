"""Refusals say what is actually the case, and the cooperatives example is coherent: its
solidarity fund becomes a joint department by every member's consent and can be joined."""

from __future__ import annotations

from datetime import date

from builders import (
    MEMBERS_1922,
    admit,
    adopt,
    apply,
    candidate,
    command,
    found,
    founded_1922,
    request_accession,
    run,
)
from isonomia.charter import load_charter
from isonomia.charter.model import OrganKind
from isonomia.domain import (
    ConsentToDepartment,
    FederationState,
    ProposeAdmission,
    ProposeDepartment,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.service import example_charter

DAY = date(1923, 3, 1)
COOPS_FOUNDED = date(2026, 1, 5)


def _propose(state: FederationState, candidate: str, motion: str) -> object:
    moved = command(ProposeAdmission, actors.SECRETARIAT, DAY, motion=motion, candidate=candidate)
    return run(state, moved)


def test_p2_retrying_a_rejected_admission_says_the_decision_was_already_decided_on() -> None:
    state = apply(founded_1922(), request_accession("uzbekistan", DAY))
    state = admit(state, "uzbekistan", DAY, {**dict.fromkeys(MEMBERS_1922, "yes"), "rsfsr": "no"})
    assert "uzbekistan" not in state.candidates and not state.is_member("uzbekistan", DAY)
    result = _propose(state, "uzbekistan", "admission-again")
    assert isinstance(result, Refusal) and result.principle == "P2"
    assert "the one recorded was already decided on" in result.reason
    assert "no decision of uzbekistan's own congress to join is recorded" not in result.reason


def test_p2_admitting_a_member_again_says_it_is_already_a_member() -> None:
    result = _propose(founded_1922(), "georgia", "admission-georgia")
    assert isinstance(result, Refusal) and result.reason == "georgia is already a member"


def _cooperatives() -> FederationState:
    charter = load_charter(example_charter("cooperatives"))
    state = apply(FederationState(), adopt(charter, COOPS_FOUNDED))
    return apply(state, found(charter, COOPS_FOUNDED))


def test_p7_the_cooperatives_charter_names_no_joint_department_it_cannot_create() -> None:
    charter = load_charter(example_charter("cooperatives"))
    assert [o.id for o in charter.organs if o.kind is OrganKind.JOINT_DEPARTMENT] == []
    assert "solidarity-fund" in charter.field_kinds()


def test_p7_a_new_cooperative_joins_the_solidarity_fund() -> None:
    state = _cooperatives()
    members = [m.id for m in state.members_on(COOPS_FOUNDED)]
    state = apply(
        state,
        command(
            ProposeDepartment,
            actors.SECRETARIAT,
            COOPS_FOUNDED,
            department="solidarity-fund",
            name="Solidarity Fund",
            field="solidarity-fund",
        ),
    )
    for member in members:
        state = apply(
            state,
            command(
                ConsentToDepartment,
                actors.council(member),
                COOPS_FOUNDED,
                department="solidarity-fund",
                member=member,
            ),
        )
    assert state.departments["solidarity-fund"].created_on == COOPS_FOUNDED
    joins = request_accession(
        "nordkoop",
        COOPS_FOUNDED,
        # A cooperative of the others' size: one of a million members would block alone (P12).
        candidate=candidate("nordkoop", 900),
        accepts_fields=["solidarity-fund"],
        joins_departments=["solidarity-fund"],
    )
    state = apply(state, joins)
    state = admit(state, "nordkoop", COOPS_FOUNDED, dict.fromkeys(members, "yes"))
    assert "nordkoop" in state.departments["solidarity-fund"].participants
