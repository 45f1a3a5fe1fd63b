"""Who may issue the inspection's commands (P16, P17), for the one table in
`rules.authorization`: each entry is (principle, who, test on the state and the command)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from isonomia.domain import Command, FederationState, actors
from isonomia.domain.inspection import (
    AddEvidence,
    AddressComplaint,
    AnswerComplaint,
    CloseCase,
    ConsentToAction,
    DeclareTie,
    DirectCase,
    DrawCommission,
    FileComplaint,
    NameDefender,
    PauseCase,
    ProposeFindings,
    ReopenCase,
    RestaffCommission,
    SanctionPerson,
    SignFindings,
    TransferPerson,
)

__all__ = ["INSPECTION_WHO"]

Entry = tuple[str, str, Callable[[FederationState, Any], bool]]


def _case_role(state: FederationState, command: Any, role: str) -> bool:
    """Whether the actor holds `role` in the command's case (P17)."""
    case = state.inspection.cases.get(command.case)
    if case is None:
        return False
    if role == "complainant":
        return bool(command.actor == case.complainant)
    if role == "reopens":
        return command.actor in (actors.INSPECTION, case.complainant)
    if role == "sees":
        return command.actor in case.viewers()
    kind, name = actors.split(command.actor)
    return kind == "person" and name in case.commission


def _addressed_official(state: FederationState, command: Any) -> bool:
    record = state.inspection.addressed.get(command.complaint)
    return record is not None and command.actor == actors.person(record.official)


_ANYONE = "any registered principal"
_INSPECTS = "the inspection"
_COMMISSION = "a member of the case's commission"
#: The inspection's commands (P16, P17). Orders about a case are open to anyone here so
#: that their rule refuses them with its own reason, recorded and tested.
INSPECTION_WHO: dict[type[Command], Entry] = {
    FileComplaint: ("P17", _ANYONE, lambda s, c: True),
    AddressComplaint: ("P17", _ANYONE, lambda s, c: True),
    DeclareTie: ("P17", "the person declaring it", lambda s, c: c.actor == actors.person(c.person)),
    DrawCommission: ("P16", _INSPECTS, lambda s, c: c.actor == actors.INSPECTION),
    ConsentToAction: ("P17", _INSPECTS, lambda s, c: c.actor == actors.INSPECTION),
    NameDefender: ("P17", "the complainant", lambda s, c: _case_role(s, c, "complainant")),
    AddEvidence: (
        "P17",
        "a party, the defender, the commission or the inspection",
        lambda s, c: _case_role(s, c, "sees"),
    ),
    ProposeFindings: ("P17", _COMMISSION, lambda s, c: _case_role(s, c, "commission")),
    SignFindings: ("P17", _COMMISSION, lambda s, c: _case_role(s, c, "commission")),
    ReopenCase: (
        "P17",
        "the inspection or the complainant",
        lambda s, c: _case_role(s, c, "reopens"),
    ),
    AnswerComplaint: ("P17", "the official addressed", _addressed_official),
    **{
        order: ("P16", _ANYONE, lambda s, c: True)
        for order in (DirectCase, PauseCase, CloseCase, RestaffCommission)
    },
    TransferPerson: (
        "P17",
        "the organ's presiding officer",
        lambda s, c: c.actor == actors.organ(c.organ),
    ),
    SanctionPerson: (
        "P17",
        "the organ's presiding officer",
        lambda s, c: c.actor == actors.organ(c.organ),
    ),
}
