"""One entry point for the rules: `decide` a command, and the events that fall due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from isonomia.domain.commands import (
    AdmitMember,
    AdoptCharter,
    AppointDelegate,
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    CastVote,
    Command,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    DraftMotion,
    FileAppeal,
    FoundUnion,
    GiveInstructions,
    ObstructSecession,
    ProposeAmendment,
    ProposeDepartment,
    PublishAct,
    RecallDelegate,
    ReportCompliance,
    RequestInstructions,
    SetCompetence,
    Settle,
    TableMotion,
    WithdrawSecession,
)
from isonomia.domain.events import Event, SecessionTookEffect
from isonomia.domain.refusal import Refusal
from isonomia.domain.state import UnionState
from isonomia.rules import appeals, departments, directives, membership, motions, organs

_HANDLERS: dict[type[Command], Callable[[UnionState, Any], list[Event] | Refusal]] = {
    AdoptCharter: membership.adopt_charter,
    FoundUnion: membership.found_union,
    DecideAccession: membership.decide_accession,
    AdmitMember: membership.admit_member,
    DecideSecession: membership.decide_secession,
    WithdrawSecession: membership.withdraw_secession,
    ObstructSecession: membership.obstruct_secession,
    Settle: lambda state, command: [],
    AppointDelegate: organs.appoint_delegate,
    RecallDelegate: organs.recall_delegate,
    ConveneSession: organs.convene_session,
    DraftMotion: motions.draft_motion,
    TableMotion: motions.table_motion,
    ProposeAmendment: motions.propose_amendment,
    CastVote: motions.cast_vote,
    CountVotes: motions.count_votes,
    PublishAct: motions.publish_act,
    BindResolution: motions.bind_resolution,
    SetCompetence: motions.set_competence,
    FileAppeal: appeals.file_appeal,
    RequestInstructions: directives.request_instructions,
    GiveInstructions: directives.give_instructions,
    ReportCompliance: directives.report_compliance,
    ProposeDepartment: departments.propose_department,
    ConsentToDepartment: departments.consent_to_department,
    AppointRepresentative: departments.appoint_representative,
    AssignStaff: departments.assign_staff,
}


def decide(state: UnionState, command: Command) -> list[Event] | Refusal:
    """The events a command produces in this state, or the refusal that says why not."""
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise TypeError(f"no rule for {type(command).__name__}")
    return handler(state, command)


def due_events(state: UnionState, day: date) -> list[Event]:
    """Events that take effect by themselves by `day`: secessions at the end of notice (P3)."""
    due = [
        m
        for m in state.members.values()
        if m.leaves_on is not None and m.leaves_on <= day and not m.departure_recorded
    ]
    due.sort(key=lambda m: (m.leaves_on, m.id))
    return [SecessionTookEffect(member=m.id, effective_on=m.leaves_on) for m in due if m.leaves_on]
