"""A 1922 union with elected offices, for the elections' tests (issue 24)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from builders import adopt, apply, command, found, seat_delegations, union_1922
from isonomia.charter.elections import ElectedOffice
from isonomia.charter.model import Charter, NamedOffice
from isonomia.domain import FederationState, actors
from isonomia.domain.elections import (
    CallElection,
    CastBallot,
    ConsentToCandidacy,
    CountElection,
    NominateCandidate,
)
from isonomia.domain.secret_ballots import CommitBallot, RevealBallot
from isonomia.rules.secret_ballots import ballot_commitment

SEC = actors.SECRETARIAT
COUNCIL = "union-council"
SEATED = date(1923, 1, 1)
CALLED = date(1923, 2, 1)
NOMINATIONS_CLOSE = date(1923, 2, 10)
OPENS = date(1923, 2, 15)
CLOSES = date(1923, 2, 20)
COUNTED = date(1923, 2, 21)
TERM = date(1923, 3, 1)

NAMED = [
    NamedOffice(id="presidium-member", name="Member of the Presidium", organ="presidium"),
    NamedOffice(id="deputy", name="Deputy", organ=COUNCIL),
    NamedOffice(id="leader", name="Leader", organ=COUNCIL),
    NamedOffice(id="auditor", name="Auditor", organ=COUNCIL),
    NamedOffice(id="juror", name="Juror", organ=COUNCIL),
]
ELECTIONS = [
    ElectedOffice(
        office="presidium-member",
        organ=COUNCIL,
        method="stv",
        seats=2,
        one_per_member=True,
        notice_days=14,
    ),
    ElectedOffice(office="deputy", organ=COUNCIL, method="stv", seats=3, electors="named"),
    ElectedOffice(office="leader", organ=COUNCIL, method="schulze", electors="named"),
    # Secret ballots: the delegates commit in the period and reveal in the five days after.
    ElectedOffice(
        office="auditor",
        organ=COUNCIL,
        method="stv",
        seats=2,
        one_per_member=True,
        notice_days=14,
        ballot="secret",
        reveal_days=5,
    ),
    # The deputies' election (STV, three seats, named electors) by secret ballot.
    ElectedOffice(
        office="juror",
        organ=COUNCIL,
        method="stv",
        seats=3,
        electors="named",
        ballot="secret",
        reveal_days=5,
    ),
]
#: The last day of a secret election's reveals (`reveal_days` after the period closes).
REVEALS_CLOSE = date(1923, 2, 25)
REVEALED = date(1923, 2, 22)


def charter(max_per_person: int = 3) -> Charter:
    base = union_1922()
    offices = base.offices.model_copy(
        update={"named": [*base.offices.named, *NAMED], "max_per_person": max_per_person}
    )
    return base.model_copy(update={"offices": offices, "elections": ELECTIONS})


def union(max_per_person: int = 3) -> FederationState:
    c = charter(max_per_person)
    state = apply(apply(FederationState(), adopt(c)), found(c))
    return seat_delegations(state, COUNCIL, SEATED)


def call(day: date = CALLED, **fields: Any) -> CallElection:
    values: dict[str, Any] = {
        "election": "e1",
        "office": "presidium-member",
        "nominations_close": NOMINATIONS_CLOSE,
        "ballots_open": OPENS,
        "ballots_close": CLOSES,
        "term_from": TERM,
    }
    values.update(fields)
    return command(CallElection, SEC, day, **values)  # type: ignore[no-any-return]


def nominate(person: str, member: str, day: date = CALLED, election: str = "e1") -> Any:
    return command(
        NominateCandidate,
        actors.council(member),
        day,
        election=election,
        person=person,
        member=member,
    )


def consent(person: str, day: date = CALLED, election: str = "e1") -> Any:
    return command(ConsentToCandidacy, actors.person(person), day, election=election, person=person)


def ballot(elector: str, choices: list[str], day: date = OPENS, election: str = "e1") -> Any:
    return command(CastBallot, actors.person(elector), day, election=election, choices=choices)


def nonce_of(elector: str) -> str:
    """A fixed nonce for an elector's test ballot (a real one is 32 random bytes)."""
    return hashlib.sha256(elector.encode()).hexdigest()


def commit(
    elector: str, choices: list[str], day: date = OPENS, election: str = "e1", nonce: str = ""
) -> Any:
    commitment = ballot_commitment(election, elector, choices, nonce or nonce_of(elector))
    return command(
        CommitBallot, actors.person(elector), day, election=election, commitment=commitment
    )


def reveal(
    elector: str,
    choices: list[str],
    day: date = REVEALED,
    election: str = "e1",
    nonce: str = "",
) -> Any:
    return command(
        RevealBallot,
        actors.person(elector),
        day,
        election=election,
        choices=choices,
        nonce=nonce or nonce_of(elector),
    )


def count(day: date = COUNTED, election: str = "e1") -> Any:
    return command(CountElection, SEC, day, election=election)


def delegate(member: str) -> str:
    return f"{member}-{COUNCIL}"


#: Candidates to the presidium and the members nominating them.
CANDIDATES = {
    "kalinin": "rsfsr",
    "petrovsky": "ukraine",
    "frunze": "ukraine",
    "chervyakov": "belorussia",
}


def with_candidates(state: FederationState, **fields: Any) -> FederationState:
    """Election e1 called (to the presidium, unless `fields` say otherwise), its four
    candidates nominated and consenting."""
    state = apply(state, call(**fields))
    for person, member in CANDIDATES.items():
        state = apply(state, nominate(person, member))
        state = apply(state, consent(person))
    return state
