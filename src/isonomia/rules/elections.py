"""Elections of persons (issue 24, P4, P15): the deciders of the call, the nominations, the
candidates' consent, the ballots and the count.

The charter's ``[[elections]]`` names the offices filled by election, the electing organ, the
method and the seats. The secretariat calls an election with a ballot period that opens no
sooner than the charter's notice; members' councils nominate until nominations close, and
only a candidate who consented in their own name is on the ballot. Ballots are open and
signed by the electors: a delegate sitting in the electing organ for its member (one ballot
a member), or, where the charter has the call name its electorate, each person it names.
Once the period is over the count is pure: the engine's method over the recorded ballots,
recorded with its full table. A winner whose office would break the charter's limits (P15)
or give a member a second seat where the charter allows one is skipped with the reason,
and the ballots are counted again without them; the elected take office as officials.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from isonomia.charter.model import ElectionMethod
from isonomia.domain import FederationState, Holding, OfficialAppointed, actors
from isonomia.domain.elections import (
    BallotCast,
    CallElection,
    CandidacyConsented,
    CandidateNominated,
    CastBallot,
    ConsentToCandidacy,
    CountElection,
    Election,
    ElectionCalled,
    ElectionCounted,
    NominateCandidate,
    book,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.offices import appointment_problem
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, kind_of, own_council, own_person

if TYPE_CHECKING:
    from isonomia.voting.ballots import Ballots

__all__ = ["Count", "count_ballots", "elector_seat"]


def _election(state: FederationState, election_id: str) -> Election | Refusal:
    found = book(state).elections.get(election_id)
    if found is None:
        return Refusal.of("P4", N_("there is no election {election}"), election=election_id)
    return found


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
    day = command.day
    opens = day + timedelta(days=setting.notice_days)
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
            days=setting.notice_days,
            office=command.office,
        )
    if command.term_from <= command.ballots_close or (
        command.term_until is not None and command.term_until <= command.term_from
    ):
        return Refusal.of(
            "P15", N_("a term begins after the ballot period and ends after it begins")
        )
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
        )
    ]


@decides(NominateCandidate, who=own_council("P4"))
def nominate_candidate(state: FederationState, command: NominateCandidate) -> Decision:
    election = _election(state, command.election)
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
    election = _election(state, command.election)
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
) -> str | None | Refusal:
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


def _choices_problem(election: Election, choices: Sequence[str]) -> Refusal | None:
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
        "an elector, in their own name",
        lambda s, c: kind_of(c.actor) == "person",
        decider_explains=True,
    ),
)
def cast_ballot(state: FederationState, command: CastBallot) -> Decision:
    election = _election(state, command.election)
    if isinstance(election, Refusal):
        return election
    day = command.day
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
    problem = _choices_problem(election, command.choices)
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


# -- the count ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """One count by the engine: who it elects in order, its quota and its tables."""

    elected: tuple[str, ...]
    quota: str | None
    tables: dict[str, list[list[str]]]


def _number(value: float) -> str:
    """A tally as text: whole numbers plainly, others to six decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}"


def _ballots(candidates: Sequence[str], ballots: Sequence[Sequence[str]]) -> Ballots:
    import numpy as np

    from isonomia.voting.ballots import Ballots

    index = {c: i for i, c in enumerate(candidates)}
    length = max((len(b) for b in ballots), default=1) or 1
    orders = np.full((len(ballots), length), -1, dtype=np.int64)
    for row, choices in enumerate(ballots):
        for position, choice in enumerate(choices):
            orders[row, position] = index[choice]
    return Ballots.from_orders(candidates, orders)


def _rounds_table(candidates: Sequence[str], rounds: Sequence[object]) -> list[list[str]]:
    header = ["round", *candidates, "exhausted", "elected", "excluded"]
    rows = [header]
    for n, r in enumerate(rounds, start=1):
        tallies = getattr(r, "tallies")  # noqa: B009
        rows.append(
            [
                str(n),
                *(_number(t) for t in tallies),
                _number(getattr(r, "exhausted")),  # noqa: B009
                ", ".join(candidates[c] for c in getattr(r, "elected")),  # noqa: B009
                ", ".join(candidates[c] for c in getattr(r, "excluded")),  # noqa: B009
            ]
        )
    return rows


def count_ballots(
    method: str, seats: int, candidates: Sequence[str], ballots: Sequence[Sequence[str]]
) -> Count:
    """Count `ballots` (choices, most preferred first) for `candidates` by `method`: the
    engine's tallies, on the candidates in their given order (its order for ties)."""
    from isonomia.voting.tallies.schulze import schulze
    from isonomia.voting.tallies.simple import approval, plurality
    from isonomia.voting.tallies.transfer import instant_runoff, stv

    seats = min(seats, len(candidates))
    if not ballots or not candidates:
        return Count((), None, {})
    engine_input = _ballots(candidates, ballots)
    if method in (ElectionMethod.STV.value, ElectionMethod.IRV.value):
        if method == ElectionMethod.STV.value:
            result = stv(engine_input, seats)
        else:
            result = instant_runoff(engine_input)
        elected = tuple(candidates[c] for c in result.elected)
        return Count(
            elected, _number(result.quota), {"rounds": _rounds_table(candidates, result.rounds)}
        )
    if method == ElectionMethod.SCHULZE.value:
        found = schulze(engine_input)
        header = ["", *candidates]
        pairwise = [header] + [
            [candidates[a], *(str(int(v)) for v in found.pairwise[a])]
            for a in range(len(candidates))
        ]
        paths = [header] + [
            [candidates[a], *(str(int(v)) for v in found.strongest_paths[a])]
            for a in range(len(candidates))
        ]
        ranking = [["rank", "candidate"]] + [
            [str(n), candidates[c]] for n, c in enumerate(found.ranking, start=1)
        ]
        elected = tuple(candidates[c] for c in found.ranking[:seats])
        return Count(
            elected,
            None,
            {"pairwise": pairwise, "strongest_paths": paths, "ranking": ranking},
        )
    scored = approval(engine_input) if method == ElectionMethod.APPROVAL.value else plurality(
        engine_input
    )
    scores = [["candidate", "score"]] + [
        [candidates[c], _number(scored.scores[c])] for c in scored.ranking
    ]
    return Count(tuple(candidates[c] for c in scored.ranking[:seats]), None, {"scores": scores})


def _skip_reason(
    state: FederationState,
    election: Election,
    person: str,
    chosen: Sequence[str],
) -> Refusal | None:
    """Why `person` cannot take the elected office: a member's second seat where the charter
    allows one, or an office limit or incompatibility of the charter (P15)."""
    candidate = election.candidate(person)
    assert candidate is not None
    if election.one_per_member:
        for other in chosen:
            held = election.candidate(other)
            if held is not None and held.member == candidate.member:
                return Refusal.of(
                    "P15",
                    N_(
                        "{person} is skipped: {other}, also nominated by {member}, is elected, "
                        "and the charter elects at most one person a member"
                    ),
                    person=person,
                    other=other,
                    member=candidate.member,
                )
    charter = state.charter
    assert charter is not None
    office = charter.offices.office(election.office)
    organ = office.organ if office is not None else election.organ
    new = Holding(
        person,
        f"office:{election.office}",
        organ,
        None,
        "official",
        election.term_from,
        election.term_until,
    )
    problem = appointment_problem(state, new)
    if problem is None:
        return None
    return Refusal.of(
        "P15", N_("{person} is skipped: {reason}"), person=person, reason=problem.reason
    )


@decides(
    CountElection,
    who=Who("P4", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT),
)
def count_election(state: FederationState, command: CountElection) -> Decision:
    election = _election(state, command.election)
    if isinstance(election, Refusal):
        return election
    if election.counted_on is not None:
        return Refusal.of(
            "P4", N_("{election} was counted on {day}"), election=election.id, day=election.counted_on
        )
    if command.day <= election.ballots_close:
        return Refusal.of(
            "P4",
            N_("{election} is counted once its ballot period closes on {day}"),
            election=election.id,
            day=election.ballots_close,
        )
    charter = state.charter
    assert charter is not None
    office = charter.offices.office(election.office)
    organ = office.organ if office is not None else election.organ
    ballots = [choices for _, choices in election.ballots.values()]
    candidates = list(election.on_ballot())
    skipped: list[dict[str, str]] = []
    while True:
        live = [[c for c in b if c in candidates] for b in ballots]
        live = [b for b in live if b]
        count = count_ballots(election.method, election.seats, candidates, live)
        chosen: list[str] = []
        problem = None
        for person in count.elected:
            problem = _skip_reason(state, election, person, chosen)
            if problem is not None:
                skipped.append({"person": person, "principle": "P15", "reason": problem.reason})
                candidates.remove(person)
                break
            chosen.append(person)
        if problem is None:
            break
    counted = ElectionCounted(
        election=election.id,
        office=election.office,
        method=election.method,
        seats=election.seats,
        counted_on=command.day,
        ballots=len(ballots),
        candidates=list(election.on_ballot()),
        quota=count.quota,
        tables=count.tables,
        elected=list(count.elected),
        skipped=skipped,
    )
    appointed = [
        OfficialAppointed(
            office=election.office,
            organ=organ,
            person=person,
            act=election.id,
            term_from=election.term_from,
            term_until=election.term_until,
            appointed_on=command.day,
        )
        for person in count.elected
    ]
    return [counted, *appointed]
