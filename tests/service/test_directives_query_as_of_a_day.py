"""Directives as of a day, through the one pipeline on SQLite and PostgreSQL (P3, P8): a
member that has left owes nothing, one in which the directive is not yet in force owes
nothing yet (P14), and the `directives --on` command shows it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import MEMBERS_1922, command, delegate_id, example_1922, found, secede, union_1922
from isonomia.cli.main import app
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    PublishAct,
    TableMotion,
    WaiveVersions,
    actors,
)
from isonomia.service import Federation, Keyring, at_day, queries

SEC = actors.SECRETARIAT
ADOPTED = date(1923, 2, 12)


def _georgia_left(database_url: str, keyring: Keyring) -> Federation:
    """Georgia decides to secede on 1923-02-01; an STO directive adopted on 1923-02-12
    enters into force on 1923-06-01 (Armenia waives its versions); Georgia leaves on
    1923-05-02."""
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    for member in MEMBERS_1922:
        federation.execute(
            command(
                AppointDelegate,
                actors.council(member),
                date(1922, 12, 31),
                organ="sto",
                member=member,
                person=delegate_id(member, "sto"),
                term_from=date(1922, 12, 31),
            )
        )
    federation.execute(secede("georgia", date(1923, 2, 1)))
    steps = [
        command(ConveneSession, SEC, ADOPTED, session="sto-1", organ="sto", held_on=ADOPTED),
        command(
            DraftMotion,
            SEC,
            ADOPTED,
            motion="sto-tariffs",
            organ="sto",
            title="Freight tariffs",
            text="Tariffs rise.",
            field="railways",
            kind="directive",
            force="mandatory",
        ),
        command(TableMotion, SEC, ADOPTED, motion="sto-tariffs", session="sto-1"),
        *(
            command(
                CastVote,
                actors.person(delegate_id(m, "sto")),
                ADOPTED,
                motion="sto-tariffs",
                member=m,
                vote="yes",
            )
            for m in MEMBERS_1922
        ),
        command(CountVotes, SEC, ADOPTED, motion="sto-tariffs"),
        command(PublishAct, SEC, ADOPTED, act="sto-tariffs", in_force_on=date(1923, 6, 1)),
        command(
            WaiveVersions, actors.council("armenia"), ADOPTED, act="sto-tariffs", member="armenia"
        ),
    ]
    for step in steps:
        federation.execute(step)
    return federation


@pytest.fixture
def georgia_left(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = _georgia_left(database_url, keyring)
    yield federation
    federation.close()


def _statuses(federation: Federation, member: str, on: date) -> dict[str, str]:
    return {r.directive: r.status for r in queries.directives_for(federation, member, on)}


def test_p3_the_directives_query_closes_what_a_departed_member_owed(
    georgia_left: Federation,
) -> None:
    federation = georgia_left
    assert _statuses(federation, "georgia", date(1923, 2, 1)) == {}  # not yet published
    unforced = {"sto-tariffs": "not in force in the union"}  # in force from 1923-06-01
    assert _statuses(federation, "georgia", date(1923, 3, 1)) == unforced
    closed = "closed: georgia left the union on 1923-05-02"
    assert _statuses(federation, "georgia", date(1923, 5, 2)) == {"sto-tariffs": closed}
    assert _statuses(federation, "georgia", date(1923, 6, 2)) == {"sto-tariffs": closed}
    assert _statuses(federation, "armenia", date(1923, 6, 2)) == {"sto-tariffs": "outstanding"}


def test_p3_the_directives_command_takes_a_day(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    # The union's keyring beside its file, so the CLI signs as the example's bodies would.
    _georgia_left(url, Keyring(tmp_path / "union.db.keys", provision=True)).close()
    runner = CliRunner()
    before = runner.invoke(
        app, ["directives", "--member", "georgia", "--on", "1923-03-01", "--db", url]
    )
    assert before.exit_code == 0, before.output
    assert "not in force in the union" in before.output
    after = runner.invoke(
        app, ["directives", "--member", "georgia", "--on", "1923-06-02", "--db", url]
    )
    assert after.exit_code == 0, after.output
    assert "closed" in after.output and "outstanding" not in after.output
