"""A draw no one can steer (P17): the parties of a case, the members they sit for and the
inspection commit to random values, then reveal them; the commission's seed is made of the
revealed values. A drawn commissioner may be challenged by each party once, with grounds;
the inspectors not challenged rule on it by majority, and an upheld challenge recuses the
commissioner and redraws the seat from the same seed.

The rules are in `rules/inspection_lot.py`; the records live in the case
(`domain/inspection_book.Case`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.inspection_book import Challenge, with_case

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

_HEX64 = r"^[0-9a-f]{64}$"


# -- commands -------------------------------------------------------------------------------


class CommitDrawValue(Command):
    """A party, a member it sits for, or the inspection commits to a random value for a
    case's draw: SHA-256 of "value|case|principal", within the charter's window (P17)."""

    case: Slug = Field(description="The case.")
    commitment: str = Field(pattern=_HEX64, description="SHA-256 (hex) of 'value|case|principal'.")


class RevealDrawValue(Command):
    """The committed value revealed, after the commitments close (P17)."""

    case: Slug = Field(description="The case.")
    value: str = Field(pattern=_HEX64, description="The value committed to: 32 bytes, hex.")


class ChallengeCommissioner(Command):
    """A party challenges a drawn commissioner, once, with grounds (P17)."""

    case: Slug = Field(description="The case.")
    challenge: Slug = Field(description="An id for the challenge.")
    person: Slug = Field(description="The commissioner challenged.")
    grounds: str = Field(min_length=1, description="Why the commissioner should not sit.")


class RuleOnChallenge(Command):
    """An inspector not challenged rules on a challenge; a majority of them decides (P17)."""

    case: Slug = Field(description="The case.")
    challenge: Slug = Field(description="The challenge ruled on.")
    upheld: bool = Field(description="Whether the challenge is upheld.")


# -- events ---------------------------------------------------------------------------------


class DrawValueCommitted(Event):
    case: str
    round: int
    principal: str
    commitment: str
    committed_on: date


class DrawValueRevealed(Event):
    case: str
    round: int
    principal: str
    value: str
    revealed_on: date


class DrawSeedFixed(Event):
    """How a draw's seed was made: the values revealed, who committed and stayed silent
    (their share dropped), or the co-signed checkpoint when no value was revealed."""

    case: str
    round: int
    seed: str
    #: [principal, value] of every value revealed, sorted by principal.
    revealed: list[list[str]]
    #: Principals that committed and did not reveal.
    silent: list[str]
    #: The co-signed checkpoint (base64 of its note) the seed came from, if no value was.
    checkpoint: str | None
    fixed_on: date


class CommissionerChallenged(Event):
    case: str
    round: int
    challenge: str
    party: str
    person: str
    grounds: str
    challenged_on: date


class ChallengeRuled(Event):
    """One inspector's ruling on a challenge."""

    case: str
    challenge: str
    person: str
    upheld: bool
    ruled_on: date


class ChallengeDecided(Event):
    """A majority of the inspectors not challenged has ruled: upheld or rejected."""

    case: str
    challenge: str
    upheld: bool
    #: The inspectors who could rule (neither challenged nor parties), and how many did each way.
    voters: list[str]
    upheld_by: int
    rejected_by: int
    decided_on: date


# -- evolvers -------------------------------------------------------------------------------


@evolves(DrawValueCommitted)
def _committed(state: FederationState, event: DrawValueCommitted) -> FederationState:
    case = state.inspection.cases[event.case]
    pair = (event.principal, event.commitment)
    return with_case(state, event.case, commitments=(*case.commitments, pair))


@evolves(DrawValueRevealed)
def _revealed(state: FederationState, event: DrawValueRevealed) -> FederationState:
    case = state.inspection.cases[event.case]
    return with_case(state, event.case, reveals=(*case.reveals, (event.principal, event.value)))


@evolves(DrawSeedFixed)
def _fixed(state: FederationState, event: DrawSeedFixed) -> FederationState:
    return state  # the seed is kept by the CommissionDrawn that follows


@evolves(CommissionerChallenged)
def _challenged(state: FederationState, event: CommissionerChallenged) -> FederationState:
    case = state.inspection.cases[event.case]
    challenge = Challenge(
        event.challenge,
        event.round,
        event.party,
        event.person,
        event.grounds,
        event.challenged_on,
    )
    return with_case(state, event.case, challenges=(*case.challenges, challenge))


def _with_challenge(state: FederationState, case_id: str, challenge: Challenge) -> FederationState:
    case = state.inspection.cases[case_id]
    challenges = tuple(challenge if c.id == challenge.id else c for c in case.challenges)
    return with_case(state, case_id, challenges=challenges)


@evolves(ChallengeRuled)
def _ruled(state: FederationState, event: ChallengeRuled) -> FederationState:
    challenge = state.inspection.cases[event.case].challenge(event.challenge)
    assert challenge is not None
    ruled = replace(challenge, rulings=(*challenge.rulings, (event.person, event.upheld)))
    return _with_challenge(state, event.case, ruled)


@evolves(ChallengeDecided)
def _decided(state: FederationState, event: ChallengeDecided) -> FederationState:
    challenge = state.inspection.cases[event.case].challenge(event.challenge)
    assert challenge is not None
    return _with_challenge(state, event.case, replace(challenge, upheld=event.upheld))
