"""Votes on motions (P4, P12): cast per member delegation at the session that has the motion
on its agenda, and counted by `rules.counting.count`, the `CountingRule` seam, with a quorum.
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import OrganKind
from isonomia.domain import (
    Act,
    ActKind,
    AmendmentAdopted,
    AmendmentRejected,
    CastVote,
    CountVotes,
    Event,
    FederationState,
    MemberRecord,
    MotionAdopted,
    MotionRejected,
    Stage,
    VoteCast,
    actors,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.competences import amendment_effects, field_problem
from isonomia.rules.counting import count, unsound_rule
from isonomia.rules.motions import motion_of
from isonomia.rules.registry import Decision, decides
from isonomia.rules.rulings import ruling_effects


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
