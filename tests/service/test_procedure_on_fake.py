"""Procedure through the service over `FakeUnitOfWork` (P4, P12, P14): a draft circulated,
a vote before its notice refused with nothing written, a concerned member's postponement
recorded once, and the record replays."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeUnitOfWork

from builders import MEMBERS_1922, at, command, delegate_id, found, union_1922
from isonomia.charter.model import Notice, Procedure
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    DraftMotion,
    TableMotion,
    actors,
)
from isonomia.domain.procedure import CirculateDraft, RequestPostponement
from isonomia.rules.replay import replay
from isonomia.service import Keyring, Refused, Service, bootstrap
from isonomia.service.building import charter_command

FOUNDED = date(1922, 12, 30)
MONDAY = date(1923, 1, 8)
COUNCIL = "union-council"
SEC = actors.SECRETARIAT


@pytest.fixture
def union(tmp_path: Path) -> Service:
    keyring = Keyring(tmp_path / "keys", provision=True)
    service = bootstrap(uow=FakeUnitOfWork(), keyring=keyring)
    procedure = union_1922().procedure.model_copy(
        update={"notice": [Notice(organ=COUNCIL, kind="decision", days=14)]}
    )
    charter = union_1922().model_copy(update={"procedure": procedure})
    assert isinstance(charter.procedure, Procedure)
    service.adopt(charter_command(charter, at(FOUNDED), "simulated"), keyring)
    founding = found(charter, day=FOUNDED, signed_in=service)  # type: ignore[arg-type]
    service.execute(founding.model_copy(update={"at": at(FOUNDED)}))
    for member in MEMBERS_1922:
        service.execute(
            command(
                AppointDelegate,
                actors.council(member),
                date(1923, 1, 1),
                organ=COUNCIL,
                member=member,
                person=delegate_id(member, COUNCIL),
                term_from=date(1923, 1, 1),
            )
        )
    return service


def _run(service: Service, cls: type[Any], actor: str, day: date, **fields: Any) -> None:
    service.execute(command(cls, actor, day, **fields))


def test_p4_p12_a_circulated_draft_waits_its_notice_and_a_concerned_member_postpones_it(
    union: Service,
) -> None:
    fake = union.uow
    assert isinstance(fake, FakeUnitOfWork)
    _run(
        union,
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
    _run(union, CirculateDraft, SEC, MONDAY, motion="m1")
    later = MONDAY + timedelta(days=7)
    _run(union, ConveneSession, SEC, MONDAY, session="s1", organ=COUNCIL, held_on=later)
    _run(
        union,
        TableMotion,
        SEC,
        MONDAY,
        motion="m1",
        session="s1",
        voting_closes_on=MONDAY + timedelta(days=21),
    )
    with pytest.raises(Refused, match="before its notice has run") as caught:
        _run(
            union,
            CastVote,
            actors.person(delegate_id("ukraine", COUNCIL)),
            later,
            motion="m1",
            member="ukraine",
            vote="yes",
        )
    assert caught.value.refusal.principle == "P4"
    # Nothing of the vote is written (the delegate's key, brought on first use, is).
    assert "VoteCast" not in [e.event_type for e in fake.entries]
    _run(
        union,
        RequestPostponement,
        actors.council("georgia"),
        later,
        motion="m1",
        member="georgia",
        reason="our delegate returns next month",
    )
    assert fake.entries[-1].event_type == "VotePostponed"
    with pytest.raises(Refused, match="once per motion"):
        _run(
            union,
            RequestPostponement,
            actors.council("georgia"),
            later,
            motion="m1",
            member="georgia",
            reason="again",
        )
    assert [e.event_type for e in fake.entries].count("DraftCirculated") == 1
    report = replay(fake.entries)
    assert report.ok, report.describe()
