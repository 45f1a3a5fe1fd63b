"""The inspection's words for who may issue its commands (P16, P17), which its deciders
use beside them: the roles in a case, the official addressed. The orders about a case
(`DirectCase`, ...) are open to anyone here so that their rule refuses them with its own
reason, recorded and tested."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from isonomia.domain import FederationState, actors

__all__ = ["ANYONE", "COMMISSION", "INSPECTS", "addressed_official", "case_role"]

Entry = tuple[str, str, Callable[[FederationState, Any], bool]]


def case_role(state: FederationState, command: Any, role: str) -> bool:
    """Whether the actor holds `role` in the command's case (P17)."""
    case = state.inspection.cases.get(command.case)
    if case is None:
        return False
    if role == "complainant":
        return bool(command.actor == case.complainant)
    if role == "defends":
        kind, name = actors.split(command.actor)
        named = kind == "person" and case.conniver(name) is not None
        return bool(command.actor == case.complainant) or named
    if role == "reopens":
        return command.actor in (actors.INSPECTION, case.complainant)
    if role == "sees":
        return command.actor in case.viewers()
    kind, name = actors.split(command.actor)
    return kind == "person" and name in case.commission


def addressed_official(state: FederationState, command: Any) -> bool:
    record = state.inspection.addressed.get(command.complaint)
    return record is not None and command.actor == actors.person(record.official)


ANYONE = "any registered principal"
INSPECTS = "the inspection"
COMMISSION = "a member of the case's commission"
