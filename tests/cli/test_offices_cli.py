"""The report of concentration (P15) on SQLite and PostgreSQL: each person's offices and share
of the decisions signed, read from the projection; an appointment past the limit is refused
with exit 2 and nothing written."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from cli_world import invoke, ok

from builders import MEMBERS_1922, command, delegate_id, example_1922, found, union_1922
from isonomia.domain import (
    AppointDelegate,
    Appointment,
    AppointOfficial,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    TableMotion,
    actors,
)
from isonomia.service import Federation, Keyring, Refused, at_day
from isonomia.store.projections.principals import signed_command_view
from played_demo import PlayedDemo

SEC = actors.SECRETARIAT
DAY = date(1923, 1, 8)
NEXT = DAY + timedelta(days=1)


def _seat(person: str, organ: str, member: str = "rsfsr", day: date = DAY) -> AppointDelegate:
    return command(
        AppointDelegate,
        actors.council(member),
        day,
        organ=organ,
        member=member,
        person=person,
        term_from=day,
    )


def _presidium_act(federation: Federation) -> None:
    """The presidium's delegates adopt ``pr-1`` by vote."""
    for member in MEMBERS_1922:
        federation.execute(_seat(delegate_id(member, "presidium"), "presidium", member))
    steps = [
        command(ConveneSession, SEC, DAY, session="pr-s1", organ="presidium", held_on=DAY),
        command(
            DraftMotion,
            SEC,
            DAY,
            motion="pr-1",
            organ="presidium",
            title="Chair",
            text="Person 1 chairs the presidium.",
            field="railways",
            kind="decision",
            force="advisory",
            appointment=Appointment(office="presidium-chair", person="person-1"),
        ),
        command(TableMotion, SEC, DAY, motion="pr-1", session="pr-s1"),
    ]
    for step in steps:
        federation.execute(step)
    for member in MEMBERS_1922:
        vote = command(
            CastVote,
            actors.person(delegate_id(member, "presidium")),
            DAY,
            motion="pr-1",
            member=member,
            vote="yes",
        )
        federation.execute(vote)
    federation.execute(command(CountVotes, SEC, DAY, motion="pr-1"))


def _union(url: str, keyring: Keyring) -> Federation:
    """Person 1 chairs the presidium from NEXT and sits in the sovnarkom and the STO: three
    offices, the 1922 charter's limit; as chair, it convenes a session on NEXT."""
    federation = Federation(url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    _presidium_act(federation)
    chair = command(
        AppointOfficial,
        actors.organ("presidium"),
        DAY,
        office="presidium-chair",
        person="person-1",
        act="pr-1",
        term_from=NEXT,
    )
    federation.execute(chair)
    federation.execute(_seat("person-1", "sovnarkom"))
    federation.execute(_seat("person-1", "sto"))
    convene = command(
        ConveneSession,
        actors.organ("presidium"),
        NEXT,
        session="sov-1",
        organ="sovnarkom",
        held_on=NEXT,
    )
    federation.execute(convene)
    return federation


def _signed(federation: Federation) -> int:
    with federation.db.reading() as conn:
        return int(
            conn.execute(sa.select(sa.func.count()).select_from(signed_command_view)).scalar_one()
        )


def test_p15_the_report_counts_offices_and_signatures_from_the_projection(
    database_url: str, keyring: Keyring
) -> None:
    federation = _union(database_url, keyring)
    try:
        total = _signed(federation)
        rows = json.loads(
            ok(invoke("offices", "report", "--db", database_url, "--on", str(NEXT), "--json"))
        )
        first = rows[0]
        assert first["person"] == "person-1"
        assert sorted(first["offices"]) == [
            "office:presidium-chair",
            "organ:sovnarkom for rsfsr",
            "organ:sto for rsfsr",
        ]
        assert (first["count"], first["limit"], first["flag"]) == (3, 3, "at the limit")
        # Only the session convened on NEXT was signed by the presidium while person 1 chaired
        # it: the appointment itself, signed the day before, is not person 1's.
        assert (first["signed"], first["of_signed"]) == (1, total)
        assert first["share"] == round(1 / total, 4)
        delegate = next(r for r in rows if r["person"] == "rsfsr-presidium")
        assert (delegate["count"], delegate["flag"], delegate["signed"]) == (1, "", 1)
        before = json.loads(
            ok(invoke("offices", "report", "--db", database_url, "--on", str(DAY), "--json"))
        )
        assert "person-1" in {r["person"] for r in before}
        assert next(r for r in before if r["person"] == "person-1")["count"] == 2
    finally:
        federation.db.dispose()


def test_p15_the_fourth_office_is_refused_in_the_cli_and_nothing_is_written(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    federation = _union(database_url, keyring)
    try:
        size = federation.state().version
        result = invoke(
            "organ",
            "delegate",
            "joint-conference",
            "--member",
            "rsfsr",
            "--person",
            "person-1",
            "--term-from",
            str(NEXT),
            "--at",
            str(NEXT),
            "--db",
            database_url,
            "--keyring",
            str(keyring.folder),
        )
        assert result.exit_code == 2, (result.stdout, result.stderr)
        assert result.stderr.strip().startswith("refused (P15)")
        assert len(result.stderr.strip().splitlines()) == 1
        assert Federation(database_url).open().state().version == size
        table = ok(invoke("offices", "report", "--db", database_url, "--on", str(NEXT)))
        assert "person-1" in table and "at the limit" in table and "3 of 3" in table
    finally:
        federation.db.dispose()


def test_p15_the_service_refuses_a_fourth_office_naming_the_principle(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = _union(f"sqlite:///{tmp_path / 'u.db'}", keyring)
    try:
        federation.execute(_seat("person-1", "joint-conference", day=NEXT))
    except Refused as refusal:
        assert "P15" in refusal.line()
    else:
        raise AssertionError("a fourth office was accepted")
    finally:
        federation.db.dispose()


def test_p15_the_demo_names_one_person_to_organs_up_to_the_limit_and_flags_it(
    played_demo: PlayedDemo,
) -> None:
    out = played_demo.stdout
    assert "refused (P15): person-1 would hold 4 offices at once" in out
    assert "person-1: 3 of 3 offices" in out and "at the limit" in out


def test_p15_under_act_is_signed_with_the_command_and_checked(tmp_path: Path) -> None:
    from cli_world import founded

    url = founded(tmp_path)
    args = ["department", "propose", "fund", "--name", "Fund", "--field", "solidarity-fund"]
    result = invoke(*args, "--under-act", "no-such-act", "--db", url, "--at", "2026-01-05")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.strip() == (
        "refused (P15): no-such-act is no act adopted by an organ's vote"
    )
    ok(invoke(*args, "--db", url, "--at", "2026-01-05"))
