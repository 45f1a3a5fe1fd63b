"""Counting from the record (issue 24, item 4): real elections (Dublin West 2002 by STV,
Debian's 2002 leader by Schulze) cast as signed ballots into a union's record and counted
there; the record's entries written out as the log's feed and counted again offline by
`tally --from-export`, which must give the recorded count in every table. A ballot changed
in the copy, or a reveal that does not open its commitment, shows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from cli_world import invoke

from elections_world import (
    COUNTED,
    OPENS,
    REVEALED,
    REVEALS_CLOSE,
    ballot,
    call,
    commit,
    consent,
    count,
    nominate,
    reveal,
    union,
)
from isonomia.domain import FederationState
from isonomia.domain.elections import ElectionCounted
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.service.voting import recount_election
from isonomia.voting.ballot_files import read_ballots

DATA = Path(__file__).resolve().parents[1] / "data" / "elections"
MEMBERS = ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Record:
    """A union's record grown through the pure rules, its entries kept as the feed shows
    them (event type and payload)."""

    def __init__(self, state: FederationState) -> None:
        self.state = state
        self.entries: list[dict[str, Any]] = []

    def do(self, command: Any) -> None:
        handled = handle(self.state, command, command.day)
        assert not isinstance(handled, Refusal), str(handled)
        self.state = handled.state
        self.entries += [
            {"type": "entry", "event_type": e.type_name(), "payload": e.payload()}
            for e in handled.decided
        ]

    def feed(self, path: Path) -> Path:
        path.write_text("".join(json.dumps(e) + "\n" for e in self.entries), encoding="utf-8")
        return path


def _cast(office: str, election: str, path: Path) -> tuple[Record, ElectionCounted]:
    ballots = read_ballots(path).ballots
    names = [slug(n) for n in ballots.candidates]
    cast = [[names[t[0]] for t in r] for r, n in ballots.rankings() for _ in range(n)]
    electors = [f"voter-{i}" for i in range(1, len(cast) + 1)]
    record = Record(union())
    record.do(call(election=election, office=office, electorate=electors))
    for i, person in enumerate(names):
        record.do(nominate(person, MEMBERS[i % len(MEMBERS)], election=election))
        record.do(consent(person, election=election))
    for elector, choices in zip(electors, cast, strict=True):
        record.do(ballot(elector, choices, day=OPENS, election=election))
    record.do(count(election=election))
    counted = next(
        ElectionCounted.model_validate(e["payload"])
        for e in record.entries
        if e["event_type"] == "ElectionCounted"
    )
    return record, counted


@pytest.mark.parametrize(
    ("office", "election", "file", "winners"),
    [
        (
            "deputy",
            "dublin-west",
            "irish_2002_dublin_west.soi",
            {"joe-higgins-s-p", "brian-lenihan-f-f", "joan-burton-lab"},
        ),
        ("leader", "dpl-2002", "debian_2002_dpl.soi", {"bdale-garbee"}),
    ],
)
def test_the_offline_recount_of_a_real_election_equals_the_recorded_count(
    tmp_path: Path, office: str, election: str, file: str, winners: set[str]
) -> None:
    record, counted = _cast(office, election, DATA / file)
    feed = record.feed(tmp_path / "feed.jsonl")
    recount = recount_election(feed, election)
    assert recount["matches"] is True
    assert set(recount["elected"]) == set(counted.elected) == winners
    assert recount["tables"] == counted.tables and recount["ballots"] == counted.ballots
    out = invoke("tally", "--from-export", str(feed), "--election", election)
    assert out.exit_code == 0 and "the same as the recorded count" in out.stdout
    # One ballot changed in the copy: the recount differs and says so (exit 1).
    first = next(i for i, e in enumerate(record.entries) if e["event_type"] == "BallotCast")
    choices = record.entries[first]["payload"]["choices"]
    other = next(c for c in recount["candidates"] if c != choices[0])
    record.entries[first]["payload"]["choices"] = [other]
    tampered = recount_election(record.feed(tmp_path / "tampered.jsonl"), election)
    assert tampered["matches"] is False
    changed = invoke(
        "tally", "--from-export", str(tmp_path / "tampered.jsonl"), "--election", election
    )
    assert changed.exit_code == 1 and "differs from the recorded count" in changed.stdout


def test_a_secret_election_is_recounted_from_its_reveals_each_hashed_again(
    tmp_path: Path,
) -> None:
    electors = [f"v{i}" for i in range(1, 8)]
    record = Record(union())
    record.do(call(election="s", office="juror", electorate=electors))
    for i, person in enumerate(("a", "b", "c", "d")):
        record.do(nominate(person, MEMBERS[i], election="s"))
        record.do(consent(person, election="s"))
    cast = {e: [["a", "b"], ["b", "c"], ["c"], ["d", "a"]][i % 4] for i, e in enumerate(electors)}
    for elector, choices in cast.items():
        record.do(commit(elector, choices, election="s"))
    for elector, choices in list(cast.items())[:-2]:  # the last two never reveal
        record.do(reveal(elector, choices, day=REVEALED, election="s"))
    after = REVEALS_CLOSE.replace(day=REVEALS_CLOSE.day + 1)
    assert after > COUNTED
    record.do(count(day=after, election="s"))
    recount = recount_election(record.feed(tmp_path / "feed.jsonl"), "s")
    assert recount["matches"] is True
    assert (recount["ballots"], recount["abstentions"]) == (5, 2)
    # A revealed ballot edited in the copy no longer opens its commitment: it is not counted.
    revealed = next(e for e in record.entries if e["event_type"] == "BallotRevealed")
    revealed["payload"]["choices"] = ["d"]
    edited = recount_election(record.feed(tmp_path / "edited.jsonl"), "s")
    assert edited["reveals_not_matching"] == [revealed["payload"]["elector"]]
    assert edited["matches"] is False
