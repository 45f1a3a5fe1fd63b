"""`isonomia verify-export` against what the member pinned (P3, P18): exit 0 when the export
verifies against the log key, witnesses or head the member gave, 1 when it does not (a
forgery, a fake signed with another log key, a downgrade), 2 on bad input, and 3 when
nothing pinned anchors it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from isonomia.cli.main import app
from isonomia.service import Keyring
from tlog_world import founded

runner = CliRunner()

NOT_ANCHORED = "not anchored: the export vouches for itself\n"


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _union(folder: Path) -> str:
    """A founded union whose log signed a checkpoint Ukraine's council co-signed."""
    folder.mkdir()
    url = f"sqlite:///{folder / 'union.db'}"
    founded(url, Keyring(folder / "union.db.keys", provision=True)).close()
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    witnessed = invoke(
        "ledger",
        "witness",
        "--db",
        url,
        "--keyring",
        str(folder / "union.db.keys"),
        "--member",
        "ukraine",
        "--state",
        str(folder / "ukraine.json"),
    )
    assert witnessed.exit_code == 0, witnessed.output
    return url


def _export(url: str, out: Path) -> Path:
    made = invoke("member", "export", "ukraine", "--out", str(out), "--db", url)
    assert made.exit_code == 0, made.output
    assert "--log-key VKEY --witness-keys FILE" in made.stdout
    return out


@pytest.fixture
def url(tmp_path: Path) -> str:
    return _union(tmp_path / "real")


@pytest.fixture
def export(url: str, tmp_path: Path) -> Path:
    return _export(url, tmp_path / "ukraine.export")


@pytest.fixture
def pins(url: str, tmp_path: Path) -> list[str]:
    """What Ukraine pinned while a member, from its own copy of the record."""
    log, witnesses = tmp_path / "log.vkey", tmp_path / "witnesses.txt"
    log.write_text(invoke("ledger", "verifier-keys", "--log", "--db", url).stdout)
    witnesses.write_text(invoke("ledger", "verifier-keys", "--witnesses", "--db", url).stdout)
    return ["--log-key", f"@{log}", "--witness-keys", str(witnesses)]


def test_p18_an_unanchored_export_is_not_ok(export: Path) -> None:
    result = invoke("verify-export", str(export))
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", NOT_ANCHORED)


def test_p18_an_export_verifies_against_the_keys_the_member_pinned(
    export: Path, pins: list[str], url: str
) -> None:
    result = invoke("verify-export", str(export), *pins)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ukraine of Union of Soviet Republics of Europe and Asia: OK ")
    assert lines[0].endswith(
        "anchored by the log key you pinned; the cosignatures of council:ukraine (1 required)"
    )
    key = invoke("ledger", "verifier-keys", "--log", "--db", url).stdout.strip()
    assert invoke("verify-export", str(export), "--log-key", key).exit_code == 0
    root = json.loads(invoke("ledger", "head", "--json", "--db", url).stdout)["root"]
    by_root = invoke("verify-export", str(export), "--expect-head", root)
    assert by_root.exit_code == 0, by_root.output
    assert "the root you expected; the log's statement of ukraine's entries checked only" in (
        by_root.stdout
    )


def test_p18_a_self_signed_fake_export_fails_against_the_pinned_log_key(
    export: Path, pins: list[str], tmp_path: Path
) -> None:
    fake = _export(_union(tmp_path / "forged"), tmp_path / "fake.export")
    assert invoke("verify-export", str(fake)).exit_code == 3  # it vouches for itself
    result = invoke("verify-export", str(fake), *pins)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "the export's checkpoint is not signed by the log key you pinned"
    )
    witnesses = invoke("verify-export", str(fake), *pins[2:], "--require-cosigners", "1")
    assert witnesses.exit_code == 1 and "co-signed by 0 of the trusted witnesses" in (
        witnesses.stderr
    )


def test_p3_a_downgraded_export_is_refused(export: Path, pins: list[str]) -> None:
    doc = json.loads(export.read_text(encoding="utf-8"))
    del doc["transparency"]
    doc["version"] = 1
    export.write_text(json.dumps(doc), encoding="utf-8")
    for given in (pins, []):
        result = invoke("verify-export", str(export), *given)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            f"refused (P3): {export} is a version-1 export: it has no checkpoint and no "
            "inclusion proofs, which this version of isonomia writes (version 2), so nothing "
            "proves its entries are the union's record; ask for a new export\n"
        )


def test_p3_a_tampered_export_fails_naming_the_entry(export: Path, pins: list[str]) -> None:
    doc = json.loads(export.read_text(encoding="utf-8"))
    entry = next(e for e in doc["entries"] if e.get("event_type") == "KeyRegistered")
    entry["payload"]["principal"] = "council:forged"
    export.write_text(json.dumps(doc), encoding="utf-8")
    for given in (pins, []):  # a broken export fails, pinned or not
        result = invoke("verify-export", str(export), *given)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"entry {entry['sequence']}: ")


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--log-key", "not-a-key"], "--log-key is the log's verifier key"),
        (["--require-cosigners", "1"], "--require-cosigners counts cosignatures"),
        (["--witness-keys", "missing.txt"], "cannot read missing.txt"),
        (["--expect-head", "nothing-here"], "--expect-head is a root hash"),
    ],
)
def test_bad_pins_exit_2_in_one_line(export: Path, given: list[str], said: str) -> None:
    result = invoke("verify-export", str(export), *given)
    assert result.exit_code == 2
    assert result.stderr.startswith(said) and len(result.stderr.splitlines()) == 1


def test_a_log_key_given_as_a_witness_key_is_refused(
    export: Path, pins: list[str], tmp_path: Path
) -> None:
    result = invoke("verify-export", str(export), "--witness-keys", pins[1][1:])
    assert result.exit_code == 2
    assert "is not a file of witness verifier keys" in result.stderr


def test_p3_an_export_without_the_log_key_at_hand_is_refused(url: str, tmp_path: Path) -> None:
    keys = Path(url.removeprefix("sqlite:///") + ".keys")
    moved = str(shutil.move(keys, tmp_path / "elsewhere"))
    out = tmp_path / "ukraine.export"
    result = invoke("member", "export", "ukraine", "--out", str(out), "--db", url)
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith("ukraine's export must be signed with the union's log key")
    given = invoke(
        "member", "export", "ukraine", "--out", str(out), "--db", url, "--keyring", moved
    )
    assert given.exit_code == 0, given.output


def test_p14_the_unanchored_line_is_said_in_the_readers_language(export: Path) -> None:
    said = {
        language: invoke("--lang", language, "verify-export", str(export)).stderr
        for language in ("uk", "ka", "en")  # English last: the language is the process's
    }
    assert said["en"] == NOT_ANCHORED
    assert len({said["uk"], said["ka"], said["en"]}) == 3 and all(said.values())
