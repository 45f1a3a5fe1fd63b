"""`isonomia case|complaint|person` and the inspection in `organ delegate` (P16, P17): one
refusal line and exit 2 with nothing written; who reads a case proves it with a key file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from cli_world import invoke, ok

from builders import example_1922
from played_demo import PlayedDemo

DAY = "1923-02-01"
MEMBERS = ("rsfsr", "ukraine", "georgia", "belorussia", "armenia", "azerbaijan")


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
            DAY,
            "--db",
            url,
        )
    )
    return path


def _delegate(url: str, organ: str, member: str, person: str) -> object:
    return invoke(
        "organ", "delegate", organ, "--member", member, "--person", person, "--at", DAY, "--db", url
    )


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp_path = tmp_path_factory.mktemp("inspection")
    url = f"sqlite:///{tmp_path / 'union.db'}"
    charter = str(example_1922())
    ok(
        invoke(
            "init", "--charter", charter, "--db", url, "--clock", "simulated", "--at", "1922-12-01"
        )
    )
    decisions = [x for m in MEMBERS for x in ("--decision", f"{m}:1922-12-29")]
    ok(invoke("found", "--db", url, "--on", "1922-12-30", *decisions))
    for member in MEMBERS:
        for n in (1, 2):
            ok(_delegate(url, "inspection", member, f"insp-{member}-{n}"))  # type: ignore[arg-type]
    ok(_delegate(url, "sovnarkom", "rsfsr", "ordzhonikidze"))  # type: ignore[arg-type]
    ok(_delegate(url, "union-council", "georgia", "kabakhidze"))  # type: ignore[arg-type]
    victim = _key(url, tmp_path, "kabakhidze", "georgia")
    _key(url, tmp_path, "stranger", "ukraine")
    ok(
        invoke(
            "case", "file", "case-1", "--kind", "violence", "--accused", "ordzhonikidze",
            "--witnesses", "mdivani", "--summary", "struck Georgia's delegate",
            "--actor", "person:kabakhidze", "--key", str(victim), "--at", DAY, "--db", url,
        )
    )  # fmt: skip
    ok(invoke("case", "draw", "case-1", "--at", DAY, "--db", url))
    return url, tmp_path


def _length(url: str) -> int:
    return len(ok(invoke("ledger", "show", "--db", url, "--json")).split('"sequence"'))


def refused(result: object, principle: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    line = result.stderr  # type: ignore[attr-defined]
    assert line.startswith(f"refused ({principle})") and line.count("\n") == 1, line
    return line


def test_p16_members_councils_staff_the_inspection_but_no_official(union: tuple[str, Path]) -> None:
    url, _ = union
    assert "insp-georgia-1" in ok(invoke("organ", "list", "--on", DAY, "--db", url))
    before = _length(url)
    refused(_delegate(url, "inspection", "rsfsr", "ordzhonikidze"), "P16")
    refused(_delegate(url, "presidium", "ukraine", "insp-ukraine-1"), "P16")
    assert _length(url) == before


@pytest.mark.parametrize("order", ["direct", "pause", "close", "restaff"])
def test_p16_an_organ_cannot_direct_pause_close_or_restaff_a_case(
    union: tuple[str, Path], order: str
) -> None:
    url, _ = union
    before = _length(url)
    result = invoke("case", order, "case-1", "--actor", "organ:sovnarkom", "--at", DAY, "--db", url)
    assert "beyond the officials' reach" in refused(result, "P16")
    assert _length(url) == before


def test_p17_the_accuseds_organ_cannot_transfer_the_complainant(union: tuple[str, Path]) -> None:
    url, _ = union
    result = invoke(
        "person", "transfer", "kabakhidze", "--organ", "sovnarkom", "--to", "Tashkent",
        "--at", DAY, "--db", url,
    )  # fmt: skip
    assert "protected while case case-1 is open" in refused(result, "P17")


def test_p17_the_public_and_others_see_a_case_number_and_status_only(
    union: tuple[str, Path],
) -> None:
    url, tmp_path = union
    assert ok(invoke("case", "list", "--db", url)).startswith("case-1: open\n")
    stranger = str(tmp_path / "stranger.key")
    assert "struck" not in ok(invoke("case", "list", "--key", stranger, "--db", url))
    refused(invoke("case", "show", "case-1", "--db", url), "P17")
    refused(invoke("case", "show", "case-1", "--key", stranger, "--db", url), "P17")
    victim = str(tmp_path / "kabakhidze.key")
    shown = ok(invoke("case", "show", "case-1", "--key", victim, "--db", url))
    assert "struck Georgia's delegate" in shown and "recused: insp-georgia-1" in shown


def test_p17_a_key_the_register_does_not_know_proves_no_reader(union: tuple[str, Path]) -> None:
    url, tmp_path = union
    unknown = tmp_path / "unknown.key"
    ok(invoke("keys", "new", "--out", str(unknown)))
    result = invoke("case", "show", "case-1", "--key", str(unknown), "--db", url)
    assert result.exit_code == 2 and "not in the key register" in result.stderr


def test_p17_evidence_is_kept_by_hash_and_given_only_to_who_sees_the_case(
    union: tuple[str, Path],
) -> None:
    url, tmp_path = union
    victim = str(tmp_path / "kabakhidze.key")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a photograph of the blow")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    ok(
        invoke(
            "case", "evidence", "add", "case-1", str(photo), "--actor", "person:kabakhidze",
            "--key", victim, "--at", DAY, "--db", url,
        )
    )  # fmt: skip
    out = tmp_path / "copy.jpg"
    ok(
        invoke(
            "case",
            "evidence",
            "get",
            "case-1",
            digest,
            "--out",
            str(out),
            "--key",
            victim,
            "--db",
            url,
        )
    )
    assert out.read_bytes() == photo.read_bytes()
    public = tmp_path / "public.jpg"
    refused(
        invoke("case", "evidence", "get", "case-1", digest, "--out", str(public), "--db", url),
        "P17",
    )
    assert not public.exists()


def test_p17_the_demo_shows_an_investigation(played_demo: PlayedDemo) -> None:
    out = played_demo.stdout
    assert "refused (P16): ordzhonikidze sits in sovnarkom" in out
    assert "recused: inspector-georgia-1 — sits for georgia, the complainant's member" in out
    assert "recused: inspector-ukraine-1 — declared a tie with ordzhonikidze" in out
    assert "refused (P17): kabakhidze is protected while case case-1925-1 is open" in out
    assert "refused (P16): the inspection is beyond the officials' reach" in out
    assert "no justification for violence by an official" in out
    assert "sanction: removal from office" in out
    assert "builds on f-1" in out and "the public sees only: case-1925-1: decided" in out


def test_p17_the_demo_draws_by_commit_and_reveal_and_shows_a_challenge_and_a_removal(
    played_demo: PlayedDemo,
) -> None:
    out = " ".join(played_demo.stdout.split())
    assert "person:ordzhonikidze has already committed to the draw of case case-1925-1" in out
    assert "does not match person:ordzhonikidze's commitment for case case-1925-1" in out
    assert "made of 2 revealed values" in out
    assert "silent: person:ordzhonikidze committed and did not reveal" in out
    assert "is challenged in case case-1925-1 and cannot rule on its challenges" in out
    assert "challenge ch-1 upheld: 7 of the 13 inspectors not challenged uphold it" in out
    assert "the seat drawn again from the same seed" in out
    assert (
        "refused (P17): ordzhonikidze lost organ:sovnarkom for rsfsr by the removal from "
        "office of case case-1925-1 from 1925-10-12"
    ) in out
    assert "may hold no office until 1927-10-12" in out
    assert "signed commands re-derived into" in out


def test_p16_an_inspection_refusal_is_said_in_georgian_on_one_line(
    union: tuple[str, Path],
) -> None:
    url, _ = union
    before = _length(url)
    order = ("case", "direct", "case-1", "--actor", "organ:sovnarkom", "--at", DAY, "--db", url)
    result = invoke("--lang", "ka", *order)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr == (
        "უარყოფილია (P16): ინსპექცია თანამდებობის პირთა გავლენის მიღმაა: organ:sovnarkom-ს "
        "არ შეუძლია საქმე case-1-ის ხელმძღვანელობა\n"
    )
    seat = invoke("--lang", "ka", *_delegate_args(url, "inspection", "rsfsr", "ordzhonikidze"))
    assert seat.exit_code == 2 and seat.stderr.count("\n") == 1, seat.stderr
    assert seat.stderr.startswith("უარყოფილია (P16): ordzhonikidze ზის sovnarkom-ში")
    assert _length(url) == before


def _delegate_args(url: str, organ: str, member: str, person: str) -> tuple[str, ...]:
    return (
        "organ", "delegate", organ, "--member", member, "--person", person, "--at", DAY,
        "--db", url,
    )  # fmt: skip
