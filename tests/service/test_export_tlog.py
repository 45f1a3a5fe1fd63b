"""Member exports bound to the transparency log (P3, P18), on both databases: each full
entry proved in a signed checkpoint, and the log's statement of member, size and entries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.chain import Entry, canonical_entry, entry_hash
from isonomia.ledger.export import verify_export
from isonomia.service import Federation, Keyring, Transparency, verify_export_file
from tlog_world import founded


@pytest.fixture
def federation(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(database_url, keyring)
    yield federation
    federation.close()


@pytest.fixture
def export(federation: Federation, keyring: Keyring, tmp_path: Path) -> Path:
    log = Transparency(federation)
    log.make_checkpoint(keyring)
    log.witness(_key(keyring, "ukraine"), tmp_path / "ukraine.json")
    path = tmp_path / "ukraine.json.export"
    federation.export_member("ukraine", path, log=keyring)
    return path


def _key(keyring: Keyring, member: str):  # type: ignore[no-untyped-def]
    key = keyring.key_for(f"council:{member}")
    assert key is not None
    return key


def _doc(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def _write(path: Path, doc: dict[str, Any]) -> Path:
    out = path.with_name("tampered.export")
    out.write_text(json.dumps(doc), encoding="utf-8")
    return out


def _failure(path: Path) -> str:
    report, _ = verify_export_file(path)
    assert not report.ok
    return report.describe()


def _full_before_a_link(doc: dict[str, Any]) -> int:
    items = doc["entries"]
    return next(
        n for n in range(len(items) - 1) if "payload" in items[n] and "payload" not in items[n + 1]
    )


def test_p3_an_export_is_proved_against_the_checkpoint_its_council_cosigned(
    export: Path, federation: Federation
) -> None:
    report, meta = verify_export_file(export)
    assert report.ok, report.describe()
    assert meta["checkpoint"].endswith("co-signed by council:ukraine")
    head = Transparency(federation).head()
    assert head is not None
    assert verify_export_file(export, head.root)[0].ok
    kept = export.with_name("kept.note")
    kept.write_text(head.note)
    assert verify_export_file(export, str(kept))[0].ok
    wrong, _ = verify_export_file(export, "00" * 32)
    assert not wrong.ok and "not the one expected" in wrong.describe()


def test_p3_a_forged_full_entry_rehashed_and_relinked_fails_naming_the_entry(
    export: Path,
) -> None:
    doc = _doc(export)
    n = _full_before_a_link(doc)
    item = doc["entries"][n]
    item["payload"] = {**item["payload"], "forged": True}
    forged = Entry(**item)
    item["hash"] = entry_hash(forged.prev_hash, canonical_entry(forged.sequence, forged.content()))
    doc["entries"][n + 1]["prev_hash"] = item["hash"]
    assert canonical_json(item["payload"])  # the payload is still JSON
    assert verify_export({**doc, "version": 1}).ok  # the chain alone cannot see it
    failure = _failure(_write(export, doc))
    assert failure == f"entry {item['sequence']}: is not in the tree the checkpoint signs"


def test_p3_an_export_relabelled_to_another_member_fails(export: Path) -> None:
    doc = _doc(export)
    doc["meta"]["member"] = "armenia"
    assert _failure(_write(export, doc)) == "the log signed this export for ukraine, not armenia"


def test_p3_an_entry_of_the_member_hidden_as_a_link_fails_naming_it(export: Path) -> None:
    doc = _doc(export)
    n = _full_before_a_link(doc)
    item = doc["entries"][n]
    doc["entries"][n] = {k: item[k] for k in ("sequence", "prev_hash", "hash")}
    assert _failure(_write(export, doc)) == (
        f"entry {item['sequence']}: an entry of ukraine hidden (given as a link only)"
    )


def test_p3_a_truncated_export_fails(export: Path) -> None:
    doc = _doc(export)
    doc["entries"] = doc["entries"][:-3]
    doc["head"] = {"count": len(doc["entries"]), "hash": doc["entries"][-1]["hash"]}
    failure = _failure(_write(export, doc))
    assert failure.startswith(f"the export holds {len(doc['entries'])} entries; the log signed")


def test_p3_an_export_without_the_log_key_is_version_1_and_still_verifies(
    federation: Federation, tmp_path: Path
) -> None:
    plain = Federation(federation.db.url)
    path = tmp_path / "v1.export"
    plain.export_member("ukraine", path, log=Keyring(tmp_path / "empty"))
    assert _doc(path)["version"] == 1
    assert verify_export_file(path)[0].ok
    plain.close()
