"""Deadlines and reminders from the command line (P3, P4, P6, P12): what the record says runs
out for each member, read from the read tables, and the reminders the charter's lead times
give; an unknown member is one line with exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_world import REPUBLICS as MEMBERS
from cli_world import founded_1922, invoke, ok

NOTICE = "notice ends; the vote may be held from this day"


def rows(db: str, on: str, *more: str) -> list[dict[str, object]]:
    found = json.loads(ok(invoke("deadlines", "--db", db, "--on", on, "--json", *more)))
    # Language versions awaited are pending items of their own; these tests look at dates.
    return [r for r in found if not str(r["kind"]).startswith("language version")]


@pytest.fixture
def db(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shipped 1922 example: 14 days' notice for the union council's decisions."""
    keys = tmp_path / "keys"
    monkeypatch.setenv("ISONOMIA_KEYRING", str(keys))
    url = founded_1922(url=database_url, keys=keys)
    at = ["--db", url, "--at", "1923-01-10"]
    draft = ["motion", "draft", "rails", "--organ", "union-council", "--title", "Rails"]
    ok(invoke(*draft, "--field", "railways", "--kind", "decision", "--force", "mandatory", *at))
    ok(invoke("motion", "circulate", "rails", "--concerned", "georgia", *at))
    return url


def test_p4_a_circulated_motion_shows_its_notice_to_every_members_council(db: str) -> None:
    assert rows(db, "1923-01-09") == []  # nothing circulated yet that day
    notice = rows(db, "1923-01-12")
    assert {r["member"] for r in notice} == set(MEMBERS)
    assert {(r["kind"], r["subject"], r["due_on"], r["days_left"]) for r in notice} == {
        (NOTICE, "rails", "1923-01-24", 12)
    }
    georgia = rows(db, "1923-01-12", "--member", "georgia")
    assert [r["member"] for r in georgia] == ["georgia"]
    assert rows(db, "1923-01-25") == []  # the notice ran out: nothing left to remind of


def test_p4_reminders_fall_on_the_charters_lead_days_only(db: str) -> None:
    # The charter's default [procedure] reminder_days: 14, 3 and 1 days before.
    for day, expected in (("1923-01-10", 14), ("1923-01-21", 3), ("1923-01-23", 1)):
        found = rows(db, day, "--reminders", "--member", "ukraine")
        assert [(r["subject"], r["days_left"]) for r in found] == [("rails", expected)]
    assert rows(db, "1923-01-12", "--reminders") == []


def test_p12_a_postponed_vote_is_a_deadline_for_every_member(db: str) -> None:
    at = ["--db", db, "--at", "1923-01-11"]
    ok(invoke("motion", "postpone", "rails", "--member", "georgia", "--reason", "away", *at))
    later = [r for r in rows(db, "1923-01-12") if r["member"] is None]
    assert [(r["subject"], r["due_on"]) for r in later] == [
        ("rails", "1923-02-07")
    ]  # 14 days after the notice
    assert "postponed" in str(later[0]["kind"])


def test_p3_a_decided_secession_is_a_deadline_of_the_seceding_member(db: str) -> None:
    decide = ["secession", "decide", "armenia", "--db", db, "--at", "1923-02-01"]
    ok(invoke(*decide))
    leaving = [r for r in rows(db, "1923-02-02") if r["subject"] == "armenia"]
    assert len(leaving) == 1 and leaving[0]["member"] == "armenia"
    assert leaving[0]["kind"] == "secession takes effect"
    assert rows(db, "1923-02-02", "--member", "georgia") == []  # not Georgia's deadline


def test_deadlines_table_and_csv_name_the_same_rows(db: str) -> None:
    shown = ok(invoke("deadlines", "--db", db, "--on", "1923-01-12", "--member", "armenia"))
    assert "rails" in shown and "1923-01-24" in shown
    text = ok(invoke("deadlines", "--db", db, "--on", "1923-01-12", "--csv", "--member", "armenia"))
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[0].keys() >= {"due_on", "kind", "subject", "member", "days_left"}
    assert [r["subject"] for r in parsed if r["kind"] == NOTICE] == ["rails"]


def test_deadlines_of_an_unknown_member_is_one_line_and_exit_2(db: str) -> None:
    result = invoke("deadlines", "--db", db, "--on", "1923-01-12", "--member", "narnia")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["narnia is not a member on 1923-01-12"]


def test_the_api_answers_the_same_deadlines_and_reminders_as_the_cli(db: str) -> None:
    from fastapi.testclient import TestClient

    from isonomia.web.app import create_app

    with TestClient(create_app(db)) as client:
        answer = client.get("/api/v1/deadlines", params={"on": "1923-01-21", "member": "rsfsr"})
        assert answer.status_code == 200
        dated = [r for r in answer.json() if not r["kind"].startswith("language version")]
        assert dated == rows(db, "1923-01-21", "--member", "rsfsr")
        due = client.get("/api/v1/deadlines", params={"on": "1923-01-21", "reminders": "true"})
        assert {r["days_left"] for r in due.json()} == {3}
