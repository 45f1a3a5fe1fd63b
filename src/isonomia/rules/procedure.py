"""Procedure that belongs to the members (P4, P12, P14): notice and postponement.

A draft is circulated to every member's council, in each of its official languages (the
version, or a note that it is pending), and the charter's minimum notice for the motion's
organ and kind runs from that day; an urgent procedure, with a shorter notice and a recorded
justification, exists only where the charter declares one. No vote is cast or counted before
the notice has run (P4). A member the charter calls concerned by a motion, or that the
circulation lists, may through its council ask once per motion that the vote be postponed by
the charter's period; the vote's days move with it and every member is notified (P12).

Without a notice setting the notice is 0 days and no circulation is required, so records made
before notice existed replay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from isonomia.charter.model import DecisionRule, NationalQuestion
from isonomia.domain import Act, FederationState, Stage
from isonomia.domain.procedure import (
    PENDING,
    VERSION,
    CirculateDraft,
    DraftCirculated,
    MotionSentBack,
    RequestPostponement,
    VotePostponed,
    book,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.budget_motion import budget_notice_days
from isonomia.rules.presiding import presided
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import organ_of_act, own_council, procedural
from isonomia.voting.decision_rules import ConcernedVeto, CountingRule, SuspensiveObjection

__all__ = [
    "national_protection",
    "notice_days",
    "sent_back",
    "sent_back_rule",
    "tabling_problem",
    "vote_timing_problem",
    "vote_window",
]


def notice_days(state: FederationState, act: Act, urgent: bool = False) -> int | None:
    """The days of notice the charter sets for `act`'s organ and kind (0 without a setting);
    with `urgent`, the urgent procedure's notice, or None where the charter declares none."""
    charter = state.charter
    setting = charter.procedure.notice_for(act.organ, act.kind.value) if charter else None
    if urgent:
        return setting.urgent_days if setting is not None else None
    return max(setting.days if setting is not None else 0, budget_notice_days(state, act))


def _not_circulated(act: Act, days: int) -> Refusal:
    return Refusal.of(
        "P4",
        N_(
            "motion {act} has not been circulated: {organ} votes on it only {days} days after "
            "its draft has gone to every member's council"
        ),
        act=act.id,
        organ=act.organ,
        days=days,
    )


def notice_ends(state: FederationState, act: Act) -> date | Refusal | None:
    """The first day `act` may be voted on by its notice, None when no notice applies, or
    why it cannot be voted on at all yet (not circulated while notice is required)."""
    circulation = book(state).circulations.get(act.id)
    if circulation is not None:
        return circulation.notice_ends_on
    days = notice_days(state, act)
    return _not_circulated(act, days) if days else None


def vote_window(state: FederationState, act: Act, opens: date, closes: date) -> tuple[date, date]:
    """The days of `act`'s vote as its tabling announced them (`opens`, `closes`), moved by a
    postponement: the vote opens on the day it was postponed to and lasts as long (P12)."""
    postponed = book(state).postponed_to(act.id)
    if postponed is None or postponed <= opens:
        return opens, closes
    return postponed, closes + (postponed - opens)


def vote_timing_problem(state: FederationState, act: Act, day: date) -> Refusal | None:
    """Why no vote on `act` is cast or counted on `day`: its notice has not run (P4), or its
    vote was postponed past that day (P12)."""
    ends = notice_ends(state, act)
    if isinstance(ends, Refusal):
        return ends
    if ends is not None and day < ends:
        circulation = book(state).circulations[act.id]
        return Refusal.of(
            "P4",
            N_(
                "no vote on {act} before its notice has run: circulated on {on} with {days} "
                "days' notice, it is voted on from {ends}"
            ),
            act=act.id,
            on=circulation.circulated_on,
            days=circulation.notice_days,
            ends=ends,
        )
    back = book(state).sent_back.get(act.id)
    if back is not None and day < back.vote_from:
        return Refusal.of(
            "P12",
            N_(
                "{act} was sent back by the objection of {members} on a national question; "
                "it is voted on again from {day}"
            ),
            act=act.id,
            members=", ".join(back.objected_by),
            day=back.vote_from,
        )
    postponements = book(state).postponements.get(act.id, ())
    later = [p for p in postponements if day < p.vote_from]
    if later:
        last = max(later, key=lambda p: p.vote_from)
        return Refusal.of(
            "P12",
            N_("the vote on {act} was postponed to {day} at {member}'s request"),
            act=act.id,
            day=last.vote_from,
            member=last.member,
        )
    return None


def tabling_problem(state: FederationState, act: Act, closes: date) -> Refusal | None:
    """Why `act` cannot be tabled for a vote closing on `closes`: it would close before its
    notice has run (P4)."""
    ends = notice_ends(state, act)
    if isinstance(ends, Refusal):
        return ends
    if ends is not None and closes < ends:
        return Refusal.of(
            "P4",
            N_("the vote on {act} would close on {closes}, before its notice has run on {ends}"),
            act=act.id,
            closes=closes,
            ends=ends,
        )
    return None


def motion_of(state: FederationState, motion_id: str) -> Act | Refusal:
    act = state.acts.get(motion_id)
    if act is None:
        return Refusal.of("P4", N_("there is no motion {motion_id}"), motion_id=motion_id)
    return act


def _not_voted(act: Act) -> Refusal | None:
    if act.stage not in (Stage.DRAFTED, Stage.TABLED):
        return Refusal.of(
            "P4",
            N_("motion {act} is {stage}; its vote is over"),
            act=act.id,
            stage=act.stage.value,
        )
    if any(act.votes.values()):
        return Refusal.of("P4", N_("voting on motion {act} has begun"), act=act.id)
    return None


@decides(
    CirculateDraft,
    who=presided(
        "circulate",
        "the secretariat or the organ's presiding officer",
        lambda s, c: organ_of_act(s, c.motion),
        lambda s, c: c.actor in procedural(s, organ_of_act(s, c.motion)),
    ),
)
def circulate_draft(state: FederationState, command: CirculateDraft) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    problem = _not_voted(act)
    if problem:
        return problem
    earlier = book(state).circulations.get(act.id)
    if earlier is not None:
        return Refusal.of(
            "P4",
            N_("motion {act} was circulated on {on}"),
            act=act.id,
            on=earlier.circulated_on,
        )
    days = notice_days(state, act, urgent=command.urgent)
    if days is None:
        return Refusal.of(
            "P4",
            N_("the charter declares no urgent procedure for a {kind} in {organ}"),
            kind=act.kind.value,
            organ=act.organ,
        )
    if command.urgent and not command.justification:
        return Refusal.of("P4", N_("an urgent procedure is used only with its justification"))
    for member in command.concerned:
        if not state.is_member(member, command.day):
            return Refusal.of(
                "P3", N_("{member} is not a member: union acts do not apply to it"), member=member
            )
    ends = command.day + timedelta(days=days)
    closes = act.voting_closes_on
    if act.stage is Stage.TABLED and closes is not None and closes < ends:
        return Refusal.of(
            "P4",
            N_("the vote on {act} would close on {closes}, before its notice has run on {ends}"),
            act=act.id,
            closes=closes,
            ends=ends,
        )
    recipients = _recipients(state, act, command.day)
    named = sorted(set(command.concerned))
    charter_says = concerned_members(state, act, command.day)
    return [
        DraftCirculated(
            motion=act.id,
            organ=act.organ,
            circulated_on=command.day,
            notice_days=days,
            notice_ends_on=ends,
            urgent=command.urgent,
            justification=command.justification if command.urgent else None,
            concerned=named,
            may_postpone=sorted(set(named) | set(charter_says)),
            recipients=recipients,
            circulated_by=command.actor,
        )
    ]


def _recipients(state: FederationState, act: Act, day: date) -> dict[str, dict[str, str]]:
    """Every member's council on `day`, with each of its official languages: the version
    that goes with the draft, or a note that it is pending (P14)."""
    versions = state.languages.versions
    return {
        m.id: {
            language: VERSION if (act.id, language) in versions else PENDING
            for language in m.languages
        }
        for m in state.members_on(day)
    }


def concerned_members(state: FederationState, act: Act, day: date) -> list[str]:
    """The members concerned by `act`: those the charter calls concerned by its field or
    kind, and those its circulation lists (P12)."""
    charter = state.charter
    members = [m.id for m in state.members_on(day)]
    found = (
        set(charter.procedure.concerned(act.field, act.kind.value, members)) if charter else set()
    )
    circulation = book(state).circulations.get(act.id)
    if circulation is not None:
        found.update(circulation.concerned)
    return sorted(m for m in found if m in members)


@decides(RequestPostponement, who=own_council("P12"))
def request_postponement(state: FederationState, command: RequestPostponement) -> Decision:
    act = motion_of(state, command.motion)
    if isinstance(act, Refusal):
        return act
    problem = _not_voted(act)
    if problem:
        return problem
    if not state.is_member(command.member, command.day):
        return Refusal.of(
            "P3",
            N_("{member} is not a member: union acts do not apply to it"),
            member=command.member,
        )
    charter = state.charter
    days = charter.procedure.postponement.days if charter else 0
    if not days:
        return Refusal.of("P12", N_("the charter sets no postponement of votes"))
    concerned = concerned_members(state, act, command.day)
    if command.member not in concerned:
        return Refusal.of(
            "P12",
            N_("{member} is not concerned by {act}; concerned: {concerned}"),
            member=command.member,
            act=act.id,
            concerned=", ".join(concerned) or "-",
        )
    earlier = [p for p in book(state).postponements.get(act.id, ()) if p.member == command.member]
    if earlier:
        return Refusal.of(
            "P12",
            N_("{member} asked on {on} that the vote on {act} be postponed; once per motion"),
            member=command.member,
            on=earlier[0].requested_on,
            act=act.id,
        )
    start = command.day
    if act.session is not None:
        start = max(start, state.sessions[act.session].held_on)
    ends = notice_ends(state, act)
    if isinstance(ends, date):
        start = max(start, ends)
    postponed = book(state).postponed_to(act.id)
    if postponed is not None:
        start = max(start, postponed)
    return [
        VotePostponed(
            motion=act.id,
            member=command.member,
            reason=command.reason,
            requested_on=command.day,
            days=days,
            vote_from=start + timedelta(days=days),
            notified=[m.id for m in state.members_on(command.day)],
        )
    ]


# -- the national question (P12) -----------------------------------------------------------


def national_question(state: FederationState, act: Act) -> NationalQuestion | None:
    """The national question `act` touches by its field or kind, if the charter declares
    one; an admission is decided by the accession rule alone (P2)."""
    charter = state.charter
    if charter is None or act.admission is not None:
        return None
    return charter.procedure.national_question(act.field, act.kind.value)


def national_concerned(state: FederationState, act: Act, members: list[str]) -> list[str]:
    """The members concerned by `act`'s national question among `members`: every one for
    a question the charter makes everyone's, else those it lists and those the motion's
    circulation names (P12)."""
    question = national_question(state, act)
    if question is None:
        return []
    if question.concerned == "all":
        return sorted(members)
    circulation = book(state).circulations.get(act.id)
    named = set(question.members) | set(circulation.concerned if circulation else ())
    return sorted(named & set(members))


def national_protection(
    state: FederationState, act: Act, members: list[str]
) -> Callable[[CountingRule], CountingRule] | None:
    """The protection the count of `act` is made under (P12): each concerned member's veto,
    or its suspensive objection; none once a suspensive objection has sent the act back."""
    question = national_question(state, act)
    concerned = frozenset(national_concerned(state, act, members))
    if question is None or not concerned or act.id in book(state).sent_back:
        return None
    if question.protection == "veto":
        return lambda base: ConcernedVeto(concerned, base)
    return lambda base: SuspensiveObjection(concerned, base)


def sent_back_rule(state: FederationState, act: Act) -> DecisionRule | None:
    """The rule a motion sent back by a suspensive objection is voted by again (P12)."""
    record = book(state).sent_back.get(act.id)
    charter = state.charter
    return charter.rule(record.then_rule) if record and charter else None


def sent_back(
    state: FederationState,
    act: Act,
    rule: DecisionRule,
    common: dict[str, object],
    objected_by: list[str],
    day: date,
) -> MotionSentBack:
    """The event of a suspensive objection: the motion goes back for the charter's period
    and is then voted by its `then_rule` (P12)."""
    question = national_question(state, act)
    assert question is not None
    votes = common["votes"]
    assert isinstance(votes, dict)
    return MotionSentBack(
        motion=act.id,
        objected_by=objected_by,
        counted_on=day,
        votes=votes,
        vote_from=day + timedelta(days=question.suspension_days),
        then_rule=question.then_rule or rule.id,
        reason=str(common["reason"]),
    )
