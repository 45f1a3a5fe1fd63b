"""Terms of accession and certification per member in the read tables, on SQLite and
PostgreSQL (P2, P14): `act status` and `directives` say that a finance act does not bind
Uzbekistan, which accepted only military and diplomacy, while a military act does once its
own council certifies its Russian text; Ukraine's council certifying the Russian text does
not put an act in force in the RSFSR. The queries answer as the one pure function does over
the folded state, before and after `projections rebuild`."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from typer.testing import CliRunner

from builders import (
    MEMBERS_1922,
    admission_commands,
    command,
    delegate_id,
    example_1922,
    found,
    request_accession,
    union_1922,
)
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
    actors,
)
from isonomia.domain.languages import standing_in
from isonomia.service import Federation, Keyring, at_day, queries

SEC = actors.SECRETARIAT
JOINED = date(1925, 5, 13)
DAY = date(1925, 6, 3)
LATER = DAY + timedelta(days=4)
WITH_UZBEKISTAN = (*MEMBERS_1922, "uzbekistan")
OUTSIDE = "not binding: outside its terms of accession (P2)"


def _sto_act(federation: Federation, act: str, field: str, kind: str) -> None:
    """An STO act in `field`, every delegation voting yes, published on DAY."""
    steps = [
        command(ConveneSession, SEC, DAY, session=f"s-{act}", organ="sto", held_on=DAY),
        command(
            DraftMotion,
            SEC,
            DAY,
            motion=act,
            organ="sto",
            title=act,
            text=f"text of {act}",
            field=field,
            kind=kind,
            force="mandatory",
        ),
        command(TableMotion, SEC, DAY, motion=act, session=f"s-{act}"),
        *(
            command(
                CastVote,
                actors.person(delegate_id(m, "sto")),
                DAY,
                motion=act,
                member=m,
                vote="yes",
            )
            for m in WITH_UZBEKISTAN
        ),
        command(CountVotes, SEC, DAY, motion=act),
        command(PublishAct, SEC, DAY, act=act),
    ]
    for step in steps:
        federation.execute(step)


def _certify(federation: Federation, act: str, language: str, member: str, day: date) -> None:
    if not [v for v in queries.versions(federation, act) if v.language == language]:
        text = f"[{language}] {act}"
        federation.execute(command(SubmitVersion, SEC, day, act=act, language=language, text=text))
    federation.execute(
        command(CertifyVersion, actors.council(member), day, act=act, language=language)
    )


def _world(federation: Federation) -> None:
    """Uzbekistan joins accepting military and diplomacy; the STO adopts a finance decision,
    a military decision and a finance directive to every member."""
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    federation.execute(request_accession("uzbekistan", date(1925, 2, 1)))
    votes = dict.fromkeys(MEMBERS_1922, "yes")
    for step in admission_commands(federation.state(), "uzbekistan", JOINED, votes, True):
        federation.execute(step)
    for member in WITH_UZBEKISTAN:
        federation.execute(
            command(
                AppointDelegate,
                actors.council(member),
                DAY,
                organ="sto",
                member=member,
                person=delegate_id(member, "sto"),
                term_from=DAY,
            )
        )
    _sto_act(federation, "sto-finance", "finance", "decision")
    _sto_act(federation, "sto-military", "military", "decision")
    _sto_act(federation, "sto-levy", "finance", "directive")
    for act in ("sto-finance", "sto-military", "sto-levy"):
        _certify(federation, act, "ru", "uzbekistan", DAY)
    _certify(federation, "sto-military", "ru", "ukraine", DAY)  # for Ukraine alone
    _certify(federation, "sto-finance", "ru", "rsfsr", DAY)
    _certify(federation, "sto-military", "ru", "rsfsr", LATER)
    federation.execute(  # a corrected Russian text, to be certified anew by every member
        command(SubmitVersion, SEC, LATER, act="sto-finance", language="ru", text="[ru] new")
    )


def _by_member(federation: Federation, act: str, on: date) -> dict[str, str]:
    return {r.member: r.status for r in queries.act_status(federation, act, on) or []}


def _agrees_with_the_fold(federation: Federation) -> None:
    state = federation.state()
    for on in (JOINED, DAY, LATER):
        for act in state.acts:
            for row in queries.act_status(federation, act, on) or []:
                found = standing_in(state, act, row.member, on)
                assert (row.status, row.in_force, row.awaiting) == (
                    found.status,
                    found.in_force,
                    found.languages,
                ), (act, row.member, on)
                assert row.standing == found.standing.value


def test_p2_p14_act_status_says_where_each_act_binds_and_awaits_whose_certifier(
    database_url: str, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        _world(federation)
        assert _by_member(federation, "sto-finance", DAY)["uzbekistan"] == OUTSIDE
        assert not queries.act_in_force_in(federation, "sto-finance", "uzbekistan", DAY)
        military = _by_member(federation, "sto-military", DAY)
        assert military["uzbekistan"] == "in force"
        # Ukraine's council certified the Russian text: for Ukraine, not for the RSFSR.
        assert military["rsfsr"] == "adopted, awaiting ru from council:rsfsr"
        assert military["ukraine"] == "adopted, awaiting uk from council:ukraine"
        assert _by_member(federation, "sto-military", LATER)["rsfsr"] == "in force"
        finance = _by_member(federation, "sto-finance", LATER)
        assert finance["rsfsr"] == "adopted, awaiting ru from council:rsfsr"
        rows = queries.act_status(federation, "sto-military", DAY) or []
        [rsfsr] = [r for r in rows if r.member == "rsfsr"]
        assert rsfsr.standing == "pending" and rsfsr.certifiers == {"ru": "council:rsfsr"}
        # The directive to every member was addressed to those within their terms.
        assert not queries.directives_for(federation, "uzbekistan", DAY)
        [levy] = queries.directives_for(federation, "rsfsr", DAY)
        assert levy.status == "not in force in rsfsr: awaiting ru from council:rsfsr"
        gaps = {(g.member, g.subject) for g in queries.language_report(federation, DAY)}
        assert ("uzbekistan", "sto-finance") not in gaps
        assert ("rsfsr", "sto-military") in gaps
        _agrees_with_the_fold(federation)
        _, equal = federation.rebuild_projections()
        assert equal
        _agrees_with_the_fold(federation)
    finally:
        federation.close()


def test_p2_the_act_status_command_says_not_binding_outside_the_terms(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    federation = Federation(url, signer=Keyring(tmp_path / "union.db.keys", provision=True))
    _world(federation)
    federation.close()
    runner = CliRunner()
    shown = runner.invoke(app, ["act", "status", "sto-finance", "--on", str(DAY), "--db", url])
    assert shown.exit_code == 0, shown.output
    assert "uzbekistan" in shown.output and "outside its terms of accession (P2)" in shown.output
    military = runner.invoke(
        app, ["act", "status", "sto-military", "--on", str(DAY), "--db", url, "--json"]
    )
    assert military.exit_code == 0, military.output
    assert '"awaiting ru from council:rsfsr"' not in military.output  # it is the status's tail
    assert "adopted, awaiting ru from council:rsfsr" in military.output
