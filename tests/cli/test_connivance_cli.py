"""`isonomia case conniver` and `case findings --conniver` (P17): the sitting commission names
an official who knew and did not act, on the case's evidence; refusals are one line with exit
2 and write nothing; `case show` lists the connivers to who sees the case."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cli_world import invoke, ok
from test_inspection_cli import DAY, MEMBERS, _delegate, _key, _length, refused

from builders import example_1922


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str, str]:
    """A case drawn, a photograph in evidence; the url, the folder, the first commissioner
    (with a key) and the photograph's hash."""
    tmp_path = tmp_path_factory.mktemp("connivance")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    at = ("--at", DAY, "--db", url)
    charter = str(example_1922())
    ok(
        invoke(
            "init", "--charter", charter, "--clock", "simulated", "--db", url, "--at", "1922-12-01"
        )
    )
    decisions = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-29")]
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *decisions))
    for member in MEMBERS:
        for n in (1, 2):
            ok(_delegate(url, "inspection", member, f"insp-{member}-{n}"))  # type: ignore[arg-type]
    for organ, member, person in (
        ("sovnarkom", "rsfsr", "ordzhonikidze"),
        ("sovnarkom", "rsfsr", "dzerzhinsky"),
        ("union-council", "georgia", "kabakhidze"),
    ):
        ok(_delegate(url, organ, member, person))  # type: ignore[arg-type]
    victim = str(_key(url, tmp_path, "kabakhidze", "georgia"))
    ok(
        invoke(
            "case",
            "file",
            "case-1",
            "--kind",
            "violence",
            "--accused",
            "ordzhonikidze",
            "--witnesses",
            "mdivani",
            "--summary",
            "struck Georgia's delegate",
            "--actor",
            "person:kabakhidze",
            "--key",
            victim,
            *at,
        )
    )
    ok(invoke("case", "draw", "case-1", *at))
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"the deputy watching the blow")
    ok(
        invoke(
            "case",
            "evidence",
            "add",
            "case-1",
            str(photo),
            "--actor",
            "person:kabakhidze",
            "--key",
            victim,
            *at,
        )
    )
    shown = json.loads(ok(invoke("case", "show", "case-1", "--key", victim, "--json", "--db", url)))
    judge = shown["row"]["commission"][0]
    member = judge.split("-")[1]
    _key(url, tmp_path, judge, member)
    return url, tmp_path, judge, hashlib.sha256(photo.read_bytes()).hexdigest()


def _name(case: tuple[str, Path, str, str], person: str, *evidence: str) -> object:
    url, tmp_path, judge, _ = case
    key = str(tmp_path / f"{judge}.key")
    more = ("--evidence", ",".join(evidence)) if evidence else ()
    return invoke(
        "case",
        "conniver",
        "case-1",
        person,
        *more,
        "--actor",
        f"person:{judge}",
        "--key",
        key,
        "--at",
        DAY,
        "--db",
        url,
    )


def test_p17_naming_a_witness_conniver_is_refused_on_one_line(
    case: tuple[str, Path, str, str],
) -> None:
    url, _, _, digest = case
    length = _length(url)
    assert "cannot be named as conniver" in refused(_name(case, "mdivani", digest), "P17")
    assert "needs evidence" in refused(_name(case, "dzerzhinsky"), "P17")
    assert _length(url) == length


def test_p17_a_named_conniver_is_shown_and_not_sanctioned_before_their_days(
    case: tuple[str, Path, str, str],
) -> None:
    url, tmp_path, judge, digest = case
    assert "dzerzhinsky named as conniver in case-1" in ok(_name(case, "dzerzhinsky", digest))
    victim = str(tmp_path / "kabakhidze.key")
    shown = ok(invoke("case", "show", "case-1", "--key", victim, "--db", url))
    assert f"conniver: dzerzhinsky, named by {judge} on {DAY} on evidence {digest[:12]}" in shown
    early = invoke(
        "case",
        "findings",
        "case-1",
        "f-1",
        "--text",
        "he knew",
        "--conniver",
        "dzerzhinsky=removal from office",
        "--actor",
        f"person:{judge}",
        "--key",
        str(tmp_path / f"{judge}.key"),
        "--at",
        DAY,
        "--db",
        url,
    )
    assert "days to name a defender" in refused(early, "P17")
