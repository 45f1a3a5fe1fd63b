"""A case's ledger entries read by anyone but those who may see the case (P17, P18):
`ledger show SEQ` (whole, `--json` and `--canonical`), the list, and the API's feed show
them sealed, with no signer, no summary and no accused, to the public and another member's
council; the complainant and the inspection, proving themselves with a key or a signed-in
account, read them whole; the sealed leaf's hash still proves the entry in the checkpoint."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from account_world import bound_account
from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from case_world import OFFICIAL, SUMMARY, VICTIM, WITNESS, open_sealed_case
from isonomia.cli.main import app as cli
from isonomia.domain import actors
from isonomia.ledger.merkle import verify_inclusion
from isonomia.ledger.tlog_proof import parse_inclusion_proof
from isonomia.service import Accounts, Federation, Keyring, Transparency

PASSWORD = "a long enough password"
COMPLAINANT = actors.person(VICTIM)
OUTSIDERS = (None, actors.council("ukraine"))
INSIDERS = (COMPLAINANT, actors.INSPECTION)
#: What a sealed entry must not show.
SECRETS = (SUMMARY, OFFICIAL, WITNESS, VICTIM)


@pytest.fixture
def filed(union: Federation, keyring: Keyring) -> int:
    """The sealed case opened; the sequence of its `ComplaintFiled` entry."""
    open_sealed_case(union, keyring)
    return next(e.sequence for e in union.entries() if e.event_type == "ComplaintFiled")


def _show(union: Federation, keyring: Keyring, reader: str | None, *args: str) -> Result:
    key = [] if reader is None else ["--key", str(keyring.path(reader))]
    if reader is not None:
        assert keyring.path(reader).exists(), reader
    result = CliRunner().invoke(
        cli, ["ledger", "show", *args, *key, "--db", union.db.url], catch_exceptions=False
    )
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


@pytest.mark.parametrize("reader", OUTSIDERS)
def test_p17_ledger_show_seals_a_case_entry_for_the_public_and_another_council(
    union: Federation, keyring: Keyring, filed: int, reader: str | None
) -> None:
    text = _show(union, keyring, reader, str(filed)).stdout
    assert "sealed (P17)" in text and "ComplaintFiled" in text
    assert not any(secret in text for secret in SECRETS), text
    shown = json.loads(_show(union, keyring, reader, str(filed), "--json").stdout)
    assert shown["sealed"] and shown["payload"] is None and shown["actor"] is None
    assert not any(secret in json.dumps(shown) for secret in SECRETS)
    rows = json.loads(_show(union, keyring, reader, "--json").stdout)
    # A sanction's effect is public: a removal changes who sits where, which anyone reads
    # (`organ list`); it names the case's number, as the public list of cases does, and
    # nothing of the case's content.
    public = {"SanctionTookEffect"}
    sealed = [
        r
        for r in rows
        if r["event_type"] == "ComplaintFiled"
        or ("case" in str(r) and r["event_type"] not in public)
    ]
    assert sealed and all(r.get("sealed") and r["payload"] is None for r in sealed)
    assert SUMMARY not in json.dumps(rows)
    by_member = json.loads(_show(union, keyring, reader, "--member", "georgia", "--json").stdout)
    assert SUMMARY not in json.dumps(by_member)


@pytest.mark.parametrize("reader", INSIDERS)
def test_p17_ledger_show_gives_the_complainant_and_the_inspection_the_whole_entry(
    union: Federation, keyring: Keyring, filed: int, reader: str
) -> None:
    text = _show(union, keyring, reader, str(filed)).stdout
    assert SUMMARY in text and OFFICIAL in text and "sealed" not in text
    shown = json.loads(_show(union, keyring, reader, str(filed), "--json").stdout)
    assert shown["payload"]["summary"] == SUMMARY and "sealed" not in shown
    rows = json.loads(_show(union, keyring, reader, "--json").stdout)
    assert SUMMARY in json.dumps(rows)
    raw = _show(union, keyring, reader, str(filed), "--canonical").stdout_bytes
    assert raw == Transparency(union).leaf_bytes(filed)


@pytest.mark.parametrize("reader", OUTSIDERS)
def test_p17_canonical_bytes_of_a_sealed_entry_give_way_to_its_leaf_hash_that_still_proves_it(
    union: Federation, keyring: Keyring, filed: int, reader: str | None
) -> None:
    result = _show(union, keyring, reader, str(filed), "--canonical")
    raw = Transparency(union).leaf_bytes(filed)
    leaf_hash = result.stdout.strip()
    assert leaf_hash == base64.b64encode(hashlib.sha256(b"\x00" + raw).digest()).decode()
    assert SUMMARY.encode() not in result.stdout_bytes
    assert "may not see" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    transparency = Transparency(union)
    transparency.make_checkpoint(keyring)
    head = transparency.head()
    assert head is not None
    proof = parse_inclusion_proof(transparency.prove(filed))
    root = bytes.fromhex(head.root)
    verify_inclusion(base64.b64decode(leaf_hash), proof.index, head.size, proof.hashes, root)


def _cookie(union: Federation, principal: str | None) -> dict[str, str]:
    if principal is None:
        return {}
    keyring = union.signer
    assert isinstance(keyring, Keyring)
    name = principal.replace(":", "-")
    bound_account(union, keyring, name, principal, "public", PASSWORD)  # proves its key
    return {"Cookie": f"isonomia_session={Accounts(union).login(name, PASSWORD)}"}


def _feed(client: TestClient, union: Federation, reader: str | None) -> list[dict[str, object]]:
    answer = client.get("/api/v1/ledger/feed?limit=1000", headers=_cookie(union, reader))
    assert answer.status_code == 200, answer.text
    items: list[dict[str, object]] = answer.json()
    return [item for item in items if item["type"] == "entry"]


@pytest.mark.parametrize("reader", OUTSIDERS)
def test_p17_the_api_feed_seals_a_case_for_the_public_and_another_council(
    client: TestClient, union: Federation, filed: int, reader: str | None
) -> None:
    entries = _feed(client, union, reader)
    item = next(e for e in entries if e["sequence"] == filed)
    assert item["sealed"] and item["payload"] is None and item["actor"] is None
    assert SUMMARY not in json.dumps(entries)
    raw = Transparency(union).leaf_bytes(filed)
    assert item["leaf_hash"] == base64.b64encode(hashlib.sha256(b"\x00" + raw).digest()).decode()


@pytest.mark.parametrize("reader", INSIDERS)
def test_p17_the_api_feed_shows_the_case_whole_to_the_complainant_and_the_inspection(
    client: TestClient, union: Federation, filed: int, reader: str
) -> None:
    entries = _feed(client, union, reader)
    item = next(e for e in entries if e["sequence"] == filed)
    assert "sealed" not in item and item["payload"]["summary"] == SUMMARY  # type: ignore[index]
    raw = base64.b64decode(str(item["leaf"]))
    assert raw == Transparency(union).leaf_bytes(filed)


def test_p17_a_key_the_register_does_not_know_reads_nothing(
    union: Federation, filed: int, tmp_path: Path
) -> None:
    stray = Keyring(tmp_path / "stray", provision=False)
    stray.create("person:nobody")
    result = CliRunner().invoke(
        cli,
        ["ledger", "show", str(filed), "--key", str(stray.path("person:nobody")), "--db",
         union.db.url],
    )  # fmt: skip
    assert result.exit_code == 2 and SUMMARY not in result.stdout
