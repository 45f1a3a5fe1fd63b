"""The journal, deadlines and budget pages on the demo's union (P4, P6, P8, P14): a member's
page lists its deadlines and marks the ones it is reminded of that day; the journal keeps
to one field when asked; the budget page draws each member's share and what it paid."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from isonomia.web.app import create_app
from played_demo import PlayedDemo

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, played_demo: PlayedDemo
) -> Iterator[TestClient]:
    db = played_demo.copy_to(tmp_path_factory.mktemp("demo26")).db
    with TestClient(create_app(f"sqlite:///{db}")) as test_client:
        yield test_client


def test_p6_a_members_page_lists_its_deadlines_and_marks_its_reminders(client: TestClient) -> None:
    page = client.get("/members/armenia", params={"on": "1923-01-26", "lang": "en"}, headers=HTML)
    assert page.status_code == 200
    section = re.search(r'<section id="deadlines">(.*?)</section>', page.text, re.S)
    assert section is not None
    reminded = re.findall(r'<tr class="reminder">(.*?)</tr>', section.group(1), re.S)
    # Fourteen days before the appeal window on the railway tariffs closes (1923-02-09).
    assert any("1923-02-09" in row and "sto-tariffs" in row for row in reminded)
    assert "appeal window closes" in section.group(1)


def test_p8_the_journal_keeps_to_one_field(client: TestClient) -> None:
    every = client.get("/api/v1/journal", params={"on": "1926-12-31"}).json()
    railways = client.get("/api/v1/journal", params={"on": "1926-12-31", "field": "railways"})
    kept = [item for issue in railways.json() for item in issue["items"]]
    assert kept and {item["field"] for item in kept} == {"railways"}
    assert len(kept) < sum(len(issue["items"]) for issue in every)
    page = client.get("/journal", params={"on": "1926-12-31", "field": "railways"}, headers=HTML)
    assert page.status_code == 200 and 'aria-current="page">railways<' in page.text


def test_p4_the_budget_page_draws_each_members_share(client: TestClient) -> None:
    page = client.get("/budget", params={"lang": "en"}, headers=HTML)
    assert page.status_code == 200
    chart = re.search(r'<figure id="shares-chart">(.*?)</figure>', page.text, re.S)
    assert chart is not None
    shares = re.findall(r"<title>share: ([\d.,]+)</title>", chart.group(1))
    rows = re.findall(r'<tr><td><a href="/budget/([a-z-]+)">', page.text)
    assert len(shares) == len(rows) > 0


def test_p4_a_secret_ballots_reveal_window_is_a_deadline_and_a_reminder(client: TestClient) -> None:
    due = client.get("/api/v1/deadlines", params={"on": "1925-12-18", "reminders": "true"})
    reveals = [r for r in due.json() if r["kind"].startswith("secret ballots must be revealed")]
    assert [(r["subject"], r["due_on"], r["days_left"]) for r in reveals] == [
        ("secretary-1925", "1925-12-21", 3)
    ]


def test_p4_the_demo_leaves_a_vote_open_for_its_delegate_on_the_day_its_pages_show(
    client: TestClient,
) -> None:
    page = client.get("/acts/uc-through-trains", params={"lang": "en"}, headers=HTML)
    assert page.status_code == 200
    closes = re.search(r"voting closes on (\d{4}-\d\d-\d\d)", page.text)
    shown = re.search(r"As of (\d{4}-\d\d-\d\d)", page.text)
    assert closes is not None and shown is not None
    assert shown.group(1) < closes.group(1)  # the example's delegate can still vote on it
    organ = client.get("/api/v1/organs", params={"on": shown.group(1)}).json()
    council = next(o for o in organ if o["id"] == "union-council")
    assert any(seat.startswith("ukraine: ") for seat in council["delegates"])
