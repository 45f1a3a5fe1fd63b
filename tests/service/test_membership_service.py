"""Membership through the one pipeline, on SQLite and PostgreSQL: a rejoining member keeps
its earlier membership in the read tables (P5), acts dated after the day they are recorded
are refused (P18), and the live union's rules are audited on its members of the day (P12)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import admission_commands, example_1922, found, request_accession, secede, union_1922
from isonomia.charter import load_charter
from isonomia.charter.model import Member
from isonomia.cli.main import app
from isonomia.service import Federation, Keyring, Refused, at_day, example_charter, queries
from isonomia.service.audit import audit_union

FOUNDED = date(1922, 12, 30)
LEFT = date(1923, 5, 1) + timedelta(days=90)
REJOINED = date(1923, 10, 15)


@pytest.fixture
def federation(database_url: str, keyring: Keyring):
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(FOUNDED))
    federation.execute(found(union_1922(), signed_in=federation))
    yield federation
    federation.close()


def _ukraine_leaves_and_rejoins(federation: Federation) -> None:
    federation.execute(secede("ukraine", date(1923, 5, 1)))
    federation.execute(request_accession("ukraine", REJOINED))
    voters = [m.id for m in federation.state().members_on(REJOINED)]
    votes = dict.fromkeys(voters, "yes")
    state = federation.state()
    for step in admission_commands(state, "ukraine", REJOINED, votes, in_order=True):
        federation.execute(step)


def test_p5_members_lists_both_memberships_of_a_member_that_rejoined(
    federation: Federation,
) -> None:
    _ukraine_leaves_and_rejoins(federation)
    rows = [r for r in queries.members(federation, REJOINED) if r.id == "ukraine"]
    assert [(r.status, r.joined_on, r.leaves_on, r.founding) for r in rows] == [
        ("seceded", "1922-12-30", LEFT.isoformat(), True),
        ("member", REJOINED.isoformat(), None, False),
    ]
    earlier = [r for r in queries.members(federation, date(1923, 4, 16)) if r.id == "ukraine"]
    assert [r.status for r in earlier] == ["member"]
    seceding = [r for r in queries.members(federation, date(1923, 6, 1)) if r.id == "ukraine"]
    assert [r.status for r in seceding] == ["seceding"]
    [tenure] = [r for r in queries.presidency_rows(federation, date(1923, 4, 16), 0) if r.current]
    assert tenure.member == "ukraine"
    replayed, equal = federation.rebuild_projections()
    assert equal and replayed == federation.ledger_length()


def test_p5_the_members_command_shows_each_membership_from_the_day_it_begins(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    federation = Federation(url, signer=Keyring(tmp_path / "union.db.keys", provision=True))
    federation.initialize(example_1922(), clock="simulated", at=at_day(FOUNDED))
    federation.execute(found(union_1922(), signed_in=federation))
    _ukraine_leaves_and_rejoins(federation)
    federation.close()
    for day, memberships in ((date(1923, 4, 16), 1), (REJOINED, 2)):
        out = CliRunner().invoke(
            app, ["members", "--db", url, "--on", day.isoformat()], env={"COLUMNS": "200"}
        )
        assert out.exit_code == 0, out.output
        rows = [line for line in out.output.splitlines() if line.startswith("│ ukraine ")]
        assert len(rows) == memberships, out.output


def test_p18_an_act_dated_after_the_day_it_is_recorded_is_refused_and_nothing_written(
    federation: Federation,
) -> None:
    length = federation.ledger_length()
    with pytest.raises(Refused) as refused:
        federation.execute(secede("ukraine", date(2099, 1, 1)))
    assert refused.value.refusal.principle == "P18"
    assert federation.ledger_length() == length
    assert [r.status for r in queries.members(federation) if r.id == "ukraine"] == ["member"]


def test_p5_a_presidency_past_the_calendar_is_refused_in_one_line(federation: Federation) -> None:
    with pytest.raises(Refused) as refused:
        queries.presidency_rows(federation, date(9999, 12, 31), 6)
    assert refused.value.refusal.principle == "P5"


def test_p12_the_live_union_is_audited_on_its_members_of_the_day(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coops.db'}"
    federation = Federation(url, signer=Keyring(tmp_path / "coops.db.keys", provision=True))
    founded = date(2024, 1, 4)
    federation.initialize(example_charter("cooperatives"), clock="simulated", at=at_day(founded))
    coops = load_charter(example_charter("cooperatives"))
    federation.execute(found(coops, founded, signed_in=federation))
    assert audit_union(federation, founded).sound
    for member in ("ardatz", "ushirika-pwani"):
        federation.execute(secede(member, founded))
    later = founded + timedelta(days=200)
    result = audit_union(federation, later)
    assert not result.sound
    ordinary = next(r for r in result.rules if r.rule == "ordinary")
    assert any("terra-viva can pass decisions alone" in b for b in ordinary.breaches)
    federation.close()
    runner = CliRunner()
    out = runner.invoke(app, ["audit", "--db", url, "--on", later.isoformat(), "--json"])
    assert out.exit_code == 1, out.output
    assert json.loads(out.output)["sound"] is False
    founding = runner.invoke(app, ["audit", "--db", url, "--on", founded.isoformat()])
    assert founding.exit_code == 0, founding.output


def test_p1_a_founding_decision_without_its_date_is_an_error_not_today(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coops.db'}"
    runner = CliRunner()
    charter = str(example_charter("cooperatives"))
    assert (
        runner.invoke(
            app,
            [
                "init",
                "--charter",
                charter,
                "--db",
                url,
                "--clock",
                "simulated",
                "--at",
                "2024-01-04",
            ],
        ).exit_code
        == 0
    )
    members = [m.id for m in load_members()]
    decisions = [f"--decision={m}:2024-01-02" for m in members[1:]]
    out = runner.invoke(
        app, ["found", "--on", "2024-01-04", f"--decision={members[0]}", *decisions, "--db", url]
    )
    assert out.exit_code == 2, out.output
    assert "MEMBER:YYYY-MM-DD" in out.output
    assert "Traceback" not in out.output
    before = runner.invoke(
        app,
        [
            "found",
            "--on",
            "2024-01-03",
            *[f"--decision={m}:2024-01-02" for m in members],
            "--db",
            url,
        ],
    )
    assert before.exit_code == 2, before.output
    assert before.output.startswith("refused (P")  # before the charter: the record says so


def load_members() -> list[Member]:
    return load_charter(example_charter("cooperatives")).members
