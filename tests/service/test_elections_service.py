"""A small election through the service with signatures, on SQLite and PostgreSQL (issue 24):
each nomination signed by the member's council, each consent by the candidate's own key, each
ballot by the delegate; the count's table read back from the read tables, the record
replaying exactly, and a second ballot refused with nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import tomli_w

from builders import MEMBERS_1922, command, found
from elections_world import (
    COUNCIL,
    COUNTED,
    OPENS,
    SEATED,
    ballot,
    call,
    charter,
    consent,
    count,
    delegate,
    nominate,
)
from isonomia.domain import AppointDelegate, actors
from isonomia.service import Federation, Keyring, Refused, at_day, provide_key, queries

CANDIDATES = {"kalinin": "rsfsr", "petrovsky": "ukraine", "chervyakov": "belorussia"}
BALLOTS = {
    "rsfsr": ["kalinin", "petrovsky"],
    "ukraine": ["petrovsky", "kalinin"],
    "belorussia": ["chervyakov", "kalinin"],
    "georgia": ["kalinin", "chervyakov"],
    "armenia": ["kalinin"],
    "azerbaijan": ["petrovsky", "chervyakov"],
}


def _union(url: str, keyring: Keyring, tmp_path: Path) -> Federation:
    path = tmp_path / "charter.toml"
    path.write_text(tomli_w.dumps(charter().model_dump(mode="json", exclude_none=True)))
    federation = Federation(url, signer=keyring)
    federation.initialize(path, clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(charter(), signed_in=federation))
    for member in MEMBERS_1922:
        seat = command(
            AppointDelegate,
            actors.council(member),
            SEATED,
            organ=COUNCIL,
            member=member,
            person=delegate(member),
            term_from=SEATED,
        )
        federation.execute(seat)
    return federation


def test_a_small_election_signed_counted_and_replayed(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    federation = _union(database_url, keyring, tmp_path)
    federation.execute(call())
    for person, member in CANDIDATES.items():
        federation.execute(nominate(person, member))
        provide_key(federation, keyring, actors.person(person), member, at_day(date(1923, 2, 1)))
        federation.execute(consent(person))
    for member, choices in BALLOTS.items():
        federation.execute(ballot(delegate(member), choices))
    before = sum(1 for _ in federation.entries())
    with pytest.raises(Refused) as again:
        federation.execute(ballot(delegate("armenia"), ["petrovsky"], day=OPENS))
    assert again.value.refusal.principle == "P4"
    assert sum(1 for _ in federation.entries()) == before
    federation.execute(count(day=COUNTED))

    row = queries.elections.election(federation, "e1")
    assert row is not None and row.elected == "kalinin, petrovsky" and row.quota == "3"
    assert row.tables["rounds"][1][1:4] == ["3", "2", "1"]
    assert [c.person for c in queries.elections.candidates(federation, "e1")] == list(CANDIDATES)
    cast = queries.elections.ballots(federation, "e1")
    assert (cast[0].elector, cast[0].for_member) == (delegate("rsfsr"), "rsfsr")
    assert "1: kalinin > petrovsky" in queries.elections.ballot_file(federation, "e1")
    assert federation.verify_replay().ok
