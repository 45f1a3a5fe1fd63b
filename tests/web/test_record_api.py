"""The record through the API: the log's head, proofs and a member's export are the bytes
the CLI writes, and check offline with `isonomia-verify` and `verify-export` (P3, P18)."""

from __future__ import annotations

from pathlib import Path

from account_world import session_cookie
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from isonomia.cli.main import app as cli
from isonomia.service import Federation, Keyring, Transparency, log_verifier_keys
from isonomia.verify_cli import main as check_offline
from tlog_world import log_key_beside


def test_p18_a_proof_from_the_api_checks_offline_against_the_log_key(
    client: TestClient, union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    assert client.get("/api/v1/ledger/head").status_code == 404  # no checkpoint yet
    Transparency(union).make_checkpoint(keyring)
    head = client.get("/api/v1/ledger/head").json()
    assert head["size"] == union.ledger_length() and head["log_keys"]
    proof = client.get("/api/v1/ledger/proof/2")
    assert proof.status_code == 200, proof.text
    (tmp_path / "proof.txt").write_bytes(proof.content)
    (tmp_path / "entry.bin").write_bytes(Transparency(union).leaf_bytes(2))
    argv = ["proof", str(tmp_path / "proof.txt"), "--entry", str(tmp_path / "entry.bin")]
    assert check_offline([*argv, "--key", head["log_keys"][0]]) == 0
    beyond = client.get(f"/api/v1/ledger/proof/{head['size'] + 5}")
    assert beyond.status_code == 422 and "not in the latest checkpoint" in beyond.json()["detail"]
    same = client.get(f"/api/v1/ledger/consistency?old={head['size']}")
    assert same.status_code == 200
    feed = client.get("/api/v1/ledger/feed", params={"from": head["size"]}).json()
    assert [item["type"] for item in feed] == ["entry", "checkpoint"]


def test_p3_a_member_export_from_the_api_verifies_offline(
    client: TestClient, union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    assert client.get("/api/v1/members/georgia/export").status_code == 401  # its own only
    own = session_cookie(union, keyring, "georgia", "council:georgia", "council-secretary")
    refused = client.get("/api/v1/members/georgia/export", headers=own)  # no log key here
    assert refused.status_code == 422 and "signed with the union's log key" in refused.text
    log_key_beside(union, keyring)
    answer = client.get("/api/v1/members/georgia/export", headers=own)
    assert answer.status_code == 200, answer.text
    out = tmp_path / "georgia.json"
    out.write_bytes(answer.content)
    pin = ["--log-key", log_verifier_keys(union)[0]]
    checked = CliRunner().invoke(cli, ["verify-export", str(out), *pin])
    assert checked.exit_code == 0, checked.output
    assert client.get("/api/v1/members/atlantis/export", headers=own).status_code == 403
