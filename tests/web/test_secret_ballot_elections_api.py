"""Secret ballots through the HTTP API, on SQLite and PostgreSQL (issue 24, P4): commitments
signed by the delegates, reveals hashed again by the rules, the count of the revealed
ballots with the unrevealed as abstentions; each refusal a 4xx problem naming P4 with
nothing written; the record replaying exactly and its read tables rebuilt the same."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import tomli_w
from web_world import HttpFederation

from builders import MEMBERS_1922, command, found
from elections_world import (
    CALLED,
    CLOSES,
    COUNCIL,
    REVEALED,
    REVEALS_CLOSE,
    SEATED,
    ballot,
    call,
    charter,
    commit,
    consent,
    count,
    delegate,
    nominate,
    reveal,
)
from isonomia.domain import AppointDelegate, actors
from isonomia.service import Keyring, Refused, at_day, provide_key, queries

CANDIDATES = {"kalinin": "rsfsr", "petrovsky": "ukraine", "chervyakov": "belorussia"}
BALLOTS = {
    "rsfsr": ["kalinin", "petrovsky"],
    "ukraine": ["petrovsky", "kalinin"],
    "belorussia": ["chervyakov", "kalinin"],
    "georgia": ["kalinin", "chervyakov"],
    "armenia": ["kalinin"],
    "azerbaijan": ["petrovsky", "chervyakov"],
}
AFTER = REVEALS_CLOSE + timedelta(days=1)


def _union(url: str, keyring: Keyring, tmp_path: Path) -> HttpFederation:
    path = tmp_path / "charter.toml"
    path.write_text(tomli_w.dumps(charter().model_dump(mode="json", exclude_none=True)))
    federation = HttpFederation(url, signer=keyring)
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


def _refused(federation: HttpFederation, cmd: object, words: str) -> None:
    before = sum(1 for _ in federation.entries())
    with pytest.raises(Refused) as refused:
        federation.execute(cmd)  # type: ignore[arg-type]
    assert refused.value.refusal.principle == "P4", refused.value
    assert words in refused.value.refusal.reason, refused.value.refusal.reason
    assert 400 <= federation.answers[type(cmd).__name__][-1] < 500
    assert sum(1 for _ in federation.entries()) == before


def test_a_secret_election_through_the_api_refusals_and_all(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    federation = _union(database_url, keyring, tmp_path)
    federation.execute(call(office="auditor"))
    for person, member in CANDIDATES.items():
        federation.execute(nominate(person, member))
        provide_key(federation, keyring, actors.person(person), member, at_day(date(1923, 2, 1)))
        federation.execute(consent(person))
    for member in BALLOTS:  # the delegates' keys, registered by their councils
        provide_key(federation, keyring, actors.person(delegate(member)), member, at_day(CALLED))
    _refused(federation, commit(delegate("rsfsr"), ["kalinin"], day=date(1923, 2, 14)), "run from")
    for member, choices in BALLOTS.items():
        federation.execute(commit(delegate(member), choices))
    assert queries.elections.ballots(federation, "e1") == []
    _refused(federation, ballot(delegate("georgia"), ["kalinin"]), "are secret")
    _refused(federation, commit(delegate("georgia"), ["petrovsky"], day=CLOSES), "one commitment")
    provide_key(federation, keyring, actors.person("stranger"), "georgia", at_day(CLOSES))
    _refused(federation, commit("stranger", ["kalinin"], day=CLOSES), "for no member")
    _refused(federation, reveal(delegate("georgia"), BALLOTS["georgia"], day=CLOSES), "after")
    _refused(federation, reveal(delegate("georgia"), ["petrovsky"]), "do not match")
    for member, choices in BALLOTS.items():
        if member != "azerbaijan":  # Azerbaijan's delegate never reveals
            federation.execute(reveal(delegate(member), choices))
    _refused(federation, count(day=REVEALS_CLOSE), "reveals of its secret ballots close")
    late = reveal(delegate("azerbaijan"), BALLOTS["azerbaijan"], day=AFTER)
    _refused(federation, late, "are revealed after")
    federation.execute(count(day=AFTER))

    row = queries.elections.election(federation, "e1")
    assert row is not None and row.ballot == "secret" and row.reveals_close == "1923-02-25"
    assert (row.ballots, row.abstentions, row.elected) == (5, 1, "kalinin, petrovsky")
    commitments = queries.elections.commitments(federation, "e1")
    assert len(commitments) == 6
    unrevealed = [c.elector for c in commitments if c.revealed_on is None]
    assert unrevealed == [delegate("azerbaijan")]
    assert {b.cast_on for b in queries.elections.ballots(federation, "e1")} == {
        REVEALED.isoformat()
    }
    assert federation.verify_replay().ok
    assert federation.rebuild_projections()[1]
    assert queries.elections.election(federation, "e1") == row
    assert queries.elections.commitments(federation, "e1") == commitments
