"""The count of an election (issue 24, P15): pure, from the recorded ballots, once the
ballot period is over.

The engine counts the ballots by the charter's method (`isonomia.voting.elections`) and the
count is recorded with its full table. The elected are taken in the order the count elects
them; one who would break the charter's office limits or incompatibilities (P15), or give a
member a second seat where the charter elects at most one person a member, is skipped with
the reason, and the ballots are counted again without them (as a withdrawn candidate's
would be). The elected take office as officials of the named office, citing the election.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from isonomia.domain import FederationState, Holding, OfficialAppointed, actors
from isonomia.domain.elections import CountElection, Election, ElectionCounted, book
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.offices import appointment_problem
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

if TYPE_CHECKING:
    from isonomia.voting.elections import Count

__all__ = ["count_skipping"]


def _office_organ(state: FederationState, election: Election) -> str:
    charter = state.charter
    office = charter.offices.office(election.office) if charter is not None else None
    return office.organ if office is not None else election.organ


def _language_crowded(
    state: FederationState, election: Election, person: str, member: str, chosen: Sequence[str]
) -> Refusal | None:
    """Why a candidate of `member` would break the charter's language balance, or None."""
    limit = election.max_per_language
    record = state.members.get(member)
    if limit is None or record is None:
        return None
    for language in record.languages:
        sharing = [
            other
            for other in chosen
            if (held := election.candidate(other)) is not None
            and (theirs := state.members.get(held.member)) is not None
            and language in theirs.languages
        ]
        if len(sharing) >= limit:
            return Refusal.of(
                "P15",
                N_(
                    "{person} is skipped: {elected} already elected from members whose "
                    "official language is {language}, and the charter elects at most {limit}"
                ),
                person=person,
                elected=", ".join(sharing),
                language=language,
                limit=limit,
            )
    return None


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
    crowded = _language_crowded(state, election, person, candidate.member, chosen)
    if crowded is not None:
        return crowded
    new = Holding(
        person,
        f"office:{election.office}",
        _office_organ(state, election),
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


def count_skipping(
    state: FederationState, election: Election
) -> tuple[Count, list[dict[str, str]]]:
    """The engine's count of `election`'s ballots, again without each winner who cannot take
    the office, until every winner can; and the winners skipped, with their reasons."""
    from isonomia.voting.elections import count_ballots

    ballots = [choices for _, choices in election.ballots.values()]
    candidates = list(election.on_ballot())
    skipped: list[dict[str, str]] = []
    while True:
        live = [b for b in ([c for c in b if c in candidates] for b in ballots) if b]
        count = count_ballots(election.method, election.seats, candidates, live)
        chosen: list[str] = []
        for person in count.elected:
            problem = _skip_reason(state, election, person, chosen)
            if problem is not None:
                skipped.append({"person": person, "principle": "P15", "reason": problem.reason})
                candidates.remove(person)
                break
            chosen.append(person)
        else:
            return count, skipped


@decides(
    CountElection,
    who=Who("P4", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT),
)
def count_election(state: FederationState, command: CountElection) -> Decision:
    election = book(state).elections.get(command.election)
    if election is None:
        return Refusal.of("P4", N_("there is no election {election}"), election=command.election)
    if election.counted_on is not None:
        return Refusal.of(
            "P4",
            N_("{election} was counted on {day}"),
            election=election.id,
            day=election.counted_on,
        )
    if election.reveals_close is not None and command.day <= election.reveals_close:
        return Refusal.of(
            "P4",
            N_("{election} is counted once the reveals of its secret ballots close on {day}"),
            election=election.id,
            day=election.reveals_close,
        )
    if command.day <= election.ballots_close:
        return Refusal.of(
            "P4",
            N_("{election} is counted once its ballot period closes on {day}"),
            election=election.id,
            day=election.ballots_close,
        )
    count, skipped = count_skipping(state, election)
    counted = ElectionCounted(
        election=election.id,
        office=election.office,
        method=election.method,
        seats=election.seats,
        counted_on=command.day,
        ballots=len(election.ballots),
        candidates=list(election.on_ballot()),
        quota=count.quota,
        tables=count.tables,
        elected=list(count.elected),
        skipped=skipped,
        abstentions=len(election.commitments) - len(election.ballots) if election.secret else 0,
    )
    organ = _office_organ(state, election)
    return [
        counted,
        *(
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
        ),
    ]
