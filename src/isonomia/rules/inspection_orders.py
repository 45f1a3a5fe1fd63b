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
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.inspection_guard import retaliation_refusal
from isonomia.rules.inspection_who import ANYONE, INSPECTS
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

__all__ = ["refuse_order"]

#: Each order, with what the inspection or the commission is told (P17), and an official (P16).
_ORDERS: dict[type[Command], tuple[str, str]] = {
    DirectCase: (
        N_(
            "case {case} ends only with findings signed by a majority of its commission; "
            "no one can direct it"
        ),
        N_("the inspection is beyond the officials' reach: {actor} cannot direct case {case}"),
    ),
    PauseCase: (
        N_(
            "case {case} ends only with findings signed by a majority of its commission; "
            "no one can pause it"
        ),
        N_("the inspection is beyond the officials' reach: {actor} cannot pause case {case}"),
    ),
    CloseCase: (
        N_(
            "case {case} ends only with findings signed by a majority of its commission; "
            "no one can close it"
        ),
        N_("the inspection is beyond the officials' reach: {actor} cannot close case {case}"),
    ),
    RestaffCommission: (
        N_(
            "case {case} ends only with findings signed by a majority of its commission; "
            "no one can re-staff it"
        ),
        N_("the inspection is beyond the officials' reach: {actor} cannot re-staff case {case}"),
    ),
}


def refuse_order(state: FederationState, command: Any) -> Decision:
    """No official or organ directs, pauses, closes or re-staffs a case (P16); the inspection
    and the commission do not either: a case ends only with signed findings (P17)."""
    inside, outside = _ORDERS[type(command)]
    case = state.inspection.cases.get(command.case)
    if command.actor == actors.INSPECTION or (
        case is not None and actors.split(command.actor)[1] in case.commission
    ):
        return Refusal.of("P17", inside, case=command.case)
    return Refusal.of("P16", outside, actor=command.actor, case=command.case)


for _order in _ORDERS:
    decides(_order, who=Who("P16", ANYONE, lambda s, c: True))(refuse_order)


def _act_on_person(
    state: FederationState, command: TransferPerson | SanctionPerson
) -> Refusal | None:
    if command.actor != actors.organ(command.organ):
        return Refusal.of(
            "P4", N_("{organ}'s acts are signed by its presiding officer"), organ=command.organ
        )
    if state.charter is None or state.charter.organ(command.organ) is None:
        return Refusal.of("P4", N_("the charter has no organ '{organ_id}'"), organ_id=command.organ)
    return retaliation_refusal(state, command.organ, command.person, command.day)


@decides(
    TransferPerson,
    who=Who("P17", "the organ's presiding officer", lambda s, c: c.actor == actors.organ(c.organ)),
)
def transfer_person(state: FederationState, command: TransferPerson) -> Decision:
    refusal = _act_on_person(state, command)
    if refusal is not None:
        return refusal
    return [
        PersonTransferred(
            organ=command.organ, person=command.person, to=command.to, transferred_on=command.day
        )
    ]


@decides(
    SanctionPerson,
    who=Who("P17", "the organ's presiding officer", lambda s, c: c.actor == actors.organ(c.organ)),
)
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


@decides(ConsentToAction, who=Who("P17", INSPECTS, lambda s, c: c.actor == actors.INSPECTION))
def consent_to_action(state: FederationState, command: ConsentToAction) -> Decision:
    if command.actor != actors.INSPECTION:
        return Refusal.of("P17", N_("only the inspection consents to an act on a protected person"))
    case = state.inspection.cases.get(command.case)
    if case is None:
        return Refusal.of("P17", N_("there is no case {case}"), case=command.case)
    if command.person not in case.protected():
        return Refusal.of(
            "P17",
            N_("{person} is not protected in case {case}"),
            person=command.person,
            case=case.id,
        )
    return [
        ActionConsented(
            case=case.id, organ=command.organ, person=command.person, consented_on=command.day
        )
    ]
