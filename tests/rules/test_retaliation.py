"""Protection from retaliation is union-wide (P17): while a case is open, no organ and no
official, whichever acts, removes a witness from a named office or replaces them as a
department's representative, unless the inspection consents."""

from __future__ import annotations

from offices_world import (
    DAY,
    founded_with,
    joint_rail,
    official,
    refused,
    removal,
    represent,
    with_acts,
)

from builders import apply, command, run
from isonomia.domain import FederationState, OfficialRemoved, actors
from isonomia.domain.inspection import ConsentToAction, FileComplaint
from isonomia.domain.refusal import Refusal


def _witness(state: FederationState, person: str) -> FederationState:
    """A complaint naming `person` a witness: the case is open (its commission not drawn)."""
    complaint = command(
        FileComplaint,
        actors.person("complainant"),
        DAY,
        case="case-1",
        kind="abuse-of-office",
        accused=["someone-else"],
        witnesses=[person],
        summary="abused the office",
    )
    return apply(state, complaint)


def test_p17_the_union_council_cannot_remove_a_witness_from_office() -> None:
    state = apply(with_acts(founded_with()), official("person-1", "general-secretary"))
    state = _witness(state, "person-1")
    reason = refused(run(state, removal("person-1", "general-secretary")), principle="P17")
    assert "protected while case case-1 is open: union-council cannot" in reason
    consent = command(
        ConsentToAction,
        actors.INSPECTION,
        DAY,
        case="case-1",
        organ="union-council",
        person="person-1",
    )
    events = run(apply(state, consent), removal("person-1", "general-secretary"))
    assert isinstance(events, list) and isinstance(events[-1], OfficialRemoved)


def test_p17_a_witness_is_not_replaced_as_representative_without_consent() -> None:
    state = apply(joint_rail(founded_with()), represent("rsfsr", "person-1"))
    state = _witness(state, "person-1")
    refused(run(state, represent("rsfsr", "person-2")), "person-1 is protected", principle="P17")
    consent = command(
        ConsentToAction,
        actors.INSPECTION,
        DAY,
        case="case-1",
        organ=actors.SECRETARIAT,
        person="person-1",
    )
    assert not isinstance(run(apply(state, consent), represent("rsfsr", "person-2")), Refusal)
