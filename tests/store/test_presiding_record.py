"""The presidency presides on both databases (P5, P18): the presiding delegates sign the
council's procedure, a designation is kept in its read table, the gavel passes when the
president's secession takes effect mid-term, and the record verifies, replays and rebuilds
to the same tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from builders import MEMBERS_1922, command, delegate_id, found, secede, union_1922
from isonomia.domain import AppointDelegate, ConveneSession, actors
from isonomia.domain.presidency import DesignatePresidingDelegate
from isonomia.service import Federation, Keyring, Refused, at_day, example_charter, queries
from isonomia.store.projections.presidency import presiding_delegate_view

COUNCIL = "union-council"


def _do(federation: Federation, cls: type[Any], actor: str, day: date, **fields: Any) -> None:
    federation.execute(command(cls, actor, day, **fields))


def _convene(federation: Federation, actor: str, day: date, session: str) -> None:
    _do(federation, ConveneSession, actor, day, session=session, organ=COUNCIL, held_on=day)


def test_p5_the_presiding_delegates_record_replays_and_rebuilds(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    text = example_charter("union-1922").read_text(encoding="utf-8")
    charter = tmp_path / "charter.toml"
    charter.write_text(text.replace('presides = "secretariat"', 'presides = "delegate"'))
    federation = Federation(database_url, signer=keyring)
    federation.initialize(charter, clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    seated = date(1923, 1, 1)
    for member, person in [
        *((m, delegate_id(m, COUNCIL)) for m in MEMBERS_1922),
        ("rsfsr", "kalinin"),
    ]:
        _do(
            federation,
            AppointDelegate,
            actors.council(member),
            seated,
            organ=COUNCIL,
            member=member,
            person=person,
            term_from=seated,
        )
    _do(
        federation,
        DesignatePresidingDelegate,
        actors.council("rsfsr"),
        seated,
        member="rsfsr",
        organ=COUNCIL,
        person="kalinin",
        term=1,
    )
    with pytest.raises(Refused) as refused:
        _convene(federation, actors.SECRETARIAT, date(1923, 1, 8), "s0")
    assert refused.value.refusal.principle == "P5"
    _convene(federation, actors.person("kalinin"), date(1923, 1, 8), "s1")
    # Ukraine presides in the second term; its secession takes effect on 1923-05-16.
    federation.execute(secede("ukraine", date(1923, 2, 15)))
    _convene(federation, actors.person(delegate_id("ukraine", COUNCIL)), date(1923, 5, 14), "s2")
    with pytest.raises(Refused):
        _convene(
            federation, actors.person(delegate_id("ukraine", COUNCIL)), date(1923, 5, 21), "s3"
        )
    _convene(federation, actors.person(delegate_id("georgia", COUNCIL)), date(1923, 5, 21), "s3")
    shown = queries.presiding(federation, COUNCIL, date(1923, 5, 21))
    assert (shown.member, shown.delegate, shown.term) == (
        "georgia",
        "person:georgia-union-council",
        2,
    )
    first = queries.presiding(federation, COUNCIL, date(1923, 1, 8))
    assert (first.delegate, first.designated) == ("person:kalinin", True)
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(presiding_delegate_view)).all()
    assert [(r.organ, r.term, r.member, r.person) for r in rows] == [
        (COUNCIL, 1, "rsfsr", "kalinin")
    ]
    assert federation.verify_ledger().ok
    assert federation.verify_replay().ok
    assert federation.rebuild_projections()[1]
    federation.close()
