"""Verifiability against the world (issue 24, item 5): real elections cast as signed ballots
into a union's record, counted there by the engine, and compared with the published result
and with the engine's own count of the published ballot file, round by round.

The ballots are recorded through the pure rules (`rules.handle`), one command an elector, as
the service does after checking each signature: signing tens of thousands of ballots would
only time the signatures (`tests/service/test_elections_service.py` signs a small election).
The election data is the project's shared copy of PrefLib's files, read as the tallies'
tests read it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builders import apply
from elections_world import (
    COUNTED,
    OPENS,
    ballot,
    call,
    consent,
    count,
    nominate,
    union,
)
from isonomia.domain import FederationState
from isonomia.domain.elections import ElectionCounted
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.voting.ballot_files import read_ballots
from isonomia.voting.tallies.schulze import schulze
from isonomia.voting.tallies.transfer import stv

#: The election data the tests ship, and the fuller set beside the project when it is there.
DATA = next(
    (
        d
        for d in (
            Path(__file__).resolve().parents[2].parent / "shared" / "data" / "elections",
            Path(__file__).resolve().parents[1] / "data" / "elections",
        )
        if d.exists()
    ),
    Path(__file__).resolve().parents[1] / "data" / "elections",
)
needs_data = pytest.mark.skipif(not DATA.exists(), reason="election data not present")

MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _record(
    office: str, election: str, path: Path
) -> tuple[FederationState, list[str], list[list[str]]]:
    """The file's ballots cast one an elector into a union's record; the candidates as slugs
    in the file's order, and each elector's choices."""
    ballots = read_ballots(path).ballots
    names = [slug(n) for n in ballots.candidates]
    cast: list[list[str]] = []
    for ranking, n in ballots.rankings():
        choices = [names[tier[0]] for tier in ranking]
        cast.extend([choices] * n)
    electors = [f"voter-{i}" for i in range(1, len(cast) + 1)]
    state = apply(union(), call(election=election, office=office, electorate=electors))
    for i, person in enumerate(names):
        state = apply(state, nominate(person, MEMBERS[i % len(MEMBERS)], election=election))
        state = apply(state, consent(person, election=election))
    for elector, choices in zip(electors, cast, strict=True):
        command = ballot(elector, choices, day=OPENS, election=election)
        handled = handle(state, command, OPENS)
        assert not isinstance(handled, Refusal), str(handled)
        state = handled.state
    return state, names, cast


def _counted(state: FederationState, election: str) -> ElectionCounted:
    handled = handle(state, count(election=election), COUNTED)
    assert not isinstance(handled, Refusal), str(handled)
    return next(e for e in handled.decided if isinstance(e, ElectionCounted))


#: The deputies Dublin West elected in 2002 (published result).
DUBLIN_WEST = {"Joe Higgins S.P.", "Brian Lenihan F.F.", "Joan Burton Lab"}


@needs_data
def test_dublin_west_2002_counted_from_the_record_as_published_and_round_by_round() -> None:
    path = DATA / "irish_2002_dublin_west.soi"
    state, names, cast = _record("deputy", "dublin-west", path)
    counted = _counted(state, "dublin-west")
    assert counted.ballots == len(cast) == 29988
    assert set(counted.elected) == {slug(n) for n in DUBLIN_WEST}
    assert counted.skipped == []
    # The same count made offline from the published file, round by round.
    engine = stv(read_ballots(path).ballots, 3)
    header, *rounds = counted.tables["rounds"]
    assert header[1 : 1 + len(names)] == names
    assert counted.quota == str(int(engine.quota))
    assert len(rounds) == len(engine.rounds)
    for row, expected in zip(rounds, engine.rounds, strict=True):
        tallies = [float(cell) for cell in row[1 : 1 + len(names)]]
        assert tallies == pytest.approx(list(expected.tallies), abs=1e-6)
        assert row[-2] == ", ".join(names[c] for c in expected.elected)
        assert row[-1] == ", ".join(names[c] for c in expected.excluded)


@needs_data
@pytest.mark.parametrize(
    ("year", "leader"),
    [(2002, "Bdale Garbee"), (2010, "Stefano Zacchiroli"), (2012, "Stefano Zacchiroli")],
)
def test_debian_leader_counted_from_the_record_by_schulze(year: int, leader: str) -> None:
    path = DATA / f"debian_{year}_dpl.soi"
    state, names, cast = _record("leader", f"dpl-{year}", path)
    counted = _counted(state, f"dpl-{year}")
    assert counted.ballots == len(cast) == read_ballots(path).ballots.total
    assert counted.elected == [slug(leader)]
    engine = schulze(read_ballots(path).ballots)
    paths = counted.tables["strongest_paths"]
    assert paths[0][1:] == names
    for a, row in enumerate(paths[1:]):
        assert [int(v) for v in row[1:]] == [int(v) for v in engine.strongest_paths[a]]
    assert [r[1] for r in counted.tables["ranking"][1:]] == [names[c] for c in engine.ranking]
