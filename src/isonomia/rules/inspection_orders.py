"""Orders no one may give about a case (P16), and the acts of organs on persons that the
protection of complainants, witnesses and defenders guards (P17)."""

from __future__ import annotations

from typing import Any

from isonomia.domain import Command, FederationState, actors
from isonomia.domain.inspection import (
    ActionConsented,
    CloseCase,
    ConsentToAction,
    DirectCase,
    PauseCase,
    PersonSanctioned,
    PersonTransferred,
    RestaffCommission,
    SanctionPerson,
    TransferPerson,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection_guard import retaliation_refusal
from isonomia.rules.registry import Decision, decides

__all__ = ["refuse_order"]

_ORDERS: dict[type[Command], str] = {
    DirectCase: "direct",
    PauseCase: "pause",
    CloseCase: "close",
    RestaffCommission: "re-staff",
}


def refuse_order(state: FederationState, command: Any) -> Decision:
    """No official or organ directs, pauses, closes or re-staffs a case (P16); the inspection
    and the commission do not either: a case ends only with signed findings (P17)."""
    verb = _ORDERS[type(command)]
    case = state.inspection.cases.get(command.case)
    if command.actor == actors.INSPECTION or (
        case is not None and actors.split(command.actor)[1] in case.commission
    ):
        return Refusal(
            "P17",
            f"case {command.case} ends only with findings signed by a majority of its "
            f"commission; no one can {verb} it",
        )
    return Refusal(
        "P16",
        f"the inspection is beyond the officials' reach: {command.actor} cannot {verb} "
        f"case {command.case}",
    )


for _order in _ORDERS:
    decides(_order)(refuse_order)


def _act_on_person(
    state: FederationState, command: TransferPerson | SanctionPerson
) -> Refusal | None:
    if command.actor != actors.organ(command.organ):
        return Refusal("P4", f"{command.organ}'s acts are signed by its presiding officer")
    if state.charter is None or state.charter.organ(command.organ) is None:
        return Refusal("P4", f"the charter has no organ {command.organ!r}")
    return retaliation_refusal(state, command.organ, command.person, command.day)


@decides(TransferPerson)
def transfer_person(state: FederationState, command: TransferPerson) -> Decision:
    refusal = _act_on_person(state, command)
    if refusal is not None:
        return refusal
    return [
        PersonTransferred(
            organ=command.organ, person=command.person, to=command.to, transferred_on=command.day
        )
    ]


@decides(SanctionPerson)
def sanction_person(state: FederationState, command: SanctionPerson) -> Decision:
    refusal = _act_on_person(state, command)
    if refusal is not None:
        return refusal
    return [
        PersonSanctioned(
            organ=command.organ,
            person=command.person,
            sanction=command.sanction,
            sanctioned_on=command.day,
        )
    ]


@decides(ConsentToAction)
def consent_to_action(state: FederationState, command: ConsentToAction) -> Decision:
    if command.actor != actors.INSPECTION:
        return Refusal("P17", "only the inspection consents to an act on a protected person")
    case = state.inspection.cases.get(command.case)
    if case is None:
        return Refusal("P17", f"there is no case {command.case}")
    if command.person not in case.protected():
        return Refusal("P17", f"{command.person} is not protected in case {case.id}")
    return [
        ActionConsented(
            case=case.id, organ=command.organ, person=command.person, consented_on=command.day
        )
    ]
