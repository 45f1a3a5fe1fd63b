"""A command signed through `/prepare`, as a browser signs with a WebCrypto key the server
never sees, is the very envelope the CLI writes, and verifies offline like one (P18)."""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import key_id_of
from isonomia.cli.main import app as cli
from isonomia.service import ConveneSession, Federation, Keyring, log_verifier_keys, make

runner = CliRunner()


def _draft(kid: str) -> dict:
    return {
        "command": {
            "type": "ConveneSession",
            "actor": "secretariat",
            "at": "1923-01-08T12:00:00Z",
            "session": "s-web",
            "organ": "union-council",
            "held_on": "1923-01-08",
        },
        "key_id": kid,
    }


def test_p18_a_command_signed_through_prepare_is_the_cli_envelope_and_verifies_offline(
    client: TestClient,
    union: Federation,
    keyring: Keyring,
    secretariat_token: str,
    tmp_path: Path,
) -> None:
    auth = {"Authorization": f"Bearer {secretariat_token}"}
    kid = key_id_of(keyring, "secretariat")
    answer = client.post("/api/v1/commands/ConveneSession/prepare", json=_draft(kid), headers=auth)
    assert answer.status_code == 200, answer.text
    prepared = answer.json()
    message = base64.b64decode(prepared["message"])
    assert hashlib.sha256(message).hexdigest() == prepared["sha256"]
    assert message.startswith(b"isonomia signed command v2\n")
    key = keyring.key_for("secretariat")
    assert key is not None
    envelope = {**prepared["envelope"], "signature": base64.b64encode(key.sign(message)).decode()}
    fields = {k: v for k, v in envelope["command"].items() if k != "type"}
    assert envelope == union.sign(make(ConveneSession, **fields), keyring)  # as the CLI signs
    recorded = client.post("/api/v1/commands/ConveneSession", json=envelope, headers=auth)
    assert recorded.status_code == 201, recorded.text
    db = union.db.url
    verified = runner.invoke(cli, ["ledger", "verify", "--db", db])
    assert verified.exit_code == 0, verified.output
    assert "signed commands re-derived" in verified.output
    out = tmp_path / "georgia.json"
    union.export_member("georgia", out)
    pin = ["--log-key", log_verifier_keys(union)[0]]
    checked = runner.invoke(cli, ["verify-export", str(out), *pin])
    assert checked.exit_code == 0, checked.output
    assert client.get("/api/v1/ledger/verify").json()["ok"] is True


def test_prepare_fills_in_the_command_id_and_refuses_bad_input_in_one_line(
    client: TestClient, keyring: Keyring, secretariat_token: str
) -> None:
    auth = {"Authorization": f"Bearer {secretariat_token}"}
    draft = _draft(key_id_of(keyring, "secretariat"))
    first = client.post("/api/v1/commands/ConveneSession/prepare", json=draft, headers=auth)
    second = client.post("/api/v1/commands/ConveneSession/prepare", json=draft, headers=auth)
    ids = {a.json()["envelope"]["command"]["command_id"] for a in (first, second)}
    assert len(ids) == 2
    draft["command"]["held_on"] = "someday"
    bad = client.post("/api/v1/commands/ConveneSession/prepare", json=draft, headers=auth)
    assert bad.status_code == 422 and "held_on" in bad.json()["detail"]
    other = _draft(key_id_of(keyring, "secretariat"))
    other["command"]["actor"] = "inspection"
    foreign = client.post("/api/v1/commands/ConveneSession/prepare", json=other, headers=auth)
    assert foreign.status_code == 403
    assert date(1923, 1, 8).isoformat() in first.json()["envelope"]["command"]["at"]
