"""Sanctions through the service, on SQLite and PostgreSQL (P17): final findings' removal
ends the official's seat in the read tables too (`organ list`), the offices report and the
person's sanctions show it (CLI query and API), his next vote is refused with nothing
written, and replay and a rebuild of the read tables derive the same."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from test_inspection_service import DAY, OFFICIAL, _decide, _open_case, union

from builders import command
from isonomia.domain import CastVote, ConveneSession, DraftMotion, TableMotion, actors
from isonomia.domain.inspection import (
    DrawCommission,
    FileComplaint,
    ProposeFindings,
    SignFindings,
)
from isonomia.service import Federation, Refused, queries
from isonomia.web.app import create_app

__all__ = ["union"]

LATER = DAY + timedelta(days=28)


def test_p17_a_removal_shows_in_the_read_tables_and_refuses_the_next_vote(
    union: Federation,
) -> None:
    _decide(union, _open_case(union), "f-1")
    sovnarkom = {o.id: o for o in queries.organs(union, DAY)}["sovnarkom"]
    assert not any(OFFICIAL in d for d in sovnarkom.delegates)
    [row] = queries.sanctions(union, OFFICIAL)
    assert (row.sanction, row.case, row.offices) == (
        "removal from office",
        "case-1",
        ["organ:sovnarkom for rsfsr"],
    )
    assert row.bar_until == (DAY + timedelta(days=730)).isoformat()
    report = {r.person: r for r in queries.offices_report(union, LATER)}
    assert report[OFFICIAL].count == 0
    assert report[OFFICIAL].sanctions[0].startswith("removal from office (case case-1")
    union.execute(
        command(
            ConveneSession,
            actors.SECRETARIAT,
            LATER,
            session="snk-1",
            organ="sovnarkom",
            held_on=LATER,
        )
    )
    union.execute(
        command(
            DraftMotion,
            actors.SECRETARIAT,
            LATER,
            motion="snk-m",
            organ="sovnarkom",
            title="tariffs",
            text="t",
            field="railways",
            kind="decision",
            force="advisory",
        )
    )
    union.execute(command(TableMotion, actors.SECRETARIAT, LATER, motion="snk-m", session="snk-1"))
    length = union.ledger_length()
    vote = command(
        CastVote, actors.person(OFFICIAL), LATER, motion="snk-m", member="rsfsr", vote="yes"
    )
    with pytest.raises(Refused) as refused:
        union.execute(vote)
    assert refused.value.refusal.principle == "P17"
    assert "case case-1" in str(refused.value.refusal)
    assert union.ledger_length() == length
    assert union.verify_replay().ok
    with TestClient(create_app(union.db.url)) as client:
        shown = client.get(f"/api/v1/persons/{OFFICIAL}/sanctions").json()
        assert [(s["sanction"], s["case"]) for s in shown] == [("removal from office", "case-1")]
        assert client.get("/api/v1/persons/nobody/sanctions").json() == []
    before = queries.sanctions(union)
    assert union.rebuild_projections()[1]
    assert queries.sanctions(union) == before


def test_p17_a_suspension_shows_in_organ_list_and_the_report_then_ends(
    union: Federation,
) -> None:
    union.execute(
        command(
            FileComplaint,
            actors.person("kabakhidze"),
            DAY,
            case="case-1",
            kind="abuse-of-office",
            accused=[OFFICIAL],
            summary="used his office against Georgia's delegates",
        )
    )
    union.execute(command(DrawCommission, actors.INSPECTION, DAY, case="case-1"))
    commission = union.state().inspection.cases["case-1"].commission
    union.execute(
        command(
            ProposeFindings,
            actors.person(commission[0]),
            DAY,
            case="case-1",
            findings="f-1",
            text="he did",
            established=True,
            sanction="suspension from office",
        )
    )
    union.execute(
        command(SignFindings, actors.person(commission[1]), DAY, case="case-1", findings="f-1")
    )
    resumes = DAY + timedelta(days=90)
    sovnarkom = {o.id: o for o in queries.organs(union, LATER)}["sovnarkom"]
    assert f"rsfsr: {OFFICIAL} (suspended until {resumes})" in sovnarkom.delegates
    row = {r.person: r for r in queries.offices_report(union, LATER)}[OFFICIAL]
    assert row.count == 0 and row.offices == ["organ:sovnarkom for rsfsr (suspended)"]
    assert row.sanctions[0].startswith("suspension from office (case case-1")
    after = {o.id: o for o in queries.organs(union, resumes)}["sovnarkom"]
    assert f"rsfsr: {OFFICIAL}" in after.delegates
    assert {r.person: r for r in queries.offices_report(union, resumes)}[OFFICIAL].count == 1
