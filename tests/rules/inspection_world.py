"""A 1922 union with an inspection of two persons per member, an official of the RSFSR in
the Sovnarkom who struck Georgia's delegate, and the helpers the inspection tests share."""

from __future__ import annotations

from datetime import date
from typing import Any

from builders import MEMBERS_1922, apply, command, founded_1922
from isonomia.domain import AppointDelegate, Command, FederationState, actors
from isonomia.domain.inspection import (
    DrawCommission,
    FileComplaint,
)

DAY = date(1923, 2, 1)
OFFICIAL = "ordzhonikidze"
VICTIM = "kabakhidze"
WITNESS = "mdivani"


def inspectors(member: str) -> list[str]:
    return [f"insp-{member}-1", f"insp-{member}-2"]


def appoint(state: FederationState, organ: str, member: str, person: str) -> FederationState:
    return apply(
        state,
        command(
            AppointDelegate,
            actors.council(member),
            DAY,
            organ=organ,
            member=member,
            person=person,
            term_from=DAY,
        ),
    )


def world() -> FederationState:
    """Founded, with the inspection staffed and the official and the delegates seated."""
    state = founded_1922()
    for member in MEMBERS_1922:
        for person in inspectors(member):
            state = appoint(state, "inspection", member, person)
    state = appoint(state, "sovnarkom", "rsfsr", OFFICIAL)
    state = appoint(state, "union-council", "georgia", VICTIM)
    return appoint(state, "union-council", "georgia", WITNESS)


def act(cls: type[Command], actor: str, day: date = DAY, **fields: Any) -> Any:
    return command(cls, actor, day, **fields)


def complaint(case: str = "case-1", **extra: Any) -> FileComplaint:
    fields: dict[str, Any] = {
        "case": case,
        "kind": "violence",
        "accused": [OFFICIAL],
        "witnesses": [WITNESS],
        "summary": "struck Georgia's delegate in a meeting",
    }
    fields.update(extra)
    return act(FileComplaint, actors.person(VICTIM), **fields)


def opened(state: FederationState | None = None, case: str = "case-1") -> FederationState:
    """The complaint filed and the commission drawn."""
    state = apply(state if state is not None else world(), complaint(case))
    return apply(state, act(DrawCommission, actors.INSPECTION, case=case))
