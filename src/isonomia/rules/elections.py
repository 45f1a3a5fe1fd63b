"""Elections of persons (issue 24, P4, P15): the deciders of the call, the nominations, the
candidates' consent, the ballots and the count.

The charter's ``[[elections]]`` names the offices filled by election, the electing organ, the
method and the seats. The secretariat calls an election with a ballot period that opens no
sooner than the charter's notice; members' councils nominate until nominations close, and
only a candidate who consented in their own name is on the ballot. Ballots are open and
signed by the electors (where the charter has secret ballots, committed to in the period and
revealed after it: `rules.secret_ballots`): a delegate sitting in the electing organ for its
member (one ballot a member), or, where the charter has the call name its electorate, each
person it names.
Once the period is over the count is pure: the engine's method over the recorded ballots,
recorded with its full table. A winner whose office would break the charter's limits (P15)
or give a member a second seat where the charter allows one is skipped with the reason,
and the ballots are counted again without them; the elected take office as officials.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from isonomia.charter.elections import ElectedOffice, ElectionMethod
from isonomia.domain import FederationState, actors
from isonomia.domain.elections import (
    BallotCast,
    CallElection,
    CandidacyConsented,
    CandidateNominated,
    CastBallot,
    ConsentToCandidacy,
    Election,
    ElectionCalled,
    NominateCandidate,
    book,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, kind_of, own_council, own_person

__all__ = ["choices_problem", "election_of", "elector_seat"]


def election_of(state: FederationState, election_id: str) -> Election | Refusal:
    found = book(state).elections.get(election_id)
    if found is None:
        return Refusal.of("P4", N_("there is no election {election}"), election=election_id)
    return found


def _period_problem(
    command: CallElection, notice_days: int, reveal_days: int = 0
) -> Refusal | None:
    """Why the call's periods do not follow each other, give less than the charter's notice
    before the ballots (P4), or leave no term after them (P15)."""
    day = command.day
    opens = day + timedelta(days=notice_days)
    if not day <= command.nominations_close < command.ballots_open <= command.ballots_close:
        return Refusal.of(
            "P4",
            N_(
                "nominations run from the call to their close, and the ballot period opens "
                "after it and closes no sooner than it opens"
            ),
        )
    if command.ballots_open < opens:
        return Refusal.of(
            "P4",
            N_(
                "the ballot period opens on {day} at the earliest: the charter gives {days} "
                "days' notice of an election to {office}"
            ),
            day=opens,
            days=notice_days,
            office=command.office,
        )
    if command.term_from <= command.ballots_close + timedelta(days=reveal_days) or (
        command.term_until is not None and command.term_until <= command.term_from
    ):
        if reveal_days:
            return Refusal.of(
                "P15",
                N_(
                    "a term begins after the reveals of the secret ballots and ends after it begins"
                ),
            )
        return Refusal.of(
            "P15", N_("a term begins after the ballot period and ends after it begins")
        )
    return None


def _reveals_close(command: CallElection, setting: ElectedOffice) -> date | None:
    """The last day of a secret election's reveals; None for open ballots."""
    if setting.ballot != "secret":
        return None
    return command.ballots_close + timedelta(days=setting.reveal_days)


@decides(
    CallElection,
    who=Who("P4", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT),
)
def call_election(state: FederationState, command: CallElection) -> Decision:
    charter = state.charter
    if charter is None or state.founded_on is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    setting = charter.election(command.office)
    office = charter.offices.office(command.office)
    if setting is None or office is None:
        return Refusal.of(
            "P15", N_("the charter fills no office {office} by election"), office=command.office
        )
    if command.election in book(state).elections:
        return Refusal.of("P4", N_("election {election} was called"), election=command.election)
    reveal_days = setting.reveal_days if setting.ballot == "secret" else 0
    problem = _period_problem(command, setting.notice_days, reveal_days)
    if problem is not None:
        return problem
    days = charter.offices.term_days
    if days is not None and (
        command.term_until is None or (command.term_until - command.term_from).days > days
    ):
        return Refusal.of(
            "P15",
            N_("a term in {office} runs at most {days} days: give an end no later than {latest}"),
            office=command.office,
            days=str(days),
            latest=(command.term_from + timedelta(days=days)).isoformat(),
        )
    day = command.day
    named = setting.electors == "named"
    if named != bool(command.electorate):
        return Refusal.of(
            "P4",
            N_("the charter has {organ}'s delegates vote in this election: name no electorate")
            if not named
            else N_("the charter has the call name the electorate of {office}"),
            organ=setting.organ,
            office=command.office,
        )
    if len(set(command.electorate)) != len(command.electorate):
        return Refusal.of("P4", N_("a person is named twice in the electorate"))
    return [
        ElectionCalled(
            election=command.election,
            office=command.office,
            organ=setting.organ,
            method=setting.method.value,
            seats=setting.seats,
            one_per_member=setting.one_per_member,
            called_on=day,
            nominations_close=command.nominations_close,
            ballots_open=command.ballots_open,
            ballots_close=command.ballots_close,
            term_from=command.term_from,
            term_until=command.term_until,
            electorate=list(command.electorate),
            ballot=setting.ballot,
            reveals_close=_reveals_close(command, setting),
            max_per_language=setting.max_per_language,
        )
    ]


@decides(NominateCandidate, who=own_council("P4"))
def nominate_candidate(state: FederationState, command: NominateCandidate) -> Decision:
    election = election_of(state, command.election)
    if isinstance(election, Refusal):
        return election
    if not state.is_member(command.member, command.day):
        return Refusal.of("P3", N_("{member} is not a member"), member=command.member)
    if election.counted_on is not None or command.day > election.nominations_close:
        return Refusal.of(
            "P4",
            N_("nominations to {election} closed on {day}"),
            election=election.id,
            day=election.nominations_close,
        )
    earlier = election.candidate(command.person)
    if earlier is not None:
        return Refusal.of(
            "P4",
            N_("{person} was nominated to {election} by {member}"),
            person=command.person,
            election=election.id,
            member=earlier.member,
        )
    return [
        CandidateNominated(
            election=election.id,
            person=command.person,
            member=command.member,
            nominated_on=command.day,
        )
    ]


@decides(ConsentToCandidacy, who=own_person("P4", "the candidate, in their own name"))
def consent_to_candidacy(state: FederationState, command: ConsentToCandidacy) -> Decision:
    election = election_of(state, command.election)
    if isinstance(election, Refusal):
        return election
    candidate = election.candidate(command.person)
    if candidate is None:
        return Refusal.of(
            "P4",
            N_("{person} is not nominated to {election}"),
            person=command.person,
            election=election.id,
        )
    if candidate.consented_on is not None:
        return Refusal.of(
            "P4",
            N_("{person} consented on {day}"),
            person=command.person,
            day=candidate.consented_on,
        )
    if command.day > election.nominations_close:
        return Refusal.of(
            "P4",
            N_("consents to {election} closed with its nominations on {day}"),
            election=election.id,
            day=election.nominations_close,
        )
    return [
        CandidacyConsented(election=election.id, person=command.person, consented_on=command.day)
    ]


def elector_seat(
    state: FederationState, election: Election, person: str, day: date
) -> str | Refusal | None:
    """The member `person` votes for (delegates), None (a named elector), or why the person
    is no elector of `election`."""
    if election.electorate:
        if person in election.electorate:
            return None
        return Refusal.of(
            "P4",
            N_("{person} is not in the electorate of {election}"),
            person=person,
            election=election.id,
        )
    for delegation in state.delegations_of(person):
        if (
            delegation.organ == election.organ
            and delegation.sits(day)
            and state.is_member(delegation.member, day)
        ):
            return delegation.member
    return Refusal.of(
        "P4",
        N_("{person} sits in {organ} for no member: only its delegates vote in {election}"),
        person=person,
        organ=election.organ,
        election=election.id,
    )


def choices_problem(election: Election, choices: Sequence[str]) -> Refusal | None:
    on_ballot = set(election.on_ballot())
    for choice in choices:
        if choice not in on_ballot:
            return Refusal.of(
                "P4",
                N_("{person} is no candidate on the ballot of {election}"),
                person=choice,
                election=election.id,
            )
    if len(set(choices)) != len(choices):
        return Refusal.of("P4", N_("a ballot names a candidate once"))
    if election.method == ElectionMethod.PLURALITY.value and len(choices) != 1:
        return Refusal.of("P4", N_("a plurality ballot names one candidate"))
    return None


@decides(
    CastBallot,
    who=Who(
        "P4",
        "an elector, in their own name (the decider checks the electorate)",
        lambda s, c: kind_of(c.actor) == "person",
    ),
)
def cast_ballot(state: FederationState, command: CastBallot) -> Decision:
    election = election_of(state, command.election)
    if isinstance(election, Refusal):
        return election
    day = command.day
    if election.secret:
        return Refusal.of(
            "P4",
            N_(
                "the ballots of {election} are secret: commit to a ballot (CommitBallot) by "
                "{closes} and reveal it after"
            ),
            election=election.id,
            closes=election.ballots_close,
        )
    if not election.ballots_open <= day <= election.ballots_close:
        return Refusal.of(
            "P4",
            N_("the ballots of {election} are cast from {opens} to {closes}"),
            election=election.id,
            opens=election.ballots_open,
            closes=election.ballots_close,
        )
    person = actors.split(command.actor)[1]
    seat = elector_seat(state, election, person, day)
    if isinstance(seat, Refusal):
        return seat
    by = seat or person
    if by in election.ballots:
        return Refusal.of(
            "P4",
            N_("{by} has cast its ballot in {election}"),
            by=by,
            election=election.id,
        )
    problem = choices_problem(election, command.choices)
    if problem is not None:
        return problem
    return [
        BallotCast(
            election=election.id,
            elector=person,
            for_member=seat,
            choices=list(command.choices),
            cast_on=day,
        )
    ]
