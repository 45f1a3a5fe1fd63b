"""A member's export from the web loses nothing (P3): every entry up to the head, the part
the councils co-signed proved against their checkpoint, the entries after it (the member's
own secession among them) against the newest checkpoint, which extends it; and the API's
export is the member's own, as the page's is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from account_world import session_cookie
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from builders import secede
from isonomia.cli.main import app as cli
from isonomia.service import (
    Federation,
    Keyring,
    Transparency,
    log_verifier_keys,
    verify_export_file,
    witness_verifier_keys,
)
from isonomia.web.app import create_app
from tlog_world import founded, log_key_beside


@pytest.fixture
def cosigned(tmp_path: Path, keyring: Keyring) -> Iterator[tuple[Federation, int]]:
    """A union whose log signed a checkpoint Ukraine's and Armenia's councils co-signed, and
    Georgia's congress decided to secede after it."""
    federation = founded(f"sqlite:///{tmp_path / 'union.db'}", keyring)
    log = Transparency(federation)
    log.make_checkpoint(keyring)
    for member in ("ukraine", "armenia"):
        key = keyring.key_for(f"council:{member}")
        assert key is not None
        log.witness(key, tmp_path / f"{member}.state")
    size = federation.ledger_length()
    federation.execute(secede("georgia", date(1923, 2, 1)))
    log_key_beside(federation, keyring)
    yield federation, size
    federation.close()


def _pins(federation: Federation, folder: Path) -> list[str]:
    witnesses = folder / "witnesses.txt"
    witnesses.write_text("\n".join(witness_verifier_keys(federation)) + "\n", encoding="utf-8")
    log = log_verifier_keys(federation)[0]
    return ["--log-key", log, "--witness-keys", str(witnesses), "--require-cosigners", "2"]


def test_p3_the_web_export_holds_the_secession_made_after_the_last_cosigned_checkpoint(
    cosigned: tuple[Federation, int], keyring: Keyring, tmp_path: Path
) -> None:
    federation, cosigned_size = cosigned
    head = federation.ledger_length()
    assert head > cosigned_size  # the secession came after the councils co-signed
    with TestClient(create_app(federation.db.url)) as client:
        cookie = session_cookie(federation, keyring, "georgia", "congress:georgia", "executive")
        answer = client.get("/members/georgia/export", headers=cookie)
    assert answer.status_code == 200, answer.text
    out = tmp_path / "georgia.json"
    out.write_bytes(answer.content)
    doc = json.loads(answer.content)
    assert len(doc["entries"]) == head
    assert [e["event_type"] for e in doc["entries"] if e.get("event_type") == "SecessionDecided"]
    checked = CliRunner().invoke(cli, ["verify-export", str(out), *_pins(federation, tmp_path)])
    assert checked.exit_code == 0, checked.output
    said = checked.stdout
    assert f"OK {head} entries" in said
    assert f"entries 1–{cosigned_size} against the checkpoint of {cosigned_size} entries" in said
    assert f"entries {cosigned_size + 1}–{head} against the checkpoint of {head} entries" in said


def test_p3_the_export_says_which_checkpoint_proves_each_part(
    cosigned: tuple[Federation, int], keyring: Keyring, tmp_path: Path
) -> None:
    federation, cosigned_size = cosigned
    head = federation.ledger_length()
    out = tmp_path / "georgia.json"
    federation.export_member("georgia", out, log=keyring)
    witnesses = tmp_path / "w.txt"
    witnesses.write_text("\n".join(witness_verifier_keys(federation)) + "\n", encoding="utf-8")
    pins = {"log_key": log_verifier_keys(federation)[0], "witness_keys": witnesses}
    check = verify_export_file(out, require_cosigners=2, **pins)
    assert check.ok, check.report.describe()
    parts = [(p.first, p.last, p.size, p.cosigners) for p in check.parts]
    assert parts == [
        (1, cosigned_size, cosigned_size, ("council:armenia", "council:ukraine")),
        (cosigned_size + 1, head, head, ()),
    ]
    doc = json.loads(out.read_text(encoding="utf-8"))
    # Cutting the tail's consistency proof, or claiming fewer entries, fails.
    broken = dict(doc, transparency={**doc["transparency"]})
    broken["transparency"]["tail"] = {**doc["transparency"]["tail"], "consistency": []}
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    failed = verify_export_file(tmp_path / "broken.json", **pins)
    assert not failed.ok and "does not extend" in failed.report.describe()
    stripped = dict(doc, transparency={**doc["transparency"]})
    del stripped["transparency"]["tail"]
    (tmp_path / "stripped.json").write_text(json.dumps(stripped), encoding="utf-8")
    failed = verify_export_file(tmp_path / "stripped.json", **pins)
    assert not failed.ok


def test_p3_the_api_export_is_the_members_own_as_on_the_page(
    cosigned: tuple[Federation, int], keyring: Keyring
) -> None:
    federation, _ = cosigned
    path = "/api/v1/members/georgia/export"
    with TestClient(create_app(federation.db.url)) as client:
        assert client.get(path).status_code == 401  # the public is told to sign in
        other = session_cookie(
            federation, keyring, "armenia", "council:armenia", "council-secretary"
        )
        refused = client.get(path, headers=other)
        assert refused.status_code == 403
        assert refused.headers["content-type"] == "application/problem+json"
        own = session_cookie(federation, keyring, "georgia", "council:georgia", "council-secretary")
        answer = client.get(path, headers=own)
    assert answer.status_code == 200, answer.text
    assert answer.json()["meta"]["member"] == "georgia"
