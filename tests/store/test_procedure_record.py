"""Procedure on both databases (P12, P18): a suspensive objection on a national question
sends a motion back, its read tables show it and clear the first ballots, the new vote is
counted by the question's rule, and the record verifies and rebuilds to the same tables."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from builders import MEMBERS_1922, command, delegate_id, example_1922, found, union_1922
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    TableMotion,
    actors,
)
from isonomia.service import Federation, Keyring, at_day
from isonomia.store.projections.motions import vote_view
from isonomia.store.projections.procedure import sent_back_view

MONDAY = date(1923, 1, 8)
AGAIN = MONDAY + timedelta(days=14)
COUNCIL = "union-council"
SEC = actors.SECRETARIAT

#: The 1922 charter with railways a national question for Georgia, by suspensive objection,
#: and a two-thirds majority of republics for the vote after it.
EXTRA = """
[[decision_rules]]
id = "qualified"
kind = "qualified-majority"
threshold = 0.66

[[procedure.national_questions]]
fields = ["railways"]
protection = "suspensive"
members = ["georgia"]
suspension_days = 14
then_rule = "qualified"
"""


def _do(federation: Federation, cls: type[Any], actor: str, day: date, **fields: Any) -> None:
    federation.execute(command(cls, actor, day, **fields))


def _vote_all(federation: Federation, day: date) -> None:
    for member in MEMBERS_1922:
        _do(
            federation,
            CastVote,
            actors.person(delegate_id(member, COUNCIL)),
            day,
            motion="m1",
            member=member,
            vote="no" if member == "georgia" else "yes",
        )


def test_p12_a_suspensive_objection_is_recorded_shown_and_rebuilt(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    charter = tmp_path / "charter.toml"
    charter.write_text(example_1922().read_text(encoding="utf-8") + EXTRA)
    federation = Federation(database_url, signer=keyring)
    federation.initialize(charter, clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    for member in MEMBERS_1922:
        _do(
            federation,
            AppointDelegate,
            actors.council(member),
            date(1923, 1, 1),
            organ=COUNCIL,
            member=member,
            person=delegate_id(member, COUNCIL),
            term_from=date(1923, 1, 1),
        )
    _do(federation, ConveneSession, SEC, MONDAY, session="s1", organ=COUNCIL, held_on=MONDAY)
    _do(
        federation,
        DraftMotion,
        SEC,
        MONDAY,
        motion="m1",
        organ=COUNCIL,
        title="Uniform railway signals",
        text="Railway signals are uniform across the union.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    _do(federation, TableMotion, SEC, MONDAY, motion="m1", session="s1")
    _vote_all(federation, MONDAY)
    _do(federation, CountVotes, SEC, MONDAY, motion="m1")
    with federation.db.reading() as conn:
        back = conn.execute(sa.select(sent_back_view)).one()
        ballots = conn.execute(sa.select(vote_view).where(vote_view.c.act == "m1")).all()
    assert (back.objected_by, back.vote_from, back.then_rule) == (
        "georgia",
        AGAIN.isoformat(),
        "qualified",
    )
    assert "georgia: no" in back.votes
    assert ballots == []
    _vote_all(federation, AGAIN)
    _do(federation, CountVotes, SEC, AGAIN, motion="m1")
    assert federation.state().acts["m1"].stage.value == "adopted"
    assert federation.verify_ledger().ok
    assert federation.verify_replay().ok
    assert federation.rebuild_projections()[1]
    federation.close()
