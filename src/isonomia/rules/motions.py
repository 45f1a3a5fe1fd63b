"""Motions and acts (P4, P8–P11): drafted, tabled, amended, voted, adopted, published.

Votes are cast per member delegation and counted by `rules.counting.count`, the
`CountingRule` seam: this module never counts a vote itself. A binding union act in a
field reserved to the members is refused (P11); a conference never binds (P9); the
register of competences changes only by a charter amendment (P10).
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import RESERVED_BY_DEFAULT, Charter, FieldKind, Organ, OrganKind
from isonomia.domain import (
    Act,
    ActKind,
    ActPublished,
    AmendmentAdopted,
    AmendmentProposed,
    AmendmentRejected,
    CastVote,
    CountVotes,
    DraftMotion,
    Event,
    FederationState,
    Force,
    MemberRecord,
    MotionAdopted,
    MotionDrafted,
    MotionRejected,
    MotionTabled,
    ProposeAmendment,
    PublishAct,
    Stage,
    TableMotion,
    VoteCast,
    actors,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.competences import amendment_effects, field_problem
from isonomia.rules.counting import count, unsound_rule
from isonomia.rules.organs import VOTING_ORGANS, founded, organ_of
from isonomia.rules.registry import Decision, decides
from isonomia.rules.rulings import ruling_effects, ruling_problem


def _standing(state: FederationState, actor: str, organ: Organ, on: date) -> bool:
    kind, name = actors.split(actor)
    if actor == actors.SECRETARIAT or actor == actors.organ(organ.id):
        return True
    if kind == "council":
        return state.is_member(name, on)
    return kind == "person" and any(
        d.organ == organ.id and d.sits(on) for d in state.delegations_of(name)
    )


@decides(DraftMotion)
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
    if not _standing(state, command.actor, organ, command.day):
        return Refusal.of(
            "P4",
            N_("{actor} has no standing to move a motion in {organ}"),
            actor=command.actor,
            organ=organ.id,
        )
    if command.motion in state.acts:
        return Refusal.of("P4", N_("there is already a motion {motion}"), motion=command.motion)
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
    if command.kind is ActKind.CHARTER_AMENDMENT:
        problem = _amendment_problem(state, charter, organ, command)
    elif command.ruling is not None:
        problem = ruling_problem(state, organ, command) or field_problem(
            state, command.field, command.force, command.day
        )
    else:
        problem = field_problem(state, command.field, command.force, command.day)
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
        )
    ]


def _amendment_problem(
    state: FederationState, charter: Charter, organ: Organ, command: DraftMotion
) -> Refusal | None:
    if organ.kind is not OrganKind.UNION_COUNCIL:
        return Refusal.of("P10", N_("the charter is amended only in the union council"))
    if not command.competence_changes:
        return Refusal.of(
            "P10", N_("a charter amendment here names the fields whose kind it changes")
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


@decides(TableMotion)
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
    return [MotionTabled(motion=act.id, session=session.id)]


@decides(ProposeAmendment)
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
    if not _standing(state, command.actor, organ, command.day):
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


def _at_session(state: FederationState, act: Act, day: date) -> Refusal | None:
    if act.stage is not Stage.TABLED or act.session is None:
        return Refusal.of(
            "P4",
            N_("motion {act} is {stage}, not before a session"),
            act=act.id,
            stage=act.stage.value,
        )
    session = state.sessions[act.session]
    if session.held_on != day:
        return Refusal.of(
            "P4",
            N_("motion {act} is voted at session {session} on {held_on}"),
            act=act.id,
            session=session.id,
            held_on=session.held_on,
        )
    return None


def _item(act: Act, amendment: str | None) -> str | Refusal:
    if amendment is None:
        pending = sorted(x.id for x in act.amendments.values() if x.status == "proposed")
        if pending:
            return Refusal.of(
                "P4",
                N_("amendments are voted before the motion; pending: {pending}"),
                pending=", ".join(pending),
            )
        return ""
    record = act.amendments.get(amendment)
    if record is None:
        return Refusal.of(
            "P4", N_("motion {act} has no amendment {amendment}"), act=act.id, amendment=amendment
        )
    if record.status != "proposed":
        return Refusal.of(
            "P4",
            N_("amendment {amendment} is already {status}"),
            amendment=amendment,
            status=record.status,
        )
    return amendment


@decides(CastVote)
def cast_vote(state: FederationState, command: CastVote) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    problem = _at_session(state, act, command.day)
    if problem:
        return problem
    item = _item(act, command.amendment)
    if isinstance(item, Refusal):
        return item
    kind, person = actors.split(command.actor)
    if kind != "person" or not state.sits_for(person, command.member, act.organ, command.day):
        return Refusal.of(
            "P4",
            N_(
                "votes in {organ} are cast per member delegation; {actor} does not sit for "
                "{member} in {organ} on {day}"
            ),
            organ=act.organ,
            actor=command.actor,
            member=command.member,
            day=command.day,
        )
    if not state.is_member(command.member, command.day):
        return Refusal.of(
            "P3", N_("{member} is no longer a member; it does not vote"), member=command.member
        )
    if command.member in act.votes.get(item, {}):
        return Refusal.of(
            "P4", N_("{member}'s delegation has already voted on this"), member=command.member
        )
    return [
        VoteCast(motion=act.id, item=item, member=command.member, person=person, vote=command.vote)
    ]


@decides(CountVotes)
def count_votes(state: FederationState, command: CountVotes) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    charter = state.charter
    assert charter is not None
    organ = charter.organ(act.organ)
    assert organ is not None
    presidium = {actors.organ(o.id) for o in charter.organs if o.kind is OrganKind.PRESIDIUM}
    if command.actor not in {actors.SECRETARIAT, actors.organ(organ.id), *presidium}:
        return Refusal.of(
            "P4", N_("the votes of {organ} are counted by its chair or secretariat"), organ=organ.id
        )
    problem = _at_session(state, act, command.day)
    if problem:
        return problem
    item = _item(act, command.amendment)
    if isinstance(item, Refusal):
        return item
    members = state.members_on(command.day)
    ballots = act.votes.get(item, {})
    votes = {m.id: ballots[m.id].vote for m in members if m.id in ballots}
    quorum = charter.union_council.quorum
    if len(votes) < quorum * len(members):
        return Refusal.of(
            "P4",
            N_("no quorum: {voted} of {members} member delegations voted, {quorum} needed"),
            voted=len(votes),
            members=len(members),
            quorum=f"{quorum:.0%}",
        )
    rule = (
        charter.amendment_rule()
        if act.kind is ActKind.CHARTER_AMENDMENT
        else charter.organ_rule(organ)
    )
    amending = act.kind is ActKind.CHARTER_AMENDMENT and _unanimous(members, votes)
    if (act.kind is ActKind.CHARTER_AMENDMENT or act.binds()) and not amending:
        unsound = unsound_rule(charter, rule, members)
        if unsound is not None:
            return unsound
    outcome = count(rule, members, votes)  # the CountingRule seam
    common = {
        "motion": act.id,
        "counted_on": command.day,
        "decision_rule": rule.id,
        "votes": dict(sorted(votes.items())),
        "reason": outcome.reason,
    }
    if item:
        cls = AmendmentAdopted if outcome.passed else AmendmentRejected
        return [cls(amendment=item, **common)]
    if not outcome.passed:
        return [MotionRejected(**common)]
    if act.kind is not ActKind.CHARTER_AMENDMENT:
        problem = field_problem(state, act.field, act.force, command.day)
        if problem:
            return problem
    return [MotionAdopted(**common), *_effects(state, act, command.day)]


def _unanimous(members: list[MemberRecord], votes: dict[str, str]) -> bool:
    """Every member said yes: no one decided alone, so an unsound rule can still be amended."""
    return bool(members) and all(votes.get(m.id) == "yes" for m in members)


def _effects(state: FederationState, act: Act, day: date) -> list[Event]:
    """What an adopted motion does at once: a ruling, a review, an amendment (P6, P8, P10)."""
    ruled = ruling_effects(state, act, day)
    return ruled if ruled is not None else amendment_effects(state, act, day)


@decides(PublishAct)
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
    if command.actor not in {actors.SECRETARIAT, actors.organ(act.organ)}:
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
    addressees: list[str] = []
    if act.kind is ActKind.DIRECTIVE:
        addressees = list(act.addressees) or [m.id for m in state.members_on(command.day)]
        for member in addressees:
            record = state.members.get(member)
            if record is None or not record.is_member(command.day):
                return Refusal.of(
                    "P3",
                    N_("{member} is not a member: union acts do not apply to it"),
                    member=member,
                )
            accepted = record.accepted_fields
            if act.binds() and accepted is not None and act.field not in accepted:
                return Refusal.of(
                    "P2",
                    N_(
                        "{member} joined without accepting {field}; a binding directive there "
                        "cannot be addressed to it"
                    ),
                    member=member,
                    field=act.field,
                )
    return [
        ActPublished(
            act=act.id,
            published_on=command.day,
            in_force_on=in_force_on,
            addressees=addressees,
        )
    ]
