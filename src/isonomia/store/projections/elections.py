"""Read tables of elections (issue 24): each election's call and result, its candidates with
who nominated them and their consent, the ballots (open ones as cast, secret ones once
revealed), the commitments to secret ballots, and the count's tables."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.elections import (
    BallotCast,
    CandidacyConsented,
    CandidateNominated,
    ElectionCalled,
    ElectionCounted,
)
from isonomia.domain.secret_ballots import BallotCommitted, BallotRevealed
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

election_view = read_table(
    sa.Table(
        "election_view",
        metadata,
        sa.Column("election", ID, primary_key=True),
        sa.Column("office", ID, nullable=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("one_per_member", sa.Boolean(), nullable=False),
        sa.Column("called_on", D, nullable=False),
        sa.Column("nominations_close", D, nullable=False),
        sa.Column("ballots_open", D, nullable=False),
        sa.Column("ballots_close", D, nullable=False),
        sa.Column("term_from", D, nullable=False),
        sa.Column("term_until", D),
        #: How many persons the call named as electors (0: the organ's delegates vote).
        sa.Column("electorate", sa.Integer(), nullable=False),
        sa.Column("counted_on", D),
        sa.Column("ballots", sa.Integer()),
        sa.Column("quota", sa.Text()),
        #: The elected, comma-separated, in the order of election.
        sa.Column("elected", sa.Text()),
        #: The count's tables and skipped winners, as the record's JSON.
        sa.Column("tables", sa.Text()),
        sa.Column("skipped", sa.Text()),
        #: ``open`` or ``secret``; for secret ballots the reveal window's last day and, once
        #: counted, the commitments never revealed.
        sa.Column("ballot", sa.String(8), nullable=False, server_default="open"),
        sa.Column("reveals_close", D),
        sa.Column("abstentions", sa.Integer()),
    )
)

candidate_view = read_table(
    sa.Table(
        "candidate_view",
        metadata,
        sa.Column("election", ID, primary_key=True),
        sa.Column("person", ID, primary_key=True),
        #: The order of nomination: the engine's candidate order.
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("nominated_on", D, nullable=False),
        sa.Column("consented_on", D),
    )
)

ballot_view = read_table(
    sa.Table(
        "ballot_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("election", ID, nullable=False),
        sa.Column("elector", ID, nullable=False),
        sa.Column("for_member", ID),
        #: The choices, most preferred first, separated by " > ".
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("cast_on", D, nullable=False),
        sa.Index("ix_ballot_view_election", "election"),
    )
)

commitment_view = read_table(
    sa.Table(
        "ballot_commitment_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("election", ID, nullable=False),
        sa.Column("elector", ID, nullable=False),
        sa.Column("for_member", ID),
        #: SHA-256 of the domain-separated ballot and nonce, hex.
        sa.Column("commitment", sa.String(64), nullable=False),
        sa.Column("committed_on", D, nullable=False),
        sa.Column("revealed_on", D),
        sa.Index("ix_ballot_commitment_view_election", "election"),
    )
)


@projects(ElectionCalled)
def _called(conn: Connection, sequence: int, event: ElectionCalled) -> None:
    conn.execute(
        election_view.insert(),
        dict(
            election=event.election,
            office=event.office,
            organ=event.organ,
            method=event.method,
            seats=event.seats,
            one_per_member=event.one_per_member,
            called_on=iso(event.called_on),
            nominations_close=iso(event.nominations_close),
            ballots_open=iso(event.ballots_open),
            ballots_close=iso(event.ballots_close),
            term_from=iso(event.term_from),
            term_until=iso(event.term_until),
            electorate=len(event.electorate),
            ballot=event.ballot,
            reveals_close=iso(event.reveals_close),
        ),
    )


@projects(CandidateNominated)
def _nominated(conn: Connection, sequence: int, event: CandidateNominated) -> None:
    conn.execute(
        candidate_view.insert(),
        dict(
            election=event.election,
            person=event.person,
            position=sequence,
            member=event.member,
            nominated_on=iso(event.nominated_on),
        ),
    )


@projects(CandidacyConsented)
def _consented(conn: Connection, sequence: int, event: CandidacyConsented) -> None:
    conn.execute(
        sa.update(candidate_view)
        .where(
            candidate_view.c.election == event.election,
            candidate_view.c.person == event.person,
        )
        .values(consented_on=iso(event.consented_on))
    )


@projects(BallotCast)
def _cast(conn: Connection, sequence: int, event: BallotCast) -> None:
    conn.execute(
        ballot_view.insert(),
        dict(
            sequence=sequence,
            election=event.election,
            elector=event.elector,
            for_member=event.for_member,
            choices=" > ".join(event.choices),
            cast_on=iso(event.cast_on),
        ),
    )


@projects(ElectionCounted)
def _counted(conn: Connection, sequence: int, event: ElectionCounted) -> None:
    conn.execute(
        sa.update(election_view)
        .where(election_view.c.election == event.election)
        .values(
            counted_on=iso(event.counted_on),
            ballots=event.ballots,
            quota=event.quota,
            elected=", ".join(event.elected),
            tables=json.dumps(event.tables, ensure_ascii=False),
            skipped=json.dumps(event.skipped, ensure_ascii=False),
            abstentions=event.abstentions,
        )
    )


@projects(BallotCommitted)
def _committed(conn: Connection, sequence: int, event: BallotCommitted) -> None:
    conn.execute(
        commitment_view.insert(),
        dict(
            sequence=sequence,
            election=event.election,
            elector=event.elector,
            for_member=event.for_member,
            commitment=event.commitment,
            committed_on=iso(event.committed_on),
        ),
    )


@projects(BallotRevealed)
def _revealed(conn: Connection, sequence: int, event: BallotRevealed) -> None:
    conn.execute(
        sa.update(commitment_view)
        .where(
            commitment_view.c.election == event.election,
            commitment_view.c.elector == event.elector,
        )
        .values(revealed_on=iso(event.revealed_on))
    )
    conn.execute(
        ballot_view.insert(),
        dict(
            sequence=sequence,
            election=event.election,
            elector=event.elector,
            for_member=event.for_member,
            choices=" > ".join(event.choices),
            cast_on=iso(event.revealed_on),
        ),
    )
