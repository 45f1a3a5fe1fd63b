"""Whether a directive is in force is asked of each addressee (P8, P14): the `directives` query
and command answer as `act status` does, so a directive still awaiting its certified version
in a member's official language owes that member nothing yet, while it binds a member whose
versions are certified or waived."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from typer.testing import CliRunner

from builders import MEMBERS_1922, command, delegate_id, example_1922, found, union_1922
from isonomia.cli.main import app
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    CertifyVersion,
    ConveneSession,
    CountVotes,
    DraftMotion,
    PublishAct,
    SubmitVersion,
    TableMotion,
    WaiveVersions,
    actors,
)
from isonomia.service import Federation, Keyring, at_day, queries

SEC = actors.SECRETARIAT
DAY = date(1923, 1, 3)
LATER = DAY + timedelta(days=6)


def _directive_published(federation: Federation) -> None:
    """An STO directive on tariffs, in force in the union from its publication on DAY."""
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    seat = {"organ": "sto", "term_from": DAY}
    steps = [
        *(
            command(
                AppointDelegate,
                actors.council(m),
                DAY,
                member=m,
                person=delegate_id(m, "sto"),
                **seat,
            )
            for m in MEMBERS_1922
        ),
        command(ConveneSession, SEC, DAY, session="sto-1", organ="sto", held_on=DAY),
        command(
            DraftMotion,
            SEC,
            DAY,
            motion="tariffs",
            organ="sto",
            title="Railway tariffs",
            text="Tariffs are uniform.",
            field="railways",
            kind="directive",
            force="mandatory",
        ),
        command(TableMotion, SEC, DAY, motion="tariffs", session="sto-1"),
        *(
            command(
                CastVote,
                actors.person(delegate_id(m, "sto")),
                DAY,
                motion="tariffs",
                member=m,
                vote="yes",
            )
            for m in MEMBERS_1922
        ),
        command(CountVotes, SEC, DAY, motion="tariffs"),
        command(PublishAct, SEC, DAY, act="tariffs"),
        command(WaiveVersions, actors.council("armenia"), DAY, act="tariffs", member="armenia"),
    ]
    for step in steps:
        federation.execute(step)


def _status(federation: Federation, member: str, on: date) -> str:
    [row] = queries.directives_for(federation, member, on)
    return row.status


def _in_force(federation: Federation, member: str, on: date) -> bool:
    [row] = [r for r in queries.act_status(federation, "tariffs", on) or [] if r.member == member]
    return row.in_force


def test_p14_a_directive_owes_nothing_where_it_awaits_its_versions(
    database_url: str, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        _directive_published(federation)
        assert not _in_force(federation, "georgia", DAY)
        assert (
            _status(federation, "georgia", DAY)
            == "not in force in georgia: awaiting ka from council:georgia"
        )
        assert _in_force(federation, "armenia", DAY)  # its versions waived
        assert _status(federation, "armenia", DAY) == "outstanding"
        federation.execute(
            command(SubmitVersion, SEC, LATER, act="tariffs", language="ka", text="[ka]")
        )
        federation.execute(
            command(CertifyVersion, actors.council("georgia"), LATER, act="tariffs", language="ka")
        )
        assert _in_force(federation, "georgia", LATER)
        assert _status(federation, "georgia", LATER) == "outstanding"
        assert (
            _status(federation, "georgia", DAY)
            == "not in force in georgia: awaiting ka from council:georgia"
        )
    finally:
        federation.close()


def test_p14_the_directives_command_asks_each_member_whether_it_is_in_force(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    federation = Federation(url, signer=Keyring(tmp_path / "union.db.keys", provision=True))
    _directive_published(federation)
    federation.close()
    runner = CliRunner()
    day = ["--on", DAY.isoformat(), "--db", url]
    georgia = runner.invoke(app, ["directives", "--member", "georgia", *day])
    assert georgia.exit_code == 0, georgia.output
    assert "awaiting ka" in georgia.output and "outstanding" not in georgia.output
    armenia = runner.invoke(app, ["directives", "--member", "armenia", *day])
    assert armenia.exit_code == 0, armenia.output
    assert "outstanding" in armenia.output
