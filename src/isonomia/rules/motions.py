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
from isonomia.domain.refusal import Refusal
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
        return Refusal("P4", f"{organ.id} is a {organ.kind.value}; it votes on no motions")
    if not _standing(state, command.actor, organ, command.day):
        return Refusal("P4", f"{command.actor} has no standing to move a motion in {organ.id}")
    if command.motion in state.acts:
        return Refusal("P4", f"there is already a motion {command.motion}")
    if organ.kind is OrganKind.CONFERENCE and (
        command.kind is not ActKind.RESOLUTION or command.force.binding
    ):
        return Refusal(
            "P9",
            f"{organ.id} is a conference of a purely consultative nature: it adopts advisory "
            "resolutions only, never binding acts",
        )
    if command.addressees and command.kind is not ActKind.DIRECTIVE:
        return Refusal("P8", "only a directive has addressees")
    for member in command.addressees:
        if not state.is_member(member, command.day):
            return Refusal("P3", f"{member} is not a member: union acts do not apply to it")
    if command.competence_changes and command.kind is not ActKind.CHARTER_AMENDMENT:
        return Refusal("P10", "fields of competence change only by a charter amendment")
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
        return Refusal("P10", "the charter is amended only in the union council")
    if not command.competence_changes:
        return Refusal("P10", "a charter amendment here names the fields whose kind it changes")
    for name, kind in command.competence_changes.items():
        if name in RESERVED_BY_DEFAULT and kind is FieldKind.JOINT:
            return Refusal(
                "P11",
                f"{name} belongs to the members (P11): the union may at most advise there, "
                "so it cannot be made a joint field",
            )
    if command.force is not Force.MANDATORY:
        return Refusal("P10", "a charter amendment is mandatory once adopted")
    return None


def motion_of(state: FederationState, motion_id: str) -> Act | Refusal:
    act = state.acts.get(motion_id)
    if act is None:
        return Refusal("P4", f"there is no motion {motion_id}")
    return act


@decides(TableMotion)
def table_motion(state: FederationState, command: TableMotion) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    if act.stage is not Stage.DRAFTED:
        return Refusal("P4", f"motion {act.id} is already {act.stage.value}")
    session = state.sessions.get(command.session)
    if session is None:
        return Refusal("P4", f"there is no session {command.session}")
    if session.organ != act.organ:
        return Refusal("P4", f"session {session.id} is of {session.organ}, not of {act.organ}")
    if session.held_on < command.day:
        return Refusal("P4", f"session {session.id} was held on {session.held_on}")
    return [MotionTabled(motion=act.id, session=session.id)]


@decides(ProposeAmendment)
def propose_amendment(state: FederationState, command: ProposeAmendment) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    if act.stage is not Stage.TABLED:
        return Refusal("P4", f"motion {act.id} is {act.stage.value}; only a tabled one is amended")
    if act.votes.get(""):
        return Refusal("P4", f"voting on motion {act.id} has begun; amendments come before it")
    if command.amendment in act.amendments:
        return Refusal("P4", f"motion {act.id} already has an amendment {command.amendment}")
    charter = state.charter
    assert charter is not None
    organ = charter.organ(act.organ)
    assert organ is not None
    if not _standing(state, command.actor, organ, command.day):
        return Refusal("P4", f"{command.actor} has no standing to amend in {organ.id}")
    return [
        AmendmentProposed(
            motion=act.id, amendment=command.amendment, text=command.text, proposed_by=command.actor
        )
    ]


def _at_session(state: FederationState, act: Act, day: date) -> Refusal | None:
    if act.stage is not Stage.TABLED or act.session is None:
        return Refusal("P4", f"motion {act.id} is {act.stage.value}, not before a session")
    session = state.sessions[act.session]
    if session.held_on != day:
        return Refusal(
            "P4", f"motion {act.id} is voted at session {session.id} on {session.held_on}"
        )
    return None


def _item(act: Act, amendment: str | None) -> str | Refusal:
    if amendment is None:
        pending = sorted(x.id for x in act.amendments.values() if x.status == "proposed")
        if pending:
            return Refusal(
                "P4", f"amendments are voted before the motion; pending: {', '.join(pending)}"
            )
        return ""
    record = act.amendments.get(amendment)
    if record is None:
        return Refusal("P4", f"motion {act.id} has no amendment {amendment}")
    if record.status != "proposed":
        return Refusal("P4", f"amendment {amendment} is already {record.status}")
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
        return Refusal(
            "P4",
            f"votes in {act.organ} are cast per member delegation; {command.actor} does not "
            f"sit for {command.member} in {act.organ} on {command.day}",
        )
    if not state.is_member(command.member, command.day):
        return Refusal("P3", f"{command.member} is no longer a member; it does not vote")
    if command.member in act.votes.get(item, {}):
        return Refusal("P4", f"{command.member}'s delegation has already voted on this")
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
        return Refusal("P4", f"the votes of {organ.id} are counted by its chair or secretariat")
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
        return Refusal(
            "P4",
            f"no quorum: {len(votes)} of {len(members)} member delegations voted, "
            f"{quorum:.0%} needed",
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
        return Refusal("P4", f"{act.id} is {act.stage.value}; only an adopted act is published")
    if command.actor not in {actors.SECRETARIAT, actors.organ(act.organ)}:
        return Refusal("P4", f"{act.id} is published by {act.organ} or the secretariat")
    in_force_on = command.in_force_on or command.day
    if in_force_on < command.day:
        return Refusal("P4", "an act cannot come into force before it is published")
    if act.lapsed_on is not None:
        return Refusal("P10", f"{act.id} lapsed on {act.lapsed_on}: {act.field} is the members'")
    addressees: list[str] = []
    if act.kind is ActKind.DIRECTIVE:
        addressees = list(act.addressees) or [m.id for m in state.members_on(command.day)]
        for member in addressees:
            record = state.members.get(member)
            if record is None or not record.is_member(command.day):
                return Refusal("P3", f"{member} is not a member: union acts do not apply to it")
            accepted = record.accepted_fields
            if act.binds() and accepted is not None and act.field not in accepted:
                return Refusal(
                    "P2",
                    f"{member} joined without accepting {act.field}; a binding directive "
                    "there cannot be addressed to it",
                )
    return [
        ActPublished(
            act=act.id,
            published_on=command.day,
            in_force_on=in_force_on,
            addressees=addressees,
        )
    ]
