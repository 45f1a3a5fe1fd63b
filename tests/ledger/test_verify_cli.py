"""The standalone verifier: one line per result, exit 0/1/2/3, never a traceback, and no
heavy imports; it trusts only the keys it is given (P18) and numbers entries as the ledger
does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from isonomia.ledger.merkle import MerkleTree
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    Checkpoint,
    Note,
    Signer,
    cosign_note,
    sign_note,
)
from isonomia.ledger.tlog_proof import make_consistency_proof, make_inclusion_proof
from isonomia.verify_cli import main

ORIGIN = "isonomia.example/union-log"
LOG = Signer(ORIGIN, ED25519, Ed25519PrivateKey.from_private_bytes(b"\x01" * 32))
WITNESS = Signer(
    "isonomia.example/ua", COSIGNATURE_V1, Ed25519PrivateKey.from_private_bytes(b"\x02" * 32)
)
STRANGER = Signer(ORIGIN, ED25519, Ed25519PrivateKey.from_private_bytes(b"\x03" * 32))
OTHER_WITNESS = Signer(
    "isonomia.example/by", COSIGNATURE_V1, Ed25519PrivateKey.from_private_bytes(b"\x04" * 32)
)
ENTRIES = [f'{{"sequence":{i},"event_type":"MotionTabled"}}'.encode() for i in range(1, 21)]
TREE = MerkleTree.from_entries(ENTRIES)


def _checkpoint(size: int, signer: Signer = LOG) -> Note:
    note = sign_note(Checkpoint(ORIGIN, size, TREE.root(size)).body(), signer)
    return cosign_note(note, WITNESS, 1_700_000_000)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "proof": make_inclusion_proof(TREE, 7, _checkpoint(20)).encode(),
        "entry": ENTRIES[7],
        "other_entry": ENTRIES[8],
        "consistency": make_consistency_proof(TREE, _checkpoint(5), _checkpoint(20)).encode(),
        "old": _checkpoint(5).encode(),
        "checkpoint": _checkpoint(20).encode(),
        "stranger": _checkpoint(20, STRANGER).encode(),
        "log_alone": sign_note(Checkpoint(ORIGIN, 20, TREE.root(20)).body(), LOG).encode(),
        "keys": (LOG.verifier_key.encode() + "\n" + WITNESS.verifier_key.encode() + "\n").encode(),
        "witnesses": "\n".join(
            [
                "# the members' witnesses",
                WITNESS.verifier_key.encode(),
                "",
                OTHER_WITNESS.verifier_key.encode(),
            ]
        ).encode(),
    }
    for name, data in paths.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in paths}


def _keys() -> list[str]:
    return ["--key", LOG.verifier_key.encode(), "--key", WITNESS.verifier_key.encode()]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def test_a_good_inclusion_proof_prints_one_ok_line(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        ["proof", str(files["proof"]), "--entry", str(files["entry"]), *_keys()], capsys
    )
    assert status == 0
    assert len(out) == 1
    assert out[0].startswith(f"OK entry 8 is in {ORIGIN} size 20 root ")
    assert "cosigned by isonomia.example/ua at 1700000000" in out[0]


@pytest.mark.parametrize("index", [0, 7, 19])
def test_entries_are_numbered_as_the_ledger_numbers_them_from_1(
    index: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Leaf index i is entry i + 1 (`ledger prove SEQ` writes index SEQ - 1): the entry whose
    # bytes say sequence 8 is entry 8, never "entry 7".
    proof, entry = tmp_path / "proof", tmp_path / "entry"
    proof.write_bytes(make_inclusion_proof(TREE, index, _checkpoint(20)).encode())
    entry.write_bytes(ENTRIES[index])
    status, out, _ = _run(["proof", str(proof), "--entry", str(entry), *_keys()], capsys)
    assert (status, out[0].split(" is in ")[0]) == (0, f"OK entry {index + 1}")


def test_a_failed_proof_names_the_entry_by_the_ledgers_number(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "not-json"
    other.write_bytes(b"not an entry of the ledger")
    argv = ["proof", str(files["proof"]), "--entry", str(other), *_keys()]
    assert _run(argv, capsys)[:2] == (
        1,
        ["FAIL entry 8: the inclusion proof for index 7 does not lead to the root of size 20"],
    )


def test_keys_can_come_from_a_file(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "proof",
        str(files["proof"]),
        "--entry",
        str(files["entry"]),
        "--key",
        f"@{files['keys']}",
    ]
    assert _run(argv, capsys)[0] == 0


def test_an_inclusion_proof_for_another_entry_fails_with_exit_1(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["proof", str(files["proof"]), "--entry", str(files["other_entry"]), *_keys()]
    status, out, _ = _run(argv, capsys)
    assert status == 1
    assert out == [
        "FAIL the entry's bytes say it is entry 9, but the proof is for entry 8 (leaf index 7)"
    ]


def test_a_checkpoint_by_an_unknown_key_fails(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        ["checkpoint", str(files["stranger"]), "--key", LOG.verifier_key.encode()], capsys
    )
    assert (status, out) == (1, ["FAIL no signature by a known key"])


def test_a_good_checkpoint_and_consistency_proof_verify(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["checkpoint", str(files["checkpoint"]), *_keys()], capsys)[0] == 0
    argv = ["consistency", str(files["consistency"]), "--old", str(files["old"]), *_keys()]
    status, out, _ = _run(argv, capsys)
    assert status == 0
    assert out[0].startswith("OK size 20 extends size 5: ")


def test_a_consistency_proof_against_another_kept_checkpoint_fails(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["consistency", str(files["consistency"]), "--old", str(files["checkpoint"]), *_keys()]
    status, out, _ = _run(argv, capsys)
    assert status == 1
    assert out[0].startswith("FAIL ")


def test_a_malformed_file_fails_with_a_reason(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        ["proof", str(files["entry"]), "--entry", str(files["entry"]), *_keys()], capsys
    )
    assert (status, out) == (1, ["FAIL the proof has no empty line before its checkpoint"])


@pytest.mark.parametrize(
    ("command", "what"),
    [("proof", "proof"), ("consistency", "consistency proof"), ("checkpoint", "checkpoint")],
)
def test_p18_a_file_checked_against_no_pinned_key_is_not_anchored(
    command: str, what: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # The checkpoint carries its signatures, not the keys to trust: with none given, nothing
    # anchors it, and it is never OK.
    argv = [command, str(files[command])]
    argv += ["--entry", str(files["entry"])] if command == "proof" else []
    assert _run(argv, capsys)[:2] == (3, [f"not anchored: the {what} vouches for itself"])


def test_a_proof_needs_the_required_cosigners(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["proof", str(files["proof"]), "--entry", str(files["entry"])]
    pinned = [*base, "--key", LOG.verifier_key.encode(), "--witness-keys", str(files["witnesses"])]
    status, out, _ = _run(pinned, capsys)  # one of the two witnesses is required by default
    assert status == 0 and out[0].endswith("cosigned by isonomia.example/ua at 1700000000")
    status, out, _ = _run([*pinned, "--require-cosigners", "2"], capsys)
    assert (status, out) == (
        1,
        [
            "FAIL entry 8: the checkpoint is co-signed by 1 of the trusted witnesses; "
            "at least 2 required"
        ],
    )
    assert _run([*pinned, "--require-cosigners", "3"], capsys)[0] == 2  # never to be met


def test_a_checkpoint_signed_by_the_log_alone_fails_when_cosigners_are_required(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["checkpoint", str(files["log_alone"]), "--key", LOG.verifier_key.encode()]
    assert _run(argv, capsys)[0] == 0  # the log key alone is still a pin
    status, out, _ = _run([*argv, "--witness-keys", str(files["witnesses"])], capsys)
    assert status == 1
    assert out == [
        "FAIL the checkpoint is co-signed by 0 of the trusted witnesses; at least 1 required"
    ]


def test_witnesses_alone_anchor_a_checkpoint_they_cosigned(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["checkpoint", str(files["checkpoint"]), "--witness-keys", str(files["witnesses"])]
    status, out, _ = _run(argv, capsys)
    assert status == 0
    assert "log signature not checked; cosigned by isonomia.example/ua" in out[0]
    status, out, _ = _run(["checkpoint", str(files["log_alone"]), *argv[2:]], capsys)
    assert (status, out) == (1, ["FAIL no signature by a known key"])


def test_bad_usage_and_unreadable_input_exit_2(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["proof", str(files["proof"]), *_keys()], capsys)[0] == 2  # no --entry
    assert _run(["checkpoint", str(files["checkpoint"]), "--key", "not-a-key"], capsys)[0] == 2
    cosigners = ["checkpoint", str(files["checkpoint"]), "--require-cosigners", "1"]
    assert _run(cosigners, capsys)[0] == 2  # cosigners counted among no witness keys
    log_as_witness = ["checkpoint", str(files["checkpoint"]), "--witness-keys", str(files["keys"])]
    assert _run(log_as_witness, capsys)[0] == 2  # the log's key is no witness key
    status, out, err = _run(["checkpoint", str(tmp_path / "missing"), *_keys()], capsys)
    assert (status, out) == (2, [])
    assert err.startswith("isonomia-verify: error: cannot read")
    assert _run([], capsys)[0] == 2


def test_the_installed_form_never_prints_a_traceback(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"\xff\x00" * 50)
    for argv in (["checkpoint", str(garbage), "--key", LOG.verifier_key.encode()], ["nonsense"]):
        result = subprocess.run(
            [sys.executable, "-m", "isonomia.verify_cli", *argv], capture_output=True, text=True
        )
        assert result.returncode in (1, 2)
        assert "Traceback" not in result.stdout + result.stderr


def test_importing_the_verifier_pulls_in_no_heavy_dependency() -> None:
    code = (
        "import sys, isonomia.verify_cli\n"
        "heavy = {'sqlalchemy', 'numpy', 'pydantic', 'typer', 'rich', 'fastapi', 'alembic'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
