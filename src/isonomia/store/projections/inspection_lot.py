"""Read tables of the draw no one can steer and of challenges (P17): each principal's
commitment to a case's draw, its value once revealed, and whether it stayed silent; each
challenge of a commissioner, the rulings on it and how it was decided. A case's rows are
shown only to those who see the case (`service/queries/inspection.py`)."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.inspection_lot import (
    ChallengeDecided,
    ChallengeRuled,
    CommissionerChallenged,
    DrawSeedFixed,
    DrawValueCommitted,
    DrawValueRevealed,
)
from isonomia.store.projections.inspection import set_case
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

__all__ = ["challenge_view", "draw_commitment_view"]

#: Who committed to each round's draw of a case, what they revealed, who stayed silent.
draw_commitment_view = read_table(
    sa.Table(
        "draw_commitment_view",
        metadata,
        sa.Column("case", ID, primary_key=True),
        sa.Column("round", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("principal", sa.String(200), primary_key=True),
        sa.Column("commitment", sa.String(64), nullable=False),
        sa.Column("committed_on", D, nullable=False),
        sa.Column("value", sa.String(64)),
        sa.Column("revealed_on", D),
        #: Set when the draw recorded the principal as committed and silent.
        sa.Column("silent", sa.Boolean(), nullable=False),
    )
)

#: Challenges of drawn commissioners, the rulings on each, and how it was decided.
challenge_view = read_table(
    sa.Table(
        "challenge_view",
        metadata,
        sa.Column("case", ID, primary_key=True),
        sa.Column("challenge", ID, primary_key=True),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("party", sa.Text(), nullable=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("challenged_on", D, nullable=False),
        sa.Column("rulings", sa.Text(), nullable=False),  # JSON list of [person, upheld]
        sa.Column("upheld", sa.Boolean()),
        sa.Column("decided_on", D),
    )
)


@projects(DrawValueCommitted)
def _committed(conn: Connection, sequence: int, event: DrawValueCommitted) -> None:
    set_case(conn, event.case, sequence)
    conn.execute(
        draw_commitment_view.insert(),
        dict(
            case=event.case,
            round=event.round,
            principal=event.principal,
            commitment=event.commitment,
            committed_on=iso(event.committed_on),
            silent=False,
        ),
    )


def _commitment(case: str, round_: int, principal: str) -> sa.ColumnElement[bool]:
    c = draw_commitment_view.c
    return sa.and_(c.case == case, c.round == round_, c.principal == principal)


@projects(DrawValueRevealed)
def _revealed(conn: Connection, sequence: int, event: DrawValueRevealed) -> None:
    set_case(conn, event.case, sequence)
    conn.execute(
        sa.update(draw_commitment_view)
        .where(_commitment(event.case, event.round, event.principal))
        .values(value=event.value, revealed_on=iso(event.revealed_on))
    )


@projects(DrawSeedFixed)
def _fixed(conn: Connection, sequence: int, event: DrawSeedFixed) -> None:
    set_case(conn, event.case, sequence)
    for principal in event.silent:
        conn.execute(
            sa.update(draw_commitment_view)
            .where(_commitment(event.case, event.round, principal))
            .values(silent=True)
        )


def _challenge(case: str, challenge: str) -> sa.ColumnElement[bool]:
    c = challenge_view.c
    return sa.and_(c.case == case, c.challenge == challenge)


@projects(CommissionerChallenged)
def _challenged(conn: Connection, sequence: int, event: CommissionerChallenged) -> None:
    set_case(conn, event.case, sequence)
    conn.execute(
        challenge_view.insert(),
        dict(
            case=event.case,
            challenge=event.challenge,
            round=event.round,
            party=event.party,
            person=event.person,
            grounds=event.grounds,
            challenged_on=iso(event.challenged_on),
            rulings="[]",
        ),
    )


@projects(ChallengeRuled)
def _ruled(conn: Connection, sequence: int, event: ChallengeRuled) -> None:
    set_case(conn, event.case, sequence)
    where = _challenge(event.case, event.challenge)
    row = conn.execute(sa.select(challenge_view.c.rulings).where(where)).first()
    if row is None:
        return
    rulings = [*json.loads(row.rulings), [event.person, event.upheld]]
    conn.execute(sa.update(challenge_view).where(where).values(rulings=json.dumps(rulings)))


@projects(ChallengeDecided)
def _decided(conn: Connection, sequence: int, event: ChallengeDecided) -> None:
    set_case(conn, event.case, sequence)
    conn.execute(
        sa.update(challenge_view)
        .where(_challenge(event.case, event.challenge))
        .values(upheld=event.upheld, decided_on=iso(event.decided_on))
    )
