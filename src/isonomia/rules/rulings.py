"""Rulings of the union council: on an appeal (P6) and on an urgent action (P8).

A ruling is a decision motion of the union council naming what it rules on; this module
says when such a motion may be drafted and what its adoption does at once.
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import Organ, OrganKind
from isonomia.domain import (
    Act,
    ActKind,
    AppealRuled,
    DraftMotion,
    Event,
    FederationState,
    UrgentActionReviewed,
)
from isonomia.domain.refusal import N_, Refusal


def ruling_problem(state: FederationState, organ: Organ, command: DraftMotion) -> Refusal | None:
    ruling = command.ruling
    assert ruling is not None
    if organ.kind is not OrganKind.UNION_COUNCIL:
        return Refusal.of("P6", N_("appeals and urgent actions are ruled on by the union council"))
    if command.kind is not ActKind.DECISION:
        return Refusal.of("P6", N_("a ruling is a decision of the union council"))
    if ruling.on == "appeal":
        appeal = state.appeals.get(ruling.ref)
        if appeal is None:
            return Refusal.of("P6", N_("there is no appeal {ref}"), ref=ruling.ref)
        if appeal.ruling is not None:
            return Refusal.of(
                "P6",
                N_("appeal {appeal} was already ruled on: {ruling}"),
                appeal=appeal.id,
                ruling=appeal.ruling,
            )
        if ruling.outcome not in ("uphold", "amend", "annul"):
            return Refusal.of(
                "P6", N_("the council upholds, amends or annuls the appealed decision")
            )
        return None
    record = state.compliance.get(ruling.urgent_action().key)
    if record is None or record.basis != "urgency":
        return Refusal.of("P8", N_("no urgent action {ref} awaits review"), ref=ruling.ref)
    if record.review is not None:
        return Refusal.of("P8", N_("the urgent action {ref} was already reviewed"), ref=ruling.ref)
    if ruling.outcome not in ("uphold", "censure"):
        return Refusal.of("P8", N_("an urgent action is upheld or censured"))
    return None


def ruling_effects(state: FederationState, act: Act, day: date) -> list[Event] | None:
    """What an adopted ruling does at once: an appeal ruled (P6), an urgent action reviewed
    (P8); None when the act is no ruling."""
    ruling = act.ruling
    if ruling is not None and ruling.on == "appeal":
        appeal = state.appeals[ruling.ref]
        appealed = state.acts[appeal.act]
        text = act.text if ruling.outcome == "amend" else appealed.text
        return [
            AppealRuled(
                appeal=appeal.id,
                act=appealed.id,
                member=appeal.member,
                ruling=ruling.outcome,
                ruled_on=day,
                motion=act.id,
                text=text,
            )
        ]
    if ruling is not None:
        urgent = ruling.urgent_action()
        outcome = "upheld" if ruling.outcome == "uphold" else "censured"
        return [
            UrgentActionReviewed(
                directive=urgent.directive,
                member=urgent.member,
                outcome=outcome,
                reviewed_on=day,
                motion=act.id,
            )
        ]
    return None
