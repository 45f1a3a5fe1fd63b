"""`isonomia case sealing-key|grant|show --decrypt` and sealed cases from the command line
(P17, P18): the CLI seals a complaint before signing it, so the database file holds no clear
text; an entitled reader opens it with its own key file; refusals are one line and exit 2."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from cli_world import invoke, ok

from builders import example_1922
from isonomia.domain import actors
from isonomia.domain.inspection import AddEvidence
from isonomia.service import Federation, KeyFile, at_day, make, new_command_id, write_envelope

DAY = "1923-02-01"
MEMBERS = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")
SECRET = "Ordzhonikidze struck the delegate Kabakhidze behind the door of room 12"


def _key(url: str, tmp_path: Path, person: str, member: str) -> Path:
    path = tmp_path / f"{person}.key"
    public = re.search(r"public key: (\S+)", ok(invoke("keys", "new", "--out", str(path))))
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
            DAY,
            "--db",
            url,
        )
    )
    return path


def _sealing_key(url: str, actor: str, key: Path | None = None) -> None:
    signing = ["--key", str(key)] if key is not None else []
    ok(invoke("case", "sealing-key", "--actor", actor, *signing, "--at", DAY, "--db", url))


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp_path = tmp_path_factory.mktemp("sealed")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    ok(
        invoke(
            "init",
            "--charter",
            str(example_1922()),
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
    for member in MEMBERS:
        for n in (1, 2):
            ok(
                invoke(
                    "organ",
                    "delegate",
                    "inspection",
                    "--member",
                    member,
                    "--person",
                    f"insp-{member}-{n}",
                    "--at",
                    DAY,
                    "--db",
                    url,
                )
            )
    _sealing_key(url, "inspection")
    for person, member in (("kabakhidze", "georgia"), ("okudzhava", "georgia")):
        _sealing_key(url, f"person:{person}", _key(url, tmp_path, person, member))
    _sealing_key(url, "person:stranger", _key(url, tmp_path, "stranger", "ukraine"))
    victim = str(tmp_path / "kabakhidze.key")
    ok(
        invoke(
            "case",
            "file",
            "case-1",
            "--kind",
            "violence",
            "--accused",
            "ordzhonikidze",
            "--summary",
            SECRET,
            "--actor",
            "person:kabakhidze",
            "--key",
            victim,
            "--at",
            DAY,
            "--db",
            url,
        )
    )
    ok(invoke("case", "draw", "case-1", "--at", DAY, "--db", url))
    ok(
        invoke(
            "case",
            "defender",
            "case-1",
            "--defender",
            "okudzhava",
            "--actor",
            "person:kabakhidze",
            "--key",
            victim,
            "--at",
            DAY,
            "--db",
            url,
        )
    )
    return url, tmp_path


def refused(result: object, principle: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    line = result.stderr  # type: ignore[attr-defined]
    assert line.startswith(f"refused ({principle})") and line.count("\n") == 1, line
    return line


def test_p17_the_database_file_holds_the_complaint_sealed_not_in_clear(
    union: tuple[str, Path],
) -> None:
    _url, tmp_path = union
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("union.db*") if p.is_file())
    assert b"sealed:v1:summary:" in raw
    assert SECRET.encode() not in raw and b"room 12" not in raw


@pytest.mark.parametrize("reader", ["kabakhidze", "okudzhava"])
def test_p17_an_entitled_reader_decrypts_with_its_key_file(
    union: tuple[str, Path], reader: str
) -> None:
    url, tmp_path = union
    key = str(tmp_path / f"{reader}.key")
    sealed = ok(invoke("case", "show", "case-1", "--key", key, "--db", url))
    assert SECRET not in sealed and "sealed:v1:summary:" in sealed
    opened = ok(invoke("case", "show", "case-1", "--key", key, "--decrypt", "--db", url))
    assert SECRET in opened


def test_p17_a_principal_not_entitled_cannot_decrypt_nor_grant(union: tuple[str, Path]) -> None:
    url, tmp_path = union
    stranger = str(tmp_path / "stranger.key")
    refused(invoke("case", "show", "case-1", "--key", stranger, "--decrypt", "--db", url), "P17")
    line = refused(
        invoke(
            "case",
            "grant",
            "case-1",
            "--actor",
            "person:stranger",
            "--key",
            stranger,
            "--at",
            DAY,
            "--db",
            url,
        ),
        "P17",
    )
    assert "not entitled" in line
    result = invoke("case", "show", "case-1", "--decrypt", "--db", url)
    assert result.exit_code == 2 and "--decrypt needs --key" in result.stderr


def test_p17_an_evidence_name_submitted_in_clear_in_a_sealed_case_is_refused(
    union: tuple[str, Path],
) -> None:
    url, tmp_path = union
    federation = Federation(url).open()
    try:
        clear = make(
            AddEvidence,
            command_id=new_command_id(),
            actor=actors.person("kabakhidze"),
            at=at_day(date(1923, 2, 1)),
            case="case-1",
            sha256="ab" * 32,
            filename="photograph of the blow.jpg",
            size=3,
        )
        envelope = federation.sign(clear, KeyFile(tmp_path / "kabakhidze.key"))
    finally:
        federation.close()
    path = tmp_path / "clear.json"
    write_envelope(path, envelope)
    line = refused(invoke("submit", str(path), "--db", url), "P17")
    assert "comes sealed" in line


def test_p17_every_reader_with_a_sealing_key_received_the_case_key(
    union: tuple[str, Path],
) -> None:
    url, _ = union
    out = ok(invoke("case", "grant", "case-1", "--actor", "inspection", "--at", DAY, "--db", url))
    assert "every reader of case-1 holds its key" in out


def test_p17_an_evidence_file_is_kept_sealed_and_given_back_opened(
    union: tuple[str, Path],
) -> None:
    url, tmp_path = union
    photo = tmp_path / "blow-in-room-12.jpg"
    photo.write_bytes(b"JPEG bytes showing the blow in room 12")
    victim = str(tmp_path / "kabakhidze.key")
    added = ok(
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
            "--at",
            DAY,
            "--db",
            url,
        )
    )
    digest = re.search(r"evidence ([0-9a-f]{64})", added)
    assert digest is not None
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("union.db*") if p.is_file())
    assert b"showing the blow" not in raw and b"blow-in-room-12" not in raw
    out = tmp_path / "back.jpg"
    ok(
        invoke(
            "case",
            "evidence",
            "get",
            "case-1",
            digest.group(1),
            "--out",
            str(out),
            "--key",
            victim,
            "--db",
            url,
        )
    )
    assert out.read_bytes() == photo.read_bytes()
    shown = ok(invoke("case", "show", "case-1", "--key", victim, "--decrypt", "--db", url))
    assert "blow-in-room-12.jpg" in shown
