"""`isonomia case commit|reveal|draw|challenge|rule` (P17): under a charter with a window
for the draw, the parties commit and reveal on the command line, the case shows who stayed
silent and the challenges; a refusal is one line, exit 2, nothing written."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from cli_world import invoke, ok

from isonomia.service import example_charter

FILED, REVEAL, DRAW = "1923-02-01", "1923-02-04", "1923-02-06"
MEMBERS = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")
CASE = "case-1"


def _key(url: str, tmp_path: Path, person: str, member: str) -> Path:
    path = tmp_path / f"{person}.key"
    out = ok(invoke("keys", "new", "--out", str(path)))
    public = re.search(r"public key: (\S+)", out)
    assert public is not None
    ok(
        invoke(
            "keys",
            "register",
            f"person:{person}",
            "--public-key",
            public.group(1),
            "--for-member",
            member,
            "--at",
            FILED,
            "--db",
            url,
        )
    )
    return path


def _refused(result: object) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    line: str = result.stderr  # type: ignore[attr-defined]
    assert line.startswith("refused (P17)") and line.count("\n") == 1, line
    return line


def _length(url: str) -> int:
    return len(ok(invoke("ledger", "show", "--db", url, "--json")).split('"sequence"'))


def _value(n: int) -> str:
    return hashlib.sha256(f"value {n}".encode()).hexdigest()


def _commitment(value: str, principal: str) -> str:
    """What `case commitment` prints for the value: the same as SHA-256 of the three."""
    out = ok(invoke("case", "commitment", CASE, "--principal", principal, "--value", value))
    found = re.search(r"commitment: ([0-9a-f]{64})", out)
    assert found is not None
    assert found.group(1) == hashlib.sha256(f"{value}|{CASE}|{principal}".encode()).hexdigest()
    return found.group(1)


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Path]]:
    tmp_path = tmp_path_factory.mktemp("draw")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    text = example_charter("union-1922").read_text(encoding="utf-8")
    charter = tmp_path / "charter.toml"
    assert "draw_commit_days = 3\ndraw_reveal_days = 2\n" in text  # the window, as shipped
    charter.write_text(text, encoding="utf-8")
    ok(
        invoke(
            "init",
            "--charter",
            str(charter),
            "--db",
            url,
            "--clock",
            "simulated",
            "--at",
            "1922-12-01",
        )
    )
    decisions = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-29")]
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *decisions))
    seats = [("inspection", m, f"insp-{m}-{n}") for m in MEMBERS for n in (1, 2)]
    seats += [("sovnarkom", "rsfsr", "ordzhonikidze"), ("union-council", "georgia", "kabakhidze")]
    for organ, member, person in seats:
        ok(
            invoke(
                "organ",
                "delegate",
                organ,
                "--member",
                member,
                "--person",
                person,
                "--at",
                FILED,
                "--db",
                url,
            )
        )
    keys = {
        "kabakhidze": _key(url, tmp_path, "kabakhidze", "georgia"),
        "ordzhonikidze": _key(url, tmp_path, "ordzhonikidze", "rsfsr"),
    }
    ok(
        invoke(
            "case",
            "file",
            CASE,
            "--kind",
            "violence",
            "--accused",
            "ordzhonikidze",
            "--summary",
            "struck Georgia's delegate",
            "--actor",
            "person:kabakhidze",
            "--key",
            str(keys["kabakhidze"]),
            "--at",
            FILED,
            "--db",
            url,
        )
    )
    return url, keys


def _as(person: str, keys: dict[str, Path]) -> list[str]:
    return ["--actor", f"person:{person}", "--key", str(keys[person])]


def test_p17_parties_commit_and_reveal_and_the_case_shows_who_stayed_silent(
    union: tuple[str, dict[str, Path]],
) -> None:
    url, keys = union
    for n, person in enumerate(("kabakhidze", "ordzhonikidze")):
        commitment = _commitment(_value(n), f"person:{person}")
        ok(
            invoke(
                "case",
                "commit",
                CASE,
                "--commitment",
                commitment,
                *_as(person, keys),
                "--at",
                FILED,
                "--db",
                url,
            )
        )
    size = _length(url)
    _refused(
        invoke(
            "case",
            "reveal",
            CASE,
            "--value",
            _value(7),
            *_as("kabakhidze", keys),
            "--at",
            REVEAL,
            "--db",
            url,
        )
    )
    assert _length(url) == size
    ok(
        invoke(
            "case",
            "reveal",
            CASE,
            "--value",
            _value(0),
            *_as("kabakhidze", keys),
            "--at",
            REVEAL,
            "--db",
            url,
        )
    )
    _refused(invoke("case", "draw", CASE, "--at", REVEAL, "--db", url))
    ok(invoke("case", "draw", CASE, "--at", DRAW, "--db", url))
    shown = ok(invoke("case", "show", CASE, "--key", str(keys["kabakhidze"]), "--db", url))
    assert "committed to the draw: person:kabakhidze" in shown
    assert "person:ordzhonikidze on 1923-02-01; silent" in shown
    commission = re.search(r"commission: (.+)", shown)
    assert commission is not None
    judge = commission.group(1).split(", ")[0]
    ok(
        invoke(
            "case",
            "challenge",
            CASE,
            "ch-1",
            "--person",
            judge,
            "--grounds",
            "kin",
            *_as("ordzhonikidze", keys),
            "--at",
            DRAW,
            "--db",
            url,
        )
    )
    _refused(
        invoke(
            "case",
            "challenge",
            CASE,
            "ch-2",
            "--person",
            judge,
            "--grounds",
            "kin",
            *_as("ordzhonikidze", keys),
            "--at",
            DRAW,
            "--db",
            url,
        )
    )
    shown = ok(invoke("case", "show", CASE, "--key", str(keys["kabakhidze"]), "--db", url))
    assert f"challenge ch-1 (round 1) by person:ordzhonikidze of {judge}" in shown
    assert "pending; rulings: none yet" in shown


def test_p17_case_commitment_makes_a_new_random_value_when_given_none() -> None:
    first = ok(invoke("case", "commitment", CASE, "--principal", "inspection"))
    second = ok(invoke("case", "commitment", CASE, "--principal", "inspection"))
    assert re.search(r"value: [0-9a-f]{64}", first) and first != second
