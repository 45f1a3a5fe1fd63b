"""Motions and acts (P4, P8–P11): drafted, tabled, amended, voted, adopted, published.

Votes are cast per member delegation and counted in `rules/votes.py`, through
`rules.counting.count`, the `CountingRule` seam: no module counts a vote itself. A binding
union act in a field reserved to the members is refused (P11); a conference never binds (P9); the
register of competences changes only by a charter amendment (P10).
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import RESERVED_BY_DEFAULT, Charter, FieldKind, Organ, OrganKind
from isonomia.domain import (
    Act,
    ActKind,
    ActPublished,
    AmendmentProposed,
    DraftMotion,
    FederationState,
    Force,
    MotionDrafted,
    MotionTabled,
    ProposeAmendment,
    PublishAct,
    Stage,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.addressees import addressees
from isonomia.rules.amendments import draft_problem
from isonomia.rules.appointments import appointment_motion_problem
from isonomia.rules.competences import field_problem
from isonomia.rules.organs import VOTING_ORGANS, founded, organ_of
from isonomia.rules.presiding import delegate_signs, presided
from isonomia.rules.procedure import tabling_problem
from isonomia.rules.registry import Decision, decides
from isonomia.rules.rulings import ruling_problem
from isonomia.rules.who import Who, mover, organ_of_act, procedural


def has_standing(state: FederationState, actor: str, organ: Organ, on: date) -> bool:
    """Whether `actor` may move a motion in `organ` on a day: the secretariat, the organ's
    officer, a member's council, or a person sitting in the organ (P4)."""
    kind, name = actors.split(actor)
    if actor == actors.SECRETARIAT or actor == actors.organ(organ.id):
        return True
    if kind == "council":
        return state.is_member(name, on)
    return kind == "person" and any(
        d.organ == organ.id and d.sits(on) for d in state.delegations_of(name)
    )


def may_table(state: FederationState, actor: str, organ: str | None, on: date) -> bool:
    """Whether `actor` may put a motion on `organ`'s agenda on a day (P4): by procedure (the
    secretariat, the organ's presiding officer, the presidium), a member's council when the
    member has a delegate sitting in the organ that day, or such a delegate in its own name
    where the charter's `[motions] delegates_table` allows."""
    charter = state.charter
    officers = [o.id for o in charter.organs if o.kind is OrganKind.PRESIDIUM] if charter else []
    if actor in {actors.SECRETARIAT, *map(actors.organ, [*officers, *([organ] if organ else [])])}:
        return True
    if charter is None or organ is None:
        return False
    kind, name = actors.split(actor)
    if kind == "council":
        return state.is_member(name, on) and state.seated(name, organ, on)
    return (
        kind == "person"
        and charter.motions.delegates_table
        and any(d.organ == organ and d.sits(on) for d in state.delegations_of(name))
    )


@decides(
    DraftMotion,
    who=Who(
        "P4",
        "the secretariat, the organ's presiding officer, a member's council or a delegate",
        lambda s, c: mover(s, c, c.organ),
    ),
)
def draft_motion(state: FederationState, command: DraftMotion) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    organ = organ_of(charter, command.organ)
    if isinstance(organ, Refusal):
        return organ
    if organ.kind not in VOTING_ORGANS:
        return Refusal.of(
            "P4",
            N_("{organ} is a {kind}; it votes on no motions"),
            organ=organ.id,
            kind=organ.kind.value,
        )
    if not has_standing(state, command.actor, organ, command.day):
        return Refusal.of(
            "P4",
            N_("{actor} has no standing to move a motion in {organ}"),
            actor=command.actor,
            organ=organ.id,
        )
    if command.motion in state.acts:
        return Refusal.of("P4", N_("there is already a motion {motion}"), motion=command.motion)
    kind_problem = _kind_problem(state, organ, command)
    if kind_problem is not None:
        return kind_problem
    if command.kind is ActKind.CHARTER_AMENDMENT:
        problem = _amendment_problem(state, charter, organ, command)
    elif command.ruling is not None:
        problem = ruling_problem(state, organ, command) or field_problem(
            state, command.field, command.force, command.day
        )
    else:
        problem = field_problem(state, command.field, command.force, command.day)
    if problem is None and command.appointment is not None:
        problem = appointment_motion_problem(charter, organ.id, command.appointment)
    if problem:
        return problem
    return [
        MotionDrafted(
            motion=command.motion,
            organ=organ.id,
            organ_kind=organ.kind.value,
            title=command.title,
            text=command.text,
            field=command.field,
            kind=command.kind.value,
            force=command.force.value,
            addressees=list(command.addressees),
            ruling=command.ruling.model_dump() if command.ruling else None,
            competence_changes={k: v.value for k, v in sorted(command.competence_changes.items())},
            drafted_by=command.actor,
            drafted_on=command.day,
            charter_changes=dict(command.charter_changes),
            effective_on=command.effective_on,
            appointment=command.appointment.model_dump() if command.appointment else None,
        )
    ]


def _kind_problem(state: FederationState, organ: Organ, command: DraftMotion) -> Refusal | None:
    """Why a motion of this kind, with these addressees and changes, cannot be moved in `organ`."""
    if organ.kind is OrganKind.CONFERENCE and (
        command.kind is not ActKind.RESOLUTION or command.force.binding
    ):
        return Refusal.of(
            "P9",
            N_(
                "{organ} is a conference of a purely consultative nature: it adopts advisory "
                "resolutions only, never binding acts"
            ),
            organ=organ.id,
        )
    if command.addressees and command.kind is not ActKind.DIRECTIVE:
        return Refusal.of("P8", N_("only a directive has addressees"))
    for member in command.addressees:
        if not state.is_member(member, command.day):
            return Refusal.of(
                "P3", N_("{member} is not a member: union acts do not apply to it"), member=member
            )
    if command.competence_changes and command.kind is not ActKind.CHARTER_AMENDMENT:
        return Refusal.of("P10", N_("fields of competence change only by a charter amendment"))
    if (command.charter_changes or command.effective_on) and (
        command.kind is not ActKind.CHARTER_AMENDMENT
    ):
        return Refusal.of("P10", N_("the charter's settings change only by a charter amendment"))
    return None


def _amendment_problem(
    state: FederationState, charter: Charter, organ: Organ, command: DraftMotion
) -> Refusal | None:
    if organ.kind is not OrganKind.UNION_COUNCIL:
        return Refusal.of("P10", N_("the charter is amended only in the union council"))
    if not command.competence_changes and not command.charter_changes:
        return Refusal.of(
            "P10",
            N_(
                "a charter amendment names the fields whose kind it changes or the charter's "
                "settings it changes"
            ),
        )
    problem = draft_problem(state, command.charter_changes, command.effective_on, command.day)
    if problem is not None:
        return problem
    if command.competence_changes and command.effective_on is not None:
        # The register of competences changes on adoption (acts lapse, departments dissolve
        # that day): a later day is for the settings, drafted as an amendment of their own.
        return Refusal.of(
            "P10",
            N_(
                "an amendment of the fields of competence takes effect on its adoption; "
                "draft the settings that take effect on {day} as an amendment of their own"
            ),
            day=command.effective_on,
        )
    for name, kind in command.competence_changes.items():
        if name in RESERVED_BY_DEFAULT and kind is FieldKind.JOINT:
            return Refusal.of(
                "P11",
                N_(
                    "{name} belongs to the members (P11): the union may at most advise there, so "
                    "it cannot be made a joint field"
                ),
                name=name,
            )
    if command.force is not Force.MANDATORY:
        return Refusal.of("P10", N_("a charter amendment is mandatory once adopted"))
    return None


def motion_of(state: FederationState, motion_id: str) -> Act | Refusal:
    act = state.acts.get(motion_id)
    if act is None:
        return Refusal.of("P4", N_("there is no motion {motion_id}"), motion_id=motion_id)
    return act


@decides(
    TableMotion,
    who=presided(
        "table",
        N_(
            "the secretariat, the organ's presiding officer, or a member's council (a delegate, "
            "where the charter allows) sitting in the organ"
        ),
        lambda s, c: organ_of_act(s, c.motion),
        lambda s, c: may_table(s, c.actor, organ_of_act(s, c.motion), c.day),
    ),
)
def table_motion(state: FederationState, command: TableMotion) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    if act.stage is not Stage.DRAFTED:
        return Refusal.of(
            "P4", N_("motion {act} is already {stage}"), act=act.id, stage=act.stage.value
        )
    session = state.sessions.get(command.session)
    if session is None:
        return Refusal.of("P4", N_("there is no session {session}"), session=command.session)
    if session.organ != act.organ:
        return Refusal.of(
            "P4",
            N_("session {session} is of {organ}, not of {organ2}"),
            session=session.id,
            organ=session.organ,
            organ2=act.organ,
        )
    if session.held_on < command.day:
        return Refusal.of(
            "P4",
            N_("session {session} was held on {held_on}"),
            session=session.id,
            held_on=session.held_on,
        )
    closes = command.voting_closes_on
    if closes is not None and closes < session.held_on:
        return Refusal.of(
            "P4",
            N_("the vote on {act} cannot close on {closes}, before its session on {held_on}"),
            act=act.id,
            closes=closes,
            held_on=session.held_on,
        )
    problem = tabling_problem(state, act, closes or session.held_on)
    if problem:
        return problem
    return [MotionTabled(motion=act.id, session=session.id, voting_closes_on=closes)]


@decides(
    ProposeAmendment,
    who=Who(
        "P4",
        "the secretariat, the organ's presiding officer, a member's council or a delegate",
        lambda s, c: mover(s, c, organ_of_act(s, c.motion)),
    ),
)
def propose_amendment(state: FederationState, command: ProposeAmendment) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    if act.stage is not Stage.TABLED:
        return Refusal.of(
            "P4",
            N_("motion {act} is {stage}; only a tabled one is amended"),
            act=act.id,
            stage=act.stage.value,
        )
    if act.votes.get(""):
        return Refusal.of(
            "P4", N_("voting on motion {act} has begun; amendments come before it"), act=act.id
        )
    if act.admission is not None:
        return Refusal.of(
            "P2",
            N_(
                "{act} admits {candidate} on the terms its own congress chose; an admission "
                "motion is adopted or rejected, not amended"
            ),
            act=act.id,
            candidate=act.admission,
        )
    if command.amendment in act.amendments:
        return Refusal.of(
            "P4",
            N_("motion {act} already has an amendment {amendment}"),
            act=act.id,
            amendment=command.amendment,
        )
    charter = state.charter
    assert charter is not None
    organ = charter.organ(act.organ)
    assert organ is not None
    if not has_standing(state, command.actor, organ, command.day):
        return Refusal.of(
            "P4",
            N_("{actor} has no standing to amend in {organ}"),
            actor=command.actor,
            organ=organ.id,
        )
    return [
        AmendmentProposed(
            motion=act.id, amendment=command.amendment, text=command.text, proposed_by=command.actor
        )
    ]


@decides(
    PublishAct,
    who=presided(
        "publish",
        "the secretariat or the organ's presiding officer",
        lambda s, c: organ_of_act(s, c.act),
        lambda s, c: c.actor in procedural(s, organ_of_act(s, c.act)),
    ),
)
def publish_act(state: FederationState, command: PublishAct) -> Decision:
    act = motion_of(state, command.act)
    if isinstance(act, Refusal):
        return act
    if act.stage is not Stage.ADOPTED:
        return Refusal.of(
            "P4",
            N_("{act} is {stage}; only an adopted act is published"),
            act=act.id,
            stage=act.stage.value,
        )
    publishers = (actors.SECRETARIAT, actors.organ(act.organ))
    if command.actor not in publishers and not delegate_signs(state, act.organ, "publish"):
        return Refusal.of(
            "P4",
            N_("{act} is published by {organ} or the secretariat"),
            act=act.id,
            organ=act.organ,
        )
    in_force_on = command.in_force_on or command.day
    if in_force_on < command.day:
        return Refusal.of("P4", N_("an act cannot come into force before it is published"))
    if act.lapsed_on is not None:
        return Refusal.of(
            "P10",
            N_("{act} lapsed on {lapsed_on}: {field} is the members'"),
            act=act.id,
            lapsed_on=act.lapsed_on,
            field=act.field,
        )
    sent_to = addressees(state, act, command.day)
    if isinstance(sent_to, Refusal):
        return sent_to
    return [
        ActPublished(
            act=act.id,
            published_on=command.day,
            in_force_on=in_force_on,
            addressees=sent_to,
        )
    ]
