"""Queries over elections (issue 24): an election's call and result, its candidates, its
ballots (open ones, and secret ones once revealed) and the commitments to secret ballots;
and the ballots as the engine's input, to count them again offline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.elections import (
    ballot_view,
    candidate_view,
    commitment_view,
    election_view,
)


@dataclass(frozen=True)
class ElectionRow:
    election: str
    office: str
    organ: str
    method: str
    seats: int
    one_per_member: bool
    called_on: str
    nominations_close: str
    ballots_open: str
    ballots_close: str
    term_from: str
    term_until: str | None
    electorate: int
    counted_on: str | None
    ballots: int | None
    quota: str | None
    elected: str | None
    tables: dict[str, list[list[str]]]
    skipped: list[dict[str, str]]
    #: ``open`` or ``secret``; the reveal window's last day; the commitments not revealed.
    ballot: str = "open"
    reveals_close: str | None = None
    abstentions: int | None = None


@dataclass(frozen=True)
class CandidateRow:
    election: str
    person: str
    member: str
    nominated_on: str
    consented_on: str | None


@dataclass(frozen=True)
class CommitmentRow:
    election: str
    elector: str
    for_member: str | None
    commitment: str
    committed_on: str
    revealed_on: str | None


@dataclass(frozen=True)
class BallotRow:
    election: str
    elector: str
    for_member: str | None
    choices: str
    cast_on: str


def _json(text: str | None, empty: Any) -> Any:
    return json.loads(text) if text else empty


def election(federation: Federation, election_id: str) -> ElectionRow | None:
    """The election's call and, once counted, its result and tables."""
    query = sa.select(election_view).where(election_view.c.election == election_id)
    with federation.db.reading() as conn:
        r = conn.execute(query).first()
    if r is None:
        return None
    return ElectionRow(
        r.election,
        r.office,
        r.organ,
        r.method,
        r.seats,
        bool(r.one_per_member),
        r.called_on,
        r.nominations_close,
        r.ballots_open,
        r.ballots_close,
        r.term_from,
        r.term_until,
        r.electorate,
        r.counted_on,
        r.ballots,
        r.quota,
        r.elected,
        _json(r.tables, {}),
        _json(r.skipped, []),
        r.ballot,
        r.reveals_close,
        r.abstentions,
    )


def candidates(federation: Federation, election_id: str) -> list[CandidateRow]:
    """The election's candidates in the order of nomination, with their consent."""
    query = (
        sa.select(candidate_view)
        .where(candidate_view.c.election == election_id)
        .order_by(candidate_view.c.position)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        CandidateRow(r.election, r.person, r.member, r.nominated_on, r.consented_on) for r in rows
    ]


def commitments(federation: Federation, election_id: str) -> list[CommitmentRow]:
    """The commitments to an election's secret ballots, in the order they were recorded,
    each with the day it was revealed (None: not yet, or never: an abstention)."""
    query = (
        sa.select(commitment_view)
        .where(commitment_view.c.election == election_id)
        .order_by(commitment_view.c.sequence)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        CommitmentRow(
            r.election, r.elector, r.for_member, r.commitment, r.committed_on, r.revealed_on
        )
        for r in rows
    ]


def ballot_kind(federation: Federation, election_id: str) -> str | None:
    """``open`` or ``secret``; None when there is no such election."""
    query = sa.select(election_view.c.ballot).where(election_view.c.election == election_id)
    with federation.db.reading() as conn:
        kind = conn.execute(query).scalar()
    return None if kind is None else str(kind)


def committed(federation: Federation, election_id: str, elector: str) -> bool:
    """Whether `elector` has committed to a secret ballot in the election."""
    c = commitment_view.c
    query = sa.select(c.sequence).where(c.election == election_id, c.elector == elector)
    with federation.db.reading() as conn:
        return conn.execute(query).first() is not None


def ballots(federation: Federation, election_id: str) -> list[BallotRow]:
    """The election's ballots in the order they were recorded: open ones as cast, secret
    ones as revealed (`cast_on`: the day of the reveal)."""
    query = (
        sa.select(ballot_view)
        .where(ballot_view.c.election == election_id)
        .order_by(ballot_view.c.sequence)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [BallotRow(r.election, r.elector, r.for_member, r.choices, r.cast_on) for r in rows]


def ballot_file(federation: Federation, election_id: str) -> str:
    """The election's ballots in the tallies' plain text format (`isonomia tally`): its
    consented candidates declared in the engine's order, then one ballot a line, so the
    count can be made again offline and compared."""
    lines = [
        f"# candidate: {c.person}"
        for c in candidates(federation, election_id)
        if c.consented_on is not None
    ]
    lines += [f"1: {b.choices}" for b in ballots(federation, election_id)]
    return "\n".join(lines) + "\n"
