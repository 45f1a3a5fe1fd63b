"""A joint department whose field a charter amendment returns to the members shows as
dissolved in the read tables, on SQLite and PostgreSQL, and stays so after a rebuild (P10)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from builders import MEMBERS_1922, MONDAY, command, delegate_id, example_1922, found, union_1922
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DraftMotion,
    ProposeDepartment,
    TableMotion,
    actors,
)
from isonomia.service import Federation, Keyring, at_day, queries
from isonomia.store.projections.departments import department_view

SEC = actors.SECRETARIAT


def _amend(federation: Federation, day: date, **draft: Any) -> None:
    steps = [
        command(ConveneSession, SEC, day, session="uc-1", organ="union-council", held_on=day),
        command(DraftMotion, SEC, day, motion="amend", organ="union-council", **draft),
        command(TableMotion, SEC, day, motion="amend", session="uc-1"),
        *(
            command(
                CastVote,
                actors.person(delegate_id(m, "union-council")),
                day,
                motion="amend",
                member=m,
                vote="yes",
            )
            for m in MEMBERS_1922
        ),
        command(CountVotes, SEC, day, motion="amend"),
    ]
    for step in steps:
        federation.execute(step)


def test_p10_a_department_in_a_returned_field_is_dissolved_in_the_read_tables(
    database_url: str, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
        federation.execute(found(union_1922(), signed_in=federation))
        day = date(1923, 1, 2)
        federation.execute(
            command(ProposeDepartment, SEC, day, department="nkps", name="NKPS", field="railways")
        )
        for member in MEMBERS_1922:
            federation.execute(
                command(
                    AppointDelegate,
                    actors.council(member),
                    day,
                    organ="union-council",
                    member=member,
                    person=delegate_id(member, "union-council"),
                    term_from=day,
                )
            )
            federation.execute(
                command(
                    ConsentToDepartment,
                    actors.council(member),
                    day,
                    department="nkps",
                    member=member,
                )
            )
        _amend(
            federation,
            MONDAY,
            title="Railways return to the republics",
            text="Railways are the members' own.",
            field="charter",
            kind="charter-amendment",
            force="mandatory",
            competence_changes={"railways": "reserved"},
        )
        [before] = queries.departments(federation, day)
        assert before.status == "joint" and before.gaps  # as it stood then
        [after] = queries.departments(federation, MONDAY)
        assert after.status.startswith("dissolved on 1923-01-08: railways returned")
        with federation.db.reading() as conn:
            row = conn.execute(sa.select(department_view)).one()
        assert (row.status, row.dissolved_on) == ("dissolved", "1923-01-08")
        _, equal = federation.rebuild_projections()
        assert equal
    finally:
        federation.close()
