"""Secret ballots of an election (issue 24, P4): a commitment in the ballot period, the
ballot revealed after it.

Where the charter's ``[[elections]]`` says ``ballot = "secret"``, an elector does not cast
its ballot in clear: in the ballot period it signs a commitment, SHA-256 over a
domain-separated encoding of the election, the elector, the ballot and a random nonce
(`rules.secret_ballots.ballot_commitment`). Once the period closes, in the charter's reveal
window, it reveals the ballot and the nonce; the rules check them against the commitment,
and the revealed ballot joins the election's ballots as an open one would. A commitment not
revealed counts as an abstention.

What this hides and what it does not: until the reveal, the record shows who committed and
when, never how; after it, every ballot is public and linked to its elector.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.elections import book, with_election
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

#: Sixty-four lowercase hex digits: a SHA-256 digest, or 32 random bytes.
HEX64 = r"^[0-9a-f]{64}$"


class CommitBallot(Command):
    """An elector commits to a secret ballot in the ballot period: only the hash of the
    ballot and a nonce is recorded, until the elector reveals both after the period."""

    election: Slug = Field(description="The election (its charter has secret ballots).")
    commitment: str = Field(
        pattern=HEX64,
        description="SHA-256, hex, of the domain-separated ballot: "
        '["isonomia/secret-ballot/v1", election, elector, [choices...], nonce] as compact '
        "JSON (`isonomia election ballot` makes it and keeps the nonce).",
    )


class RevealBallot(Command):
    """An elector reveals the ballot it committed to, with its nonce, in the reveal window
    after the ballot period; it must hash to the elector's commitment."""

    election: Slug = Field(description="The election.")
    choices: list[Slug] = Field(
        min_length=1, description="The candidates committed to, most preferred first."
    )
    nonce: str = Field(pattern=HEX64, description="The 32 random bytes committed with, hex.")


class BallotCommitted(Event):
    union_wide = True
    election: str
    #: The person who signed the commitment.
    elector: str
    #: The member whose delegate committed, where delegates vote.
    for_member: str | None
    commitment: str
    committed_on: date


class BallotRevealed(Event):
    union_wide = True
    election: str
    elector: str
    for_member: str | None
    choices: list[str]
    #: The nonce, so anyone can hash the ballot again and compare it with the commitment.
    nonce: str
    revealed_on: date


@evolves(BallotCommitted)
def _committed(state: FederationState, event: BallotCommitted) -> FederationState:
    election = book(state).elections[event.election]
    by = event.for_member or event.elector
    return with_election(
        state,
        replace(
            election,
            commitments=put(election.commitments, by, (event.elector, event.commitment)),
            committers=put(election.committers, event.elector, by),
        ),
    )


@evolves(BallotRevealed)
def _revealed(state: FederationState, event: BallotRevealed) -> FederationState:
    election = book(state).elections[event.election]
    by = event.for_member or event.elector
    ballots = put(election.ballots, by, (event.elector, tuple(event.choices)))
    return with_election(state, replace(election, ballots=ballots))
