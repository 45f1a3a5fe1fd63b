"""Secret ballots (issue 24, P4): the deciders of a commitment and of its reveal.

In an election the charter holds by secret ballot, an elector commits in the ballot period
(`CommitBallot`): SHA-256 over the compact JSON array ``["isonomia/secret-ballot/v1",
election, elector, [choices...], nonce]``. The tag keeps a ballot's hash from being taken
for any other hash the record holds; the election and the elector bind the commitment to
one ballot of one person, so no one can copy another's commitment and reveal the same
ballot as their own once it is public. After the period, in the charter's reveal window,
the elector reveals the ballot and the nonce (`RevealBallot`): both must hash to its
commitment, and the ballot must be one the open rules accept. What is revealed joins the
election's ballots; what is not counts as an abstention (`rules.election_count`).

The nonce is 32 random bytes chosen by the elector; the commitment alone tells nothing of
the ballot, since the few ballots an election admits cannot be tried against it without
the nonce.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from isonomia.domain import FederationState, actors
from isonomia.domain.elections import Election
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.secret_ballots import (
    BallotCommitted,
    BallotRevealed,
    CommitBallot,
    RevealBallot,
)
from isonomia.rules.elections import choices_problem, election_of, elector_seat
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, kind_of

__all__ = ["BALLOT_TAG", "ballot_commitment"]

#: The domain separation tag of a secret ballot's commitment (its first element).
BALLOT_TAG = "isonomia/secret-ballot/v1"

ELECTOR = Who(
    "P4",
    "an elector, in their own name (the decider checks the electorate)",
    lambda s, c: kind_of(c.actor) == "person",
)


def ballot_commitment(election: str, elector: str, choices: Sequence[str], nonce: str) -> str:
    """The commitment to a secret ballot: SHA-256, hex, of the compact JSON array
    ``[BALLOT_TAG, election, elector, [choices...], nonce]`` (ASCII, no spaces)."""
    encoded = json.dumps(
        [BALLOT_TAG, election, elector, list(choices), nonce],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(encoded.encode("ascii")).hexdigest()


def _secret(state: FederationState, election_id: str) -> Election | Refusal:
    election = election_of(state, election_id)
    if isinstance(election, Refusal):
        return election
    if not election.secret:
        return Refusal.of(
            "P4",
            N_("the ballots of {election} are open: cast yours with CastBallot"),
            election=election.id,
        )
    return election


@decides(CommitBallot, who=ELECTOR)
def commit_ballot(state: FederationState, command: CommitBallot) -> Decision:
    election = _secret(state, command.election)
    if isinstance(election, Refusal):
        return election
    day = command.day
    if not election.ballots_open <= day <= election.ballots_close:
        return Refusal.of(
            "P4",
            N_("commitments to the secret ballots of {election} run from {opens} to {closes}"),
            election=election.id,
            opens=election.ballots_open,
            closes=election.ballots_close,
        )
    person = actors.split(command.actor)[1]
    seat = elector_seat(state, election, person, day)
    if isinstance(seat, Refusal):
        return seat
    by = seat or person
    if by in election.commitments or person in election.committers:
        return Refusal.of(
            "P4",
            N_("{by} has committed to its ballot in {election}: one commitment each"),
            by=by if by in election.commitments else person,
            election=election.id,
        )
    return [
        BallotCommitted(
            election=election.id,
            elector=person,
            for_member=seat,
            commitment=command.commitment,
            committed_on=day,
        )
    ]


@decides(RevealBallot, who=ELECTOR)
def reveal_ballot(state: FederationState, command: RevealBallot) -> Decision:
    election = _secret(state, command.election)
    if isinstance(election, Refusal):
        return election
    day = command.day
    assert election.reveals_close is not None
    if not election.ballots_close < day <= election.reveals_close:
        return Refusal.of(
            "P4",
            N_("the secret ballots of {election} are revealed after {closes}, until {last}"),
            election=election.id,
            closes=election.ballots_close,
            last=election.reveals_close,
        )
    person = actors.split(command.actor)[1]
    by = election.committers.get(person)
    if by is None:
        return Refusal.of(
            "P4",
            N_("{person} committed to no ballot in {election}"),
            person=person,
            election=election.id,
        )
    if by in election.ballots:
        return Refusal.of(
            "P4",
            N_("{by}'s ballot in {election} is revealed"),
            by=by,
            election=election.id,
        )
    _elector, commitment = election.commitments[by]
    if ballot_commitment(election.id, person, command.choices, command.nonce) != commitment:
        return Refusal.of(
            "P4",
            N_(
                "the ballot and nonce do not match {person}'s commitment in {election}: "
                "a ballot is revealed as it was committed to"
            ),
            person=person,
            election=election.id,
        )
    problem = choices_problem(election, command.choices)
    if problem is not None:
        return problem
    return [
        BallotRevealed(
            election=election.id,
            elector=person,
            for_member=None if election.electorate else by,
            choices=list(command.choices),
            nonce=command.nonce,
            revealed_on=day,
        )
    ]
