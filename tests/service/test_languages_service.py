"""National languages through the service, on SQLite and PostgreSQL (P14): an act in force in
the union waits in each member for its certified versions, and the report shows the gaps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import MEMBERS_1922, command, delegate_id, example_1922, found, union_1922
from isonomia.domain import (
    AdoptLanguageRules,
    AppointDelegate,
    CastVote,
    CertifyVersion,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FileOriginal,
    PublishAct,
    SendCorrespondence,
    SubmitVersion,
    TableMotion,
    WaiveVersions,
    actors,
)
from isonomia.service import Federation, Keyring, Refused, at_day, queries

SEC = actors.SECRETARIAT
DAY = date(1923, 1, 3)
LATER = DAY + timedelta(days=6)


def _published(federation: Federation) -> None:
    steps = [
        *(
            command(
                AppointDelegate,
                actors.council(m),
                DAY,
                organ="sto",
                member=m,
                person=delegate_id(m, "sto"),
                term_from=DAY,
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
            kind="decision",
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
    ]
    for step in steps:
        federation.execute(step)


def _certify(federation: Federation, language: str, member: str, day: date) -> None:
    federation.execute(
        command(SubmitVersion, SEC, day, act="tariffs", language=language, text=f"[{language}]")
    )
    federation.execute(
        command(CertifyVersion, actors.council(member), day, act="tariffs", language=language)
    )


def test_p14_an_act_waits_in_each_member_for_its_certified_versions_in_the_read_tables(
    database_url: str, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
        federation.execute(found(union_1922(), signed_in=federation))
        _published(federation)
        for language, member in [("ru", "rsfsr"), ("uk", "ukraine"), ("be", "belorussia")]:
            _certify(federation, language, member, DAY)
        for language in ("pl", "yi"):
            _certify(federation, language, "belorussia", DAY)
        for member in ("ukraine", "belorussia"):  # each member's own certifier (P14)
            federation.execute(
                command(CertifyVersion, actors.council(member), DAY, act="tariffs", language="ru")
            )
        federation.execute(
            command(WaiveVersions, actors.council("armenia"), DAY, act="tariffs", member="armenia")
        )
        status = {r.member: r.status for r in queries.act_status(federation, "tariffs", DAY) or []}
        assert status["rsfsr"] == status["ukraine"] == status["belorussia"] == "in force"
        assert status["armenia"] == "in force (versions waived)"
        assert status["georgia"] == "adopted, awaiting ka from council:georgia"
        assert not queries.act_in_force_in(federation, "tariffs", "georgia", DAY)
        report = queries.language_report(federation, DAY + timedelta(days=2))
        gaps = {(g.member, g.language, g.kind, g.days) for g in report}
        assert ("georgia", "ka", "awaiting version", 2) in gaps
        assert ("armenia", "", "waiver", 2) in gaps
        _certify(federation, "ka", "georgia", LATER)
        assert queries.act_in_force_in(federation, "tariffs", "georgia", LATER)
        after = queries.language_report(federation, LATER)
        assert not [g for g in after if g.member == "georgia"]
        rules = command(
            AdoptLanguageRules,
            actors.council("georgia"),
            LATER,
            member="georgia",
            correspondence=["ka", "ru"],
        )
        federation.execute(rules)
        original = command(
            FileOriginal,
            actors.council("georgia"),
            LATER,
            of_command=rules.command_id,
            language="ka",
            text="ენის წესები",
        )
        with pytest.raises(Refused, match="P14"):
            federation.execute(original.model_copy(update={"actor": actors.council("rsfsr")}))
        federation.execute(original)
        letter = command(
            SendCorrespondence,
            actors.organ("sto"),
            LATER,
            organ="sto",
            member="georgia",
            versions={"ru": "Письмо"},
        )
        with pytest.raises(Refused, match=r"P14.*Georgian \(ka\)"):
            federation.execute(letter)
    finally:
        federation.close()
