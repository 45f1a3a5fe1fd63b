"""Votes on motions (P4, P12): cast per member delegation from the day of the session that
has the motion on its agenda to the last day its tabling announced (by default that day),
and counted by `rules.counting.count`, the `CountingRule` seam, with a quorum.

No count locks in an outcome while votes may still come: before the vote closes, it is
counted only once every delegation present in the organ has voted (abstaining is voting).
A member is present in an organ on a day when it is a member and a delegate sits for it
there that day; a member with no delegate sitting cannot vote, so it does not hold the
count back. Once the vote has closed, the votes cast are counted as they stand.
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import Charter, DecisionRule, Organ, OrganKind
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
from isonomia.rules.admissions import accession_rule, admission_effects, admission_problem
from isonomia.rules.amendments import admission_problem_p12, charter_effects
from isonomia.rules.budget_motion import budget_rule
from isonomia.rules.competences import amendment_effects, field_problem
from isonomia.rules.counting import Count, MemberVote, count, unsound_rule
from isonomia.rules.motions import motion_of
from isonomia.rules.presiding import delegate_signs, presided
from isonomia.rules.procedure import (
    national_concerned,
    national_protection,
    sent_back,
    sent_back_rule,
    vote_timing_problem,
    vote_window,
)
from isonomia.rules.registry import Decision, decides
from isonomia.rules.rulings import ruling_effects
from isonomia.rules.seat_votes import cast_in_delegation, counted_votes, has_voted
from isonomia.rules.who import Who, organ_of_act, procedural, sits
from isonomia.voting.decision_rules import Result, Split


def _voting_problem(state: FederationState, act: Act, day: date, counting: bool) -> Refusal | None:
    """Why `act` is not open to votes on `day` (or, `counting`, cannot be counted yet because
    its session has not met), or None. A motion is voted from its session's day to the last
    day its tabling announced, the session's own day when it announced none (P4)."""
    if act.stage is not Stage.TABLED or act.session is None:
        return Refusal.of(
            "P4",
            N_("motion {act} is {stage}, not before a session"),
            act=act.id,
            stage=act.stage.value,
        )
    session = state.sessions[act.session]
    if day < session.held_on:
        return Refusal.of(
            "P4",
            N_("motion {act} is voted at session {session} on {held_on}"),
            act=act.id,
            session=session.id,
            held_on=session.held_on,
        )
    problem = vote_timing_problem(state, act, day)
    if problem:
        return problem
    closes = _closes(state, act)
    if not counting and closes < day:
        return Refusal.of("P4", N_("voting on {act} closed on {closes}"), act=act.id, closes=closes)
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


@decides(
    CastVote,
    who=Who(
        "P4",
        "a delegate sitting for that member in that organ",
        lambda s, c: sits(s, c.actor, organ_of_act(s, c.motion), c.member),
        decider_explains=True,
    ),
)
def cast_vote(state: FederationState, command: CastVote) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    if (command.vote is None) == (command.split is None):
        return Refusal.of("P4", N_("a vote is cast whole or split: give one of them"))
    problem = _voting_problem(state, act, command.day, counting=False)
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
    charter = state.charter
    assert charter is not None
    organ = charter.organ(act.organ)
    assert organ is not None
    rule = sent_back_rule(state, act) or _rule(charter, organ, act)
    in_delegation = cast_in_delegation(state, act, item, command, person, rule)
    if in_delegation is not None:
        return in_delegation
    if command.member in act.votes.get(item, {}):
        return Refusal.of(
            "P4", N_("{member}'s delegation has already voted on this"), member=command.member
        )
    assert command.vote is not None
    return [
        VoteCast(
            motion=act.id,
            item=item,
            member=command.member,
            person=person,
            vote=command.vote,
            cast_on=command.day,
        )
    ]


@decides(
    CountVotes,
    who=presided(
        "count",
        "the secretariat or the organ's presiding officer",
        lambda s, c: organ_of_act(s, c.motion),
        lambda s, c: c.actor in procedural(s, organ_of_act(s, c.motion)),
    ),
)
def count_votes(state: FederationState, command: CountVotes) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    charter = state.charter
    assert charter is not None
    organ = charter.organ(act.organ)
    assert organ is not None
    presidium = {actors.organ(o.id) for o in charter.organs if o.kind is OrganKind.PRESIDIUM}
    if command.actor not in {
        actors.SECRETARIAT,
        actors.organ(organ.id),
        *presidium,
    } and not delegate_signs(state, organ.id, "count"):
        return Refusal.of(
            "P4", N_("the votes of {organ} are counted by its chair or secretariat"), organ=organ.id
        )
    problem = _voting_problem(state, act, command.day, counting=True)
    if problem:
        return problem
    item = _item(act, command.amendment)
    if isinstance(item, Refusal):
        return item
    problem = _still_open(state, act, item, command.day) or (
        admission_problem(state, act, command.day) if act.admission else None
    )
    if problem:
        return problem
    rule = sent_back_rule(state, act) or budget_rule(state, act) or _rule(charter, organ, act)
    # The members who could vote: those of the last day of voting the count has reached.
    members = state.members_on(min(command.day, _closes(state, act)))
    ballots = act.votes.get(item, {})
    counted = counted_votes(state, act, rule, members, ballots, command.day)
    if isinstance(counted, Refusal):
        return counted
    rule, cast_rule, votes = counted
    outcome = _outcome(state, act, rule, members, votes, command.day, cast_rule)
    if isinstance(outcome, Refusal):
        return outcome
    common = {
        "motion": act.id,
        "counted_on": command.day,
        "decision_rule": rule.id,
        "votes": {m: ballots[m].vote for m in sorted(votes)},
        "reason": outcome.reason,
    }
    if not item and outcome.outcome and outcome.outcome.result is Result.SUSPENDED:
        concerned = national_concerned(state, act, [m.id for m in members])
        objected = [m for m in concerned if _against(votes.get(m))]
        return [sent_back(state, act, rule, common, objected, command.day)]
    if item:
        cls = AmendmentAdopted if outcome.passed else AmendmentRejected
        return [cls(amendment=item, **common)]
    return _counted(state, act, command.day, outcome.passed, common)


def _counted(
    state: FederationState, act: Act, day: date, passed: bool, common: dict[str, object]
) -> Decision:
    """What the count of the motion records: its outcome and what it does (P2, P10, P12)."""
    counted = MotionAdopted(**common) if passed else MotionRejected(**common)
    if act.admission is not None:
        unsafe = admission_problem_p12(state, act.admission, day) if passed else None
        if unsafe is not None:
            return unsafe
        return [counted, *admission_effects(state, act, day, passed, common)]
    if not passed:
        return [counted]
    if act.kind is not ActKind.CHARTER_AMENDMENT:
        problem = field_problem(state, act.field, act.force, day)
        if problem:
            return problem
        return [counted, *_effects(state, act, day)]
    charter_changed = charter_effects(state, act, day)
    if isinstance(charter_changed, Refusal):
        return charter_changed
    return [counted, *charter_changed, *_effects(state, act, day)]


def _closes(state: FederationState, act: Act) -> date:
    """The last day of the vote on a tabled motion (P4), moved by a postponement (P12)."""
    assert act.session is not None
    held_on = state.sessions[act.session].held_on
    return vote_window(state, act, held_on, act.voting_closes_on or held_on)[1]


def _still_open(state: FederationState, act: Act, item: str, day: date) -> Refusal | None:
    """Why counting `item` on `day` would lock in an outcome while votes may still come: its
    vote is open and a delegation present in the organ has not voted (P4). Abstaining is
    voting; a member with no delegate sitting that day is not present."""
    closes = _closes(state, act)
    if closes < day:
        return None
    missing = [m for m in state.present(act.organ, day) if not has_voted(state, act, item, m, day)]
    if not missing:
        return None
    return Refusal.of(
        "P4",
        N_(
            "the vote on {item} is open until the end of {closes}, and delegations present "
            "in {organ} have not voted yet: {missing}; it is counted once every delegation "
            "present has voted or the vote has closed"
        ),
        item=item or act.id,
        closes=closes,
        missing=", ".join(missing),
        organ=act.organ,
    )


def _rule(charter: Charter, organ: Organ, act: Act) -> DecisionRule:
    """The rule the vote is counted by: the accession rule for an admission (P2), the
    amendment rule for a charter amendment (P10), the organ's otherwise."""
    if act.admission is not None:
        return accession_rule(charter)
    if act.kind is ActKind.CHARTER_AMENDMENT:
        return charter.amendment_rule()
    return charter.organ_rule(organ)


def _outcome(
    state: FederationState,
    act: Act,
    rule: DecisionRule,
    members: list[MemberRecord],
    votes: dict[str, MemberVote],
    day: date,
    cast_rule: DecisionRule | None = None,
) -> Count | Refusal:
    """The count by `rule` (by `cast_rule` where seats not cast are absent: its weights are
    the seats cast) through the `CountingRule` seam, with a quorum (P4, P12). Without
    a quorum the count waits while the vote is open, and the item fails once it has closed."""
    charter = state.charter
    assert charter is not None
    quorum = charter.union_council.quorum
    if len(votes) < quorum * len(members):
        if day <= _closes(state, act):
            return Refusal.of(
                "P4",
                N_("no quorum: {voted} of {members} member delegations voted, {quorum} needed"),
                voted=len(votes),
                members=len(members),
                quorum=f"{quorum:.0%}",
            )
        return Count(
            False,
            f"no quorum when the vote closed: {len(votes)} of {len(members)} member "
            f"delegations voted, {quorum:.0%} needed",
        )
    binding = act.kind is ActKind.CHARTER_AMENDMENT or act.binds() or act.admission is not None
    amending = act.kind is ActKind.CHARTER_AMENDMENT and _unanimous(members, votes)
    if binding and not amending:
        unsound = unsound_rule(charter, rule, members)
        if unsound is not None:
            return unsound
    protect = national_protection(state, act, [m.id for m in members])
    return count(cast_rule or rule, members, votes, protect)  # the CountingRule seam


def _unanimous(members: list[MemberRecord], votes: dict[str, MemberVote]) -> bool:
    """Every member said yes: no one decided alone, so an unsound rule can still be amended."""
    return bool(members) and all(_all_yes(votes.get(m.id)) for m in members)


def _all_yes(vote: MemberVote | None) -> bool:
    if isinstance(vote, Split):
        return vote.no == 0 and vote.abstain == 0 and vote.yes > 0
    return vote == "yes"


def _against(vote: MemberVote | None) -> bool:
    """A member objects when any of its weight is against (as the engine counts it)."""
    return vote.no > 0 if isinstance(vote, Split) else vote == "no"


def _effects(state: FederationState, act: Act, day: date) -> list[Event]:
    """What an adopted motion does at once: a ruling, a review, an amendment (P6, P8, P10)."""
    ruled = ruling_effects(state, act, day)
    return ruled if ruled is not None else amendment_effects(state, act, day)
