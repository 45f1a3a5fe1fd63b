"""Every command through the HTTP API: the worked example played as a web client would,
refusals answered as problem details (RFC 9457) naming the principle."""

from __future__ import annotations

from pathlib import Path

from web_world import HttpFederation

from isonomia.cli.demo_story import play
from isonomia.service import COMMAND_TYPES, Keyring, queries


def test_the_worked_example_plays_through_the_api_and_refusals_are_problems(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = HttpFederation(f"sqlite:///{tmp_path / 'union.db'}", signer=keyring)
    steps = list(play(federation, tmp_path))
    refused = [s for s in steps if s.refused]
    assert refused, "the worked example shows refusals"
    assert federation.problems
    assert all(p["principle"].startswith("P") for p in federation.problems if "principle" in p)
    assert {403, 409} <= {code for codes in federation.answers.values() for code in codes}
    report = federation.verify_ledger()
    assert report.ok
    assert federation.verify_signatures().ok
    print(sorted(set(COMMAND_TYPES) - set(federation.answers)))
    assert queries.members(federation, steps[-1].on or queries.founded_on(federation))
