"""`isonomia ledger checkpoint|witness|head|prove|consistency|check-proof|audit|feed|
verifier-keys` and `ledger show SEQ --canonical` (P3, P18), and `isonomia-verify` on the
files they write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from isonomia.cli.main import app
from isonomia.service import Keyring, new_key_file
from isonomia.verify_cli import main as isonomia_verify
from tlog_world import founded, rewrite

runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'union.db'}"
    founded(url, Keyring(tmp_path / "union.db.keys", provision=True)).close()
    return url


def _log_key(url: str) -> str:
    result = invoke("ledger", "head", "--db", url, "--json")
    assert result.exit_code == 0, result.output
    keys: list[str] = json.loads(result.stdout)["log_keys"]
    return keys[0]


def test_p18_a_checkpoint_cosigned_by_councils_is_shown_by_head(url: str, tmp_path: Path) -> None:
    assert "no checkpoint yet" in invoke("ledger", "head", "--db", url).stdout
    made = invoke("ledger", "checkpoint", "--db", url)
    assert made.exit_code == 0 and "co-signed by nobody yet" in made.stdout
    for member in ("ukraine", "armenia"):
        _witness(url, tmp_path, member)
    head = json.loads(invoke("ledger", "head", "--db", url, "--json").stdout)
    assert head["cosigners"] == ["council:armenia", "council:ukraine"]
    assert head["note"].count("\n— ") == 3


def test_p18_an_entry_is_proved_offline_from_its_canonical_bytes(url: str, tmp_path: Path) -> None:
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    entry, other, proof = tmp_path / "e5", tmp_path / "e6", tmp_path / "p5"
    entry.write_bytes(invoke("ledger", "show", "5", "--canonical", "--db", url).stdout_bytes)
    other.write_bytes(invoke("ledger", "show", "6", "--canonical", "--db", url).stdout_bytes)
    assert json.loads(entry.read_bytes())["sequence"] == 5
    assert invoke("ledger", "prove", "5", "--out", str(proof), "--db", url).exit_code == 0
    key = _log_key(url)
    checked = invoke("ledger", "check-proof", str(proof), "--entry", str(entry), "--key", key)
    assert checked.exit_code == 0 and checked.stdout.startswith("OK entry 5 is in isonomia/union")
    wrong = invoke("ledger", "check-proof", str(proof), "--entry", str(other), "--key", key)
    assert wrong.exit_code == 1 and wrong.stdout.startswith("FAIL")
    args = ["proof", str(proof), "--entry", str(entry), "--key", key]
    assert isonomia_verify(args) == 0


def _witness(url: str, tmp_path: Path, member: str) -> None:
    witnessed = invoke(
        "ledger",
        "witness",
        "--db",
        url,
        "--keyring",
        str(tmp_path / "union.db.keys"),
        "--member",
        member,
        "--state",
        str(tmp_path / f"{member}.json"),
    )
    assert witnessed.exit_code == 0, witnessed.output


def test_isonomia_verify_numbers_an_entry_as_the_ledger_does(url: str, tmp_path: Path) -> None:
    # A reported defect: the verifier named entry 41 "entry 40" (it printed the leaf index).
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    last = int(json.loads(invoke("ledger", "head", "--db", url, "--json").stdout)["size"])
    key = _log_key(url)
    for sequence in (1, 12, last):
        entry, proof = tmp_path / f"e{sequence}", tmp_path / f"p{sequence}"
        shown = invoke("ledger", "show", str(sequence), "--canonical", "--db", url)
        entry.write_bytes(shown.stdout_bytes)
        assert (
            invoke("ledger", "prove", str(sequence), "--out", str(proof), "--db", url).exit_code
            == 0
        )
        checked = invoke("ledger", "check-proof", str(proof), "--entry", str(entry), "--key", key)
        assert checked.exit_code == 0, checked.output
        assert checked.stdout.startswith(f"OK entry {sequence} is in isonomia/union size ")


def test_p18_verifier_keys_prints_the_keys_a_member_pins(url: str) -> None:
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    log = invoke("ledger", "verifier-keys", "--log", "--db", url)
    assert log.exit_code == 0 and log.stdout.split() == [_log_key(url)]
    witnesses = invoke("ledger", "verifier-keys", "--witnesses", "--db", url).stdout.split()
    assert [w.split("+")[0] for w in witnesses] == ["council:armenia", "council:ukraine"]
    both = json.loads(invoke("ledger", "verifier-keys", "--json", "--db", url).stdout)
    assert both == {"log_keys": log.stdout.split(), "witness_keys": witnesses}
    said = invoke("ledger", "verifier-keys", "--db", url).stdout
    assert "--log-key" in said and "--witness-keys" in said and witnesses[0] in said


def test_a_proof_needs_the_required_cosigners(url: str, tmp_path: Path) -> None:
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    _witness(url, tmp_path, "ukraine")
    entry, proof, pins = tmp_path / "e3", tmp_path / "p3", tmp_path / "witnesses"
    entry.write_bytes(invoke("ledger", "show", "3", "--canonical", "--db", url).stdout_bytes)
    pins.write_text(invoke("ledger", "verifier-keys", "--witnesses", "--db", url).stdout)
    assert invoke("ledger", "prove", "3", "--out", str(proof), "--db", url).exit_code == 0
    argv = ["proof", str(proof), "--entry", str(entry), "--key", _log_key(url)]
    both = [*argv, "--witness-keys", str(pins), "--require-cosigners", "2"]
    assert isonomia_verify(argv) == 0  # the log's key is a pin of its own
    assert isonomia_verify([*argv, "--witness-keys", str(pins)]) == 0  # one of two by default
    assert isonomia_verify(both) == 1  # Armenia has not co-signed yet
    _witness(url, tmp_path, "armenia")
    assert invoke("ledger", "prove", "3", "--out", str(proof), "--db", url).exit_code == 0
    assert isonomia_verify(both) == 0
    checked = invoke(
        "ledger",
        "check-proof",
        str(proof),
        "--entry",
        str(entry),
        "--witness-keys",
        str(pins),
        "--require-cosigners",
        "2",
    )
    assert checked.exit_code == 0 and "log signature not checked" in checked.stdout
    unpinned = invoke("ledger", "check-proof", str(proof), "--entry", str(entry))
    assert (unpinned.exit_code, unpinned.stdout) == (
        3,
        "not anchored: the proof vouches for itself\n",
    )


def test_p18_a_consistency_proof_is_checked_offline(url: str, tmp_path: Path) -> None:
    first = invoke("ledger", "checkpoint", "--db", url).stdout.split()[2]
    assert (
        invoke(
            "keys",
            "register",
            "council:rsfsr",
            "--public-key",
            new_key_file(tmp_path / "rsfsr.key")[0],
            "--at",
            "1923-02-01",
            "--db",
            url,
        ).exit_code
        == 0
    )
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    out = tmp_path / "c.json"
    assert invoke("ledger", "consistency", first, "--out", str(out), "--db", url).exit_code == 0
    checked = invoke("ledger", "check-proof", str(out), "--key", _log_key(url))
    assert checked.exit_code == 0 and "extends size" in checked.stdout


def test_p18_audit_against_a_kept_checkpoint_names_a_rewritten_entry(
    url: str, tmp_path: Path
) -> None:
    assert invoke("ledger", "checkpoint", "--db", url).exit_code == 0
    kept = tmp_path / "kept.note"
    kept.write_text(json.loads(invoke("ledger", "head", "--db", url, "--json").stdout)["note"])
    assert invoke("ledger", "audit", "--against", str(kept), "--db", url).exit_code == 0
    rewrite(url, 4)
    # The re-hashed chain verifies, but the entry is no longer what its signed command
    # derives: `ledger verify` names the entry too.
    verified = invoke("ledger", "verify", "--db", url)
    assert verified.exit_code == 1
    assert verified.stderr.startswith("entry 4: ")
    audited = invoke("ledger", "audit", "--against", str(kept), "--db", url)
    assert audited.exit_code == 1
    size = kept.read_text().split("\n")[1]
    assert audited.stderr.strip() == (
        f"the record no longer holds the tree checkpoint {size} signed: "
        "the first entry that differs is entry 4"
    )


def test_p18_a_checkpoint_with_a_key_not_registered_for_the_log_is_refused(
    url: str, tmp_path: Path
) -> None:
    new_key_file(tmp_path / "stranger.key")
    result = invoke("ledger", "checkpoint", "--db", url, "--key", str(tmp_path / "stranger.key"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "refused (P18): this key is not a key of log in force"
    assert "no checkpoint yet" in invoke("ledger", "head", "--db", url).stdout


def test_p18_the_feed_is_json_lines_with_the_checkpoints_between_entries(url: str) -> None:
    size = int(invoke("ledger", "checkpoint", "--db", url).stdout.split()[2])
    lines = invoke("ledger", "feed", "--from", str(size), "--limit", "1", "--db", url).stdout
    items = [json.loads(line) for line in lines.splitlines()]
    assert [(i["type"], i.get("sequence", i.get("size"))) for i in items] == [
        ("entry", size),
        ("checkpoint", size),
    ]


def test_p18_ledger_verify_checks_the_stored_merkle_tree_against_the_entries(url: str) -> None:
    verified = invoke("ledger", "verify", "--db", url)
    assert (
        verified.exit_code == 0
        and "the stored Merkle tree and checkpoints match" in verified.stdout
    )
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE merkle_node SET hash = X'" + "00" * 32 + "' WHERE end_leaf = 5 AND level = 0"
        )
    engine.dispose()
    caught = invoke("ledger", "verify", "--db", url)
    assert caught.exit_code == 1
    assert caught.stderr.strip() == (
        "the stored Merkle node at level 0 ending at entry 6 does not match the entries "
        "(the node table was changed)"
    )
