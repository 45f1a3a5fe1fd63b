"""Organs decide only from signed votes, through the service on SQLite and PostgreSQL (P2,
P4): a candidate is admitted by a motion its delegations vote on themselves; an envelope
asserting the members' votes, and an early count, are refused and write nothing; a member's
council tables a motion; the read tables show each vote from its day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from builders import at, cid, example_1922, found, request_accession, union_1922
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    Command,
    ConveneSession,
    CountVotes,
    ProposeAdmission,
    TableMotion,
    actors,
)
from isonomia.ledger.envelope import sign_command
from isonomia.service import Federation, Keyring, Refused, at_day, queries

COUNCIL = "union-council"
OPENS, CLOSES = date(1925, 5, 11), date(1925, 5, 13)  # a Monday, and the Wednesday after
FOUNDERS = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")
MOTION = "admission-uzbekistan"


def _do(federation: Federation, cls: type[Command], actor: str, day: date, **fields: Any) -> None:
    federation.execute(cls(command_id=cid(), actor=actor, at=at(day), **fields))


def _refused(
    federation: Federation, cls: type[Command], actor: str, day: date, **fields: Any
) -> str:
    """The one line refusing the command (P4); it writes nothing. It is signed first, so a
    key the test keyring makes for its actor is registered before the ledger is measured."""
    assert federation.signer is not None
    command = cls(command_id=cid(), actor=actor, at=at(day), **fields)
    envelope = federation.sign(command, federation.signer)
    before = federation.ledger_length()
    with pytest.raises(Refused) as caught:
        federation.submit(envelope)
    assert caught.value.refusal.principle == "P4", caught.value.line()
    assert federation.ledger_length() == before
    return caught.value.line()


def _vote(federation: Federation, member: str, day: date, vote: str = "yes") -> None:
    person = actors.person(f"{member}-{COUNCIL}")
    _do(federation, CastVote, person, day, motion=MOTION, member=member, vote=vote)


@pytest.fixture
def union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    """The 1922 union with a delegate of each founder in the union council, Uzbekistan's
    congress's decision to join, and a session of the council on OPENS."""
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    federation.execute(request_accession("uzbekistan", date(1925, 2, 17)))
    for member in FOUNDERS:
        _do(
            federation,
            AppointDelegate,
            actors.council(member),
            OPENS,
            organ=COUNCIL,
            member=member,
            person=f"{member}-{COUNCIL}",
            term_from=OPENS,
        )
    _do(
        federation,
        ConveneSession,
        actors.organ("presidium"),
        OPENS,
        session="uc-1",
        organ=COUNCIL,
        held_on=OPENS,
    )
    yield federation
    federation.close()


def test_p4_no_officer_can_assert_members_votes_on_an_admission(
    union: Federation, keyring: Keyring
) -> None:
    # The attack as recorded before: the council's presiding officer (whose key the
    # secretariat registers) records the admission with every member's vote filled in.
    officer = keyring.key_for(actors.organ(COUNCIL))
    assert officer is not None
    body = {
        "type": "AdmitMember",
        "command_id": cid(),
        "actor": actors.organ(COUNCIL),
        "at": at(OPENS).isoformat(),
        "candidate": "uzbekistan",
        "votes": dict.fromkeys(FOUNDERS, "yes"),
    }
    before = union.ledger_length()
    with pytest.raises(Refused) as caught:
        union.submit(sign_command(body, actors.organ(COUNCIL), officer))
    assert caught.value.line().startswith("refused (P4): no command may assert the members' votes")
    assert union.ledger_length() == before
    # Nor can the officer move the motion and count it before the delegations have voted.
    _do(
        union, ProposeAdmission, actors.organ(COUNCIL), OPENS, motion=MOTION, candidate="uzbekistan"
    )
    _do(union, TableMotion, actors.organ(COUNCIL), OPENS, motion=MOTION, session="uc-1")
    line = _refused(union, CountVotes, actors.organ(COUNCIL), OPENS, motion=MOTION)
    assert "have not voted yet: rsfsr, ukraine, georgia, belorussia, armenia, azerbaijan" in line
    assert not union.state().is_member("uzbekistan", OPENS)


def test_p2_p4_a_candidate_is_admitted_by_its_delegations_own_signed_votes(
    union: Federation,
) -> None:
    ukraine = actors.council("ukraine")
    _do(union, ProposeAdmission, ukraine, OPENS, motion=MOTION, candidate="uzbekistan")
    _do(
        union,
        TableMotion,
        ukraine,
        OPENS,
        motion=MOTION,
        session="uc-1",
        voting_closes_on=CLOSES,
    )
    for member in FOUNDERS[:-1]:
        _vote(union, member, OPENS)
    line = _refused(union, CountVotes, actors.SECRETARIAT, OPENS, motion=MOTION)
    assert "open until the end of 1925-05-13" in line and "azerbaijan" in line
    _vote(union, "azerbaijan", CLOSES)
    _do(union, CountVotes, actors.SECRETARIAT, CLOSES, motion=MOTION)
    rows = {r.id: r for r in queries.members(union, CLOSES)}
    assert rows["uzbekistan"].status == "member"
    assert rows["uzbekistan"].joined_on == CLOSES.isoformat()
    first_day = queries.act_detail(union, MOTION, OPENS)
    assert first_day is not None and len(first_day.votes) == 5
    closed = queries.act_detail(union, MOTION, CLOSES)
    assert closed is not None and closed.row.stage == "adopted" and len(closed.votes) == 6
    assert closed.row.field == "accession" and closed.row.organ == COUNCIL
    replayed, equal = union.rebuild_projections()
    assert equal and replayed == union.ledger_length()
    assert union.verify_ledger().ok


def test_p4_a_members_council_tables_a_motion_in_the_council_it_sits_in(
    union: Federation,
) -> None:
    _do(union, ProposeAdmission, actors.SECRETARIAT, OPENS, motion=MOTION, candidate="uzbekistan")
    line = _refused(
        union, TableMotion, actors.council("uzbekistan"), OPENS, motion=MOTION, session="uc-1"
    )
    assert "council:uzbekistan cannot issue it" in line
    _do(union, TableMotion, actors.council("georgia"), OPENS, motion=MOTION, session="uc-1")
    assert union.state().acts[MOTION].stage.value == "tabled"
    agenda = next(s for s in queries.sessions(union) if s.id == "uc-1").agenda
    assert f"motion {MOTION}: Admission of Republic uzbekistan" in agenda
