"""Delegations of several through the service, on SQLite and PostgreSQL (issue 24): the
worked example's split vote in the read tables, the seats query, and the tables rebuilt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from isonomia.cli.demo.story import play
from isonomia.service import Federation, Keyring, queries
from isonomia.store.projections.motions import vote_view


def test_the_split_vote_and_the_seats_are_read_back_and_rebuilt(
    database_url: str, tmp_path: Path, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        list(play(federation, tmp_path))
        how, rows = queries.seats.organ_seats(federation, "joint-conference", date(1926, 1, 12))
        seats = {r.member: r.seats for r in rows}
        assert "adams" in how and sum(seats.values()) == 24 and "uzbekistan" in seats
        ukraine = next(r for r in rows if r.member == "ukraine")
        assert ukraine.proxies == ["ukraine-conf-3→ukraine-conf-2"]
        with federation.db.reading() as conn:
            votes = dict(
                conn.execute(
                    sa.select(vote_view.c.member, vote_view.c.vote).where(
                        vote_view.c.act == "conf-schools"
                    )
                ).all()
            )
        assert votes["ukraine"] == "yes=2,no=1,abstain=0"
        assert votes["rsfsr"].startswith("yes=")
        after = {
            r.member: r.seats
            for r in queries.seats.organ_seats(federation, "joint-conference", date(1927, 1, 1))[1]
        }
        assert "georgia" not in after and sum(after.values()) == 24  # recomputed on secession
        replayed, equal = federation.rebuild_projections()
        assert equal and replayed == len(list(federation.entries()))
    finally:
        federation.close()
