"""`isonomia election` (issue 24): an election to the presidium called with notice, candidates
nominated by their members' councils and consenting with their own keys, open ballots signed
by the delegates, the count with its round table, and the refusals (one line, exit 2, nothing
written); the recorded ballots written out and counted again by `isonomia tally`."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import tomli_w
from cli_world import invoke, ok

from isonomia.service import example_charter
from played_demo import PlayedDemo

MEMBERS = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")
CANDIDATES = {"kalinin": "rsfsr", "petrovsky": "ukraine", "chervyakov": "belorussia"}
BALLOTS = {
    "rsfsr": "kalinin,petrovsky",
    "ukraine": "petrovsky,kalinin",
    "belorussia": "chervyakov,kalinin",
    "georgia": "kalinin,chervyakov",
    "armenia": "kalinin",
    "azerbaijan": "petrovsky,chervyakov",
}


def refused(result: object, principle: str) -> str:
    assert getattr(result, "exit_code", None) == 2, result
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith(f"refused ({principle}): "), lines
    return str(lines[0])


def _charter(tmp_path: Path) -> Path:
    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))
    data["offices"]["named"].append(
        {"id": "presidium-member", "name": "Member of the Presidium", "organ": "presidium"}
    )
    data["elections"] = [
        {
            "office": "presidium-member",
            "organ": "union-council",
            "method": "stv",
            "seats": 2,
            "one_per_member": True,
            "notice_days": 14,
        }
    ]
    path = tmp_path / "charter.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def _key(url: str, tmp_path: Path, person: str, member: str) -> Path:
    path = tmp_path / f"{person}.key"
    out = ok(invoke("keys", "new", "--out", str(path)))
    public = re.search(r"public key: (\S+)", out)
    assert public is not None
    register = ["keys", "register", f"person:{person}", "--public-key", public.group(1)]
    ok(invoke(*register, "--for-member", member, "--at", "1923-02-02", "--db", url))
    return path


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp_path = tmp_path_factory.mktemp("elections")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    charter = str(_charter(tmp_path))
    init = ["init", "--charter", charter, "--db", url, "--clock", "simulated"]
    ok(invoke(*init, "--at", "1922-12-01"))
    decisions = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-29")]
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *decisions))
    for member in MEMBERS:
        seat = ["organ", "delegate", "union-council", "--member", member]
        ok(invoke(*seat, "--person", f"{member}-uc", "--at", "1923-01-02", "--db", url))
    return url, tmp_path


def _at(url: str, day: str) -> list[str]:
    return ["--db", url, "--at", day]


def test_an_election_from_call_to_count_on_the_command_line(union: tuple[str, Path]) -> None:
    url, tmp_path = union
    call = ["election", "call", "e1", "presidium-member", "--nominations-close", "1923-02-10"]
    period = ["--ballots-close", "1923-02-20", "--term-from", "1923-03-01"]
    early = invoke(*call, "--ballots-open", "1923-02-14", *period, *_at(url, "1923-02-01"))
    assert "14 days' notice" in refused(early, "P4")
    ok(invoke(*call, "--ballots-open", "1923-02-15", *period, *_at(url, "1923-02-01")))
    for person, member in {**CANDIDATES, "frunze": "ukraine"}.items():
        nominate = ["election", "nominate", "e1", person, "--member", member]
        ok(invoke(*nominate, *_at(url, "1923-02-02")))
    keys = {person: _key(url, tmp_path, person, member) for person, member in CANDIDATES.items()}
    for person, key in keys.items():
        ok(invoke("election", "consent", "e1", person, "--key", str(key), *_at(url, "1923-02-03")))
    late = ["election", "nominate", "e1", "budu", "--member", "georgia"]
    assert "closed" in refused(invoke(*late, *_at(url, "1923-02-11")), "P4")
    unconsented = ["election", "ballot", "e1", "--choices", "frunze", "--as", "georgia-uc"]
    assert "no candidate on the ballot" in refused(
        invoke(*unconsented, *_at(url, "1923-02-15")), "P4"
    )
    for member, choices in BALLOTS.items():
        ballot = ["election", "ballot", "e1", "--choices", choices, "--as", f"{member}-uc"]
        ok(invoke(*ballot, *_at(url, "1923-02-16")))
    twice = ["election", "ballot", "e1", "--choices", "kalinin", "--as", "armenia-uc"]
    assert "has cast its ballot" in refused(invoke(*twice, *_at(url, "1923-02-17")), "P4")
    early_count = invoke("election", "count", "e1", *_at(url, "1923-02-20"))
    assert "ballot period closes" in refused(early_count, "P4")
    counted = ok(invoke("election", "count", "e1", *_at(url, "1923-02-21")))
    assert "elected: kalinin, petrovsky" in counted
    ballots_file = tmp_path / "e1.txt"
    shown = ok(invoke("election", "show", "e1", "--db", url, "--ballots-file", str(ballots_file)))
    assert "rounds" in shown and "quota 3" in shown
    data = json.loads(ok(invoke("election", "show", "e1", "--db", url, "--json")))
    assert data["election"]["elected"] == "kalinin, petrovsky"
    assert len(data["ballots"]) == 6
    assert data["election"]["tables"]["rounds"][1][1:4] == ["3", "2", "1"]
    # The recorded ballots, counted again offline by the tallies.
    tally = ok(invoke("tally", "--method", "stv", "--ballots", str(ballots_file), "--seats", "2"))
    assert "kalinin" in tally and "petrovsky" in tally
    holders = ok(invoke("offices", "report", "--db", url, "--on", "1923-03-02", "--json"))
    assert "presidium-member" in holders


def test_p4_a_stranger_casts_no_ballot(union: tuple[str, Path]) -> None:
    url, _ = union
    stranger = ["election", "ballot", "e1", "--choices", "kalinin", "--as", "stranger"]
    result = invoke(*stranger, *_at(url, "1923-02-18"))
    assert result.exit_code == 2


def test_p15_the_demo_elects_the_inspection_college_one_per_member(
    played_demo: PlayedDemo,
) -> None:
    out = played_demo.stdout
    assert "the charter gives 14 days' notice of an election to inspection-college" in out
    assert "ConsentToCandidacy is for the candidate, in their own name" in out
    assert "refused (P4): ukraine has cast its ballot in college-1925" in out
    assert "round  kuibyshev  zatonsky  chervyakov  makharadze" in out
    assert "P15: skrypnyk is skipped: zatonsky, also nominated by ukraine, is elected" in out
    assert "elected: zatonsky, makharadze, kuibyshev" in out
    assert "kuibyshev: office:inspection-college" in out
