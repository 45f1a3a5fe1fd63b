"""Secret ballots on the command line (issue 24, P4): `election ballot` on a secret election
commits and keeps the ballot and its nonce next to the elector's key (mode 0600), `election
reveal` reveals it with nothing typed, the count uses the revealed ballots and counts the
unrevealed as abstentions; each refusal is one line naming P4, exit 2, nothing written."""

from __future__ import annotations

import json
import re
import stat
import tomllib
from pathlib import Path

import pytest
import tomli_w
from cli_world import invoke, ok

from isonomia.service import example_charter

MEMBERS = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")
CANDIDATES = {"kalinin": "rsfsr", "petrovsky": "ukraine", "chervyakov": "belorussia"}
BALLOTS = {
    "rsfsr": "kalinin,petrovsky",
    "ukraine": "petrovsky,kalinin",
    "belorussia": "chervyakov,kalinin",
    "georgia": "kalinin,chervyakov",
    "armenia": "kalinin",
}
#: Azerbaijan's delegate commits with its own key file and never reveals: an abstention.
SILENT = "azerbaijan"


def refused(result: object, principle: str = "P4") -> str:
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
            "notice_days": 14,
            "ballot": "secret",
            "reveal_days": 3,
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


def _at(url: str, day: str) -> list[str]:
    return ["--db", url, "--at", day]


def _entries(url: str) -> int:
    return len(json.loads(ok(invoke("ledger", "show", "--db", url, "--json"))))


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A union with secret election s1 called, its candidates consenting, and every
    delegation but Azerbaijan's committed with the union's keyring."""
    tmp_path = tmp_path_factory.mktemp("secret")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    init = ["init", "--charter", str(_charter(tmp_path)), "--db", url, "--clock", "simulated"]
    ok(invoke(*init, "--at", "1922-12-01"))
    decisions = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-29")]
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *decisions))
    for member in MEMBERS:
        seat = ["organ", "delegate", "union-council", "--member", member]
        ok(invoke(*seat, "--person", f"{member}-uc", "--at", "1923-01-02", "--db", url))
    call = ["election", "call", "s1", "presidium-member", "--nominations-close", "1923-02-10"]
    period = ["--ballots-open", "1923-02-15", "--ballots-close", "1923-02-20"]
    ok(invoke(*call, *period, "--term-from", "1923-03-01", *_at(url, "1923-02-01")))
    for person, member in CANDIDATES.items():
        nominate = ["election", "nominate", "s1", person, "--member", member]
        ok(invoke(*nominate, *_at(url, "1923-02-02")))
    keys = {
        p: _key(url, tmp_path, p, m) for p, m in [*CANDIDATES.items(), (f"{SILENT}-uc", SILENT)]
    }
    for person in CANDIDATES:
        key = str(keys[person])
        ok(invoke("election", "consent", "s1", person, "--key", key, *_at(url, "1923-02-03")))
    for member, choices in BALLOTS.items():
        ballot = ["election", "ballot", "s1", "--choices", choices, "--as", f"{member}-uc"]
        out = ok(invoke(*ballot, *_at(url, "1923-02-16")))
        assert "BallotCommitted" in out and "BallotCast" not in out
    return url, tmp_path


def test_a_secret_ballot_is_kept_next_to_the_key_readable_by_its_owner_only(
    union: tuple[str, Path],
) -> None:
    url, tmp_path = union
    kept = tmp_path / "union.db.keys" / "person-georgia-uc.ballot-s1.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    secret = json.loads(kept.read_text())
    assert secret["choices"] == ["kalinin", "chervyakov"] and len(secret["nonce"]) == 64
    key = tmp_path / f"{SILENT}-uc.key"
    ballot = ["election", "ballot", "s1", "--choices", "petrovsky", "--as", f"{SILENT}-uc"]
    ok(invoke(*ballot, "--key", str(key), *_at(url, "1923-02-17")))
    beside = tmp_path / f"{SILENT}-uc.ballot-s1.json"
    assert stat.S_IMODE(beside.stat().st_mode) == 0o600
    # Until the reveal the record says who committed, never how.
    shown = json.loads(ok(invoke("election", "show", "s1", "--db", url, "--json")))
    assert shown["ballots"] == []
    assert {c["elector"] for c in shown["commitments"]} == {f"{m}-uc" for m in MEMBERS}
    feed = ok(invoke("ledger", "show", "--db", url, "--json"))
    assert "chervyakov" not in feed.split("BallotCommitted", 1)[1]
    assert secret["nonce"] not in feed


def test_p4_refusals_of_secret_ballots_write_nothing(union: tuple[str, Path]) -> None:
    url, tmp_path = union
    before = _entries(url)
    again = ["election", "ballot", "s1", "--choices", "petrovsky", "--as", "georgia-uc"]
    assert "one commitment each" in refused(invoke(*again, *_at(url, "1923-02-18")))
    late = ["election", "ballot", "s1", "--choices", "kalinin", "--as", "georgia-uc"]
    assert "run from" in refused(invoke(*late, *_at(url, "1923-02-21")))
    candidate = ["election", "ballot", "s1", "--choices", "kalinin", "--as", "kalinin"]
    key = ["--key", str(tmp_path / "kalinin.key")]
    assert "for no member" in refused(invoke(*candidate, *key, *_at(url, "1923-02-18")))
    assert not list(tmp_path.glob("kalinin.ballot-s1.json*")), "a refused ballot is not kept"
    unknown = ["election", "ballot", "s1", "--choices", "frunze", "--as", "stranger"]
    assert "no candidate on the ballot" in refused(invoke(*unknown, *_at(url, "1923-02-18")))
    early = ["election", "reveal", "s1", "--as", "georgia-uc"]
    assert "are revealed after" in refused(invoke(*early, *_at(url, "1923-02-20")))
    forged = [*early, "--choices", "petrovsky", "--nonce", "ab" * 32]
    assert "do not match" in refused(invoke(*forged, *_at(url, "1923-02-21")))
    count = ["election", "count", "s1", *_at(url, "1923-02-23")]
    assert "reveals of its secret ballots close" in refused(invoke(*count))
    assert _entries(url) == before


def test_reveals_need_nothing_typed_and_the_count_takes_only_revealed_ballots(
    union: tuple[str, Path],
) -> None:
    url, tmp_path = union
    for member, choices in BALLOTS.items():
        out = ok(
            invoke("election", "reveal", "s1", "--as", f"{member}-uc", *_at(url, "1923-02-21"))
        )
        assert f"revealed: {choices.replace(',', ', ')}" in out
    twice = ["election", "reveal", "s1", "--as", "georgia-uc"]
    assert "is revealed" in refused(invoke(*twice, *_at(url, "1923-02-22")))
    late = [
        "election",
        "reveal",
        "s1",
        "--as",
        f"{SILENT}-uc",
        "--key",
        str(tmp_path / f"{SILENT}-uc.key"),
    ]
    assert "are revealed after" in refused(invoke(*late, *_at(url, "1923-02-24")))
    counted = ok(invoke("election", "count", "s1", *_at(url, "1923-02-24")))
    assert "elected: kalinin, petrovsky" in counted
    shown = ok(invoke("election", "show", "s1", "--db", url))
    assert "1 secret ballots committed and never revealed: abstentions" in shown
    data = json.loads(ok(invoke("election", "show", "s1", "--db", url, "--json")))
    assert data["election"]["ballots"] == len(BALLOTS) and data["election"]["abstentions"] == 1
    # Anyone can count the revealed ballots again from the record.
    ballots_file = tmp_path / "s1.txt"
    ok(invoke("election", "show", "s1", "--db", url, "--ballots-file", str(ballots_file)))
    assert len(ballots_file.read_text().splitlines()) == len(CANDIDATES) + len(BALLOTS)
    tally = ok(invoke("tally", "--method", "stv", "--ballots", str(ballots_file), "--seats", "2"))
    assert "elected: kalinin, petrovsky" in tally
    # ... and offline, from the log's feed and from a member's export, compared with the count.
    feed = tmp_path / "feed.jsonl"
    feed.write_text(ok(invoke("ledger", "feed", "--db", url)), encoding="utf-8")
    export = tmp_path / "georgia.json"
    ok(invoke("member", "export", "georgia", "--out", str(export), "--db", url))
    for copy in (feed, export):
        recount = ok(invoke("tally", "--from-export", str(copy), "--election", "s1"))
        assert "the same as the recorded count, in every table" in recount
        assert "5 ballots counted from the record, 1 abstentions" in recount
