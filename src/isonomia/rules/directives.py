"""Graded directives (P8): advisory, mandatory, or conditionally mandatory.

For a conditional directive the addressee requests instructions first; it may act
without them only by declaring an especially urgent case with a justification, which the
next union council session reviews (upheld or censured, by a ruling motion).

Nothing binds a member that has left (P3): from its departure it neither asks, is
instructed, nor reports under a directive addressed to it before.
"""

from __future__ import annotations

from datetime import date

from isonomia.domain import (
    Compliance,
    DirectiveCarriedOut,
    FederationState,
    Force,
    GiveInstructions,
    InstructionsGiven,
    InstructionsRequested,
    ReportCompliance,
    RequestInstructions,
    actors,
)
from isonomia.domain.directives import closure_of
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, organ_of_act, own_council


def _binding(
    state: FederationState, directive: str, member: str, day: date
) -> Compliance | Refusal:
    """The member's record under a directive, while the directive still binds it (P3, P8)."""
    record = state.compliance.get((directive, member))
    if record is None:
        return Refusal.of(
            "P8",
            N_("no published directive {directive} is addressed to {member}"),
            directive=directive,
            member=member,
        )
    closed = closure_of(state, record, day)
    if closed is not None:
        return Refusal.of(
            "P3",
            N_("{directive} no longer binds {member} ({closed})"),
            directive=directive,
            member=member,
            closed=closed,
        )
    return record


def _record(
    state: FederationState, directive: str, member: str, actor: str, day: date
) -> Compliance | Refusal:
    record = _binding(state, directive, member, day)
    if isinstance(record, Refusal):
        return record
    if actor != actors.council(member):
        return Refusal.of(
            "P8",
            N_("{member}'s own council answers for {member}; not {actor}"),
            member=member,
            actor=actor,
        )
    return record


@decides(
    RequestInstructions,
    who=own_council("P8", "the addressee's own council"),
)
def request_instructions(state: FederationState, command: RequestInstructions) -> Decision:
    record = _record(state, command.directive, command.member, command.actor, command.day)
    if isinstance(record, Refusal):
        return record
    act = state.acts[command.directive]
    if act.force is not Force.CONDITIONAL:
        return Refusal.of(
            "P8",
            N_("{act} is {force}; only a conditional directive asks for instructions"),
            act=act.id,
            force=act.force.value,
        )
    if not state.in_force(act.id, command.day):
        return Refusal.of("P8", N_("{act} is not in force on {day}"), act=act.id, day=command.day)
    if record.carried_out_on is not None:
        return Refusal.of(
            "P8", N_("{member} has already carried out {act}"), member=command.member, act=act.id
        )
    if record.requested_on is not None and record.instructed_on is None:
        return Refusal.of(
            "P8",
            N_("{member}'s request for instructions is still unanswered"),
            member=command.member,
        )
    return [
        InstructionsRequested(
            directive=act.id,
            member=command.member,
            question=command.question,
            requested_on=command.day,
        )
    ]


@decides(
    GiveInstructions,
    who=Who(
        "P8",
        "the issuing organ's presiding officer",
        lambda s, c: c.actor == actors.organ(organ_of_act(s, c.directive) or ""),
    ),
)
def give_instructions(state: FederationState, command: GiveInstructions) -> Decision:
    record = _binding(state, command.directive, command.member, command.day)
    if isinstance(record, Refusal):
        return record
    act = state.acts[command.directive]
    if command.actor not in {actors.organ(act.organ), actors.SECRETARIAT}:
        return Refusal.of(
            "P8",
            N_("instructions under {act} come from {organ}, which issued it"),
            act=act.id,
            organ=act.organ,
        )
    if record.requested_on is None or record.instructed_on is not None:
        return Refusal.of(
            "P8", N_("{member} has no request for instructions pending"), member=command.member
        )
    return [
        InstructionsGiven(
            directive=act.id,
            member=command.member,
            instructions=command.instructions,
            given_on=command.day,
            organ=act.organ,
        )
    ]


@decides(
    ReportCompliance,
    who=own_council("P8", "the addressee's own council"),
)
def report_compliance(state: FederationState, command: ReportCompliance) -> Decision:
    record = _record(state, command.directive, command.member, command.actor, command.day)
    if isinstance(record, Refusal):
        return record
    act = state.acts[command.directive]
    if record.carried_out_on is not None:
        return Refusal.of(
            "P8",
            N_("{member} already reported {act} carried out"),
            member=command.member,
            act=act.id,
        )
    if not state.in_force(act.id, command.day):
        return Refusal.of("P8", N_("{act} is not in force on {day}"), act=act.id, day=command.day)
    basis = "directive"
    if command.urgent and act.force is not Force.CONDITIONAL:
        return Refusal.of(
            "P8", N_("an especially urgent case is declared only under a conditional directive")
        )
    if act.force is Force.CONDITIONAL:
        if command.urgent:
            if not command.justification.strip():
                return Refusal.of(
                    "P8",
                    N_("acting without instructions needs an especially urgent case, justified"),
                )
            basis = "urgency"
        elif record.instructed_on is not None:
            basis = "instructions"
        else:
            return Refusal.of(
                "P8",
                N_(
                    "{act} is conditionally mandatory: request instructions first; act without "
                    "them only by declaring an especially urgent case with a justification"
                ),
                act=act.id,
            )
    return [
        DirectiveCarriedOut(
            directive=act.id,
            member=command.member,
            carried_out_on=command.day,
            basis=basis,
            note=command.note,
            justification=command.justification if basis == "urgency" else "",
        )
    ]
