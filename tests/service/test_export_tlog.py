"""Member exports bound to the transparency log (P3, P18), on both databases: each full
entry proved in a signed checkpoint, and the log's statement of member, size and entries;
checked against what the member pinned (the log's key, its witnesses, the expected head),
never against the keys an export carries about itself."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from isonomia.ledger.canonical import canonical_json
from isonomia.ledger.chain import Entry, canonical_entry, entry_hash
from isonomia.ledger.export import verify_export
from isonomia.service import (
    BadRequest,
    ExportCheck,
    ExportRefused,
    Federation,
    Keyring,
    Transparency,
    at_day,
    log_verifier_keys,
    provide_key,
    verify_export_file,
    witness_verifier_keys,
)
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


@pytest.fixture
def pins(federation: Federation, tmp_path: Path) -> dict[str, Any]:
    """What Ukraine pinned while a member: the log's key and the councils' witness keys."""
    witnesses = tmp_path / "witnesses.txt"
    witnesses.write_text("\n".join(witness_verifier_keys(federation)) + "\n", encoding="utf-8")
    return {"log_key": log_verifier_keys(federation)[0], "witness_keys": witnesses}


def _check(path: Path, pins: dict[str, Any], **more: Any) -> ExportCheck:
    return verify_export_file(path, **{**pins, **more})


def _failure(path: Path, pins: dict[str, Any]) -> str:
    check = _check(path, pins)
    assert not check.report.ok and not check.ok
    return check.report.describe()


def _full_before_a_link(doc: dict[str, Any]) -> int:
    items = doc["entries"]
    return next(
        n for n in range(len(items) - 1) if "payload" in items[n] and "payload" not in items[n + 1]
    )


def test_p3_an_export_is_proved_against_the_checkpoint_its_council_cosigned(
    export: Path, federation: Federation, pins: dict[str, Any]
) -> None:
    check = _check(export, pins)
    assert check.ok, check.report.describe()
    assert (check.cosigners, check.required, check.log_key_pinned) == (
        ("council:ukraine",),
        1,
        True,
    )
    head = Transparency(federation).head()
    assert head is not None and check.size == head.size
    assert verify_export_file(export, head.root).ok
    kept = export.with_name("kept.note")
    kept.write_text(head.note)
    by_kept = verify_export_file(export, str(kept))
    assert by_kept.ok and by_kept.log_key_pinned and by_kept.head == "checkpoint"
    wrong = verify_export_file(export, "00" * 32)
    assert not wrong.ok and "not the one expected" in wrong.report.describe()


def test_p3_an_export_holds_every_entry_up_to_the_head_past_the_latest_checkpoint(
    export: Path, federation: Federation, keyring: Keyring, pins: dict[str, Any], tmp_path: Path
) -> None:
    provide_key(federation, keyring, "council:georgia", "georgia", at_day(date(1923, 1, 3)))
    later = tmp_path / "later.export"
    federation.export_member("ukraine", later, log=keyring)
    assert len(_doc(later)["entries"]) == federation.ledger_length() > len(_doc(export)["entries"])
    check = _check(later, {"log_key": pins["log_key"]})
    assert check.ok and check.size == federation.ledger_length()
    # The entries the council co-signed are proved against its checkpoint, which meets the
    # witnesses the member requires; the later ones against the newest, signed by the log
    # for this export alone and shown to extend it.
    cosigned = len(_doc(export)["entries"])
    pinned = _check(later, pins)
    assert pinned.ok, pinned.report.describe()
    assert [(p.first, p.last, p.cosigners) for p in pinned.parts] == [
        (1, cosigned, ("council:ukraine",)),
        (cosigned + 1, federation.ledger_length(), ()),
    ]


def test_p18_an_unanchored_export_is_not_ok(export: Path) -> None:
    check = verify_export_file(export)
    assert check.report.ok  # it agrees with itself...
    assert not check.anchored and not check.ok  # ...and that proves nothing


def test_p18_a_self_signed_fake_export_fails_against_the_pinned_log_key(
    export: Path, pins: dict[str, Any], tmp_path: Path
) -> None:
    # Anyone can play the same charter on a database of their own, with a log key of their
    # own, and write a self-consistent export of "ukraine" with cosignatures by "councils"
    # whose keys it carries.
    forger = Keyring(tmp_path / "forger", provision=True)
    fake_union = founded(f"sqlite:///{tmp_path / 'forged.db'}", forger)
    log = Transparency(fake_union)
    log.make_checkpoint(forger)
    log.witness(_key(forger, "ukraine"), tmp_path / "forged-ukraine.json")
    fake = tmp_path / "fake.export"
    fake_union.export_member("ukraine", fake, log=forger)
    fake_union.close()
    assert verify_export_file(fake).report.ok and not verify_export_file(fake).ok
    assert _failure(fake, pins).startswith(
        "the export's checkpoint is not signed by the log key you pinned"
    )
    witnesses_only = _check(fake, {"witness_keys": pins["witness_keys"]})
    assert witnesses_only.report.describe() == (
        "the export's checkpoint is not co-signed as required: the checkpoint is co-signed "
        "by 0 of the trusted witnesses; at least 1 required"
    )
    kept = tmp_path / "kept.note"
    kept.write_text(json.loads(export.read_text())["transparency"]["checkpoint"])
    by_kept = verify_export_file(fake, str(kept))
    assert by_kept.report.describe().startswith(
        "the checkpoint you kept is not signed by the log key the export carries"
    )
    assert _check(export, pins).ok  # the real one, against the same pins


def test_p18_cosignatures_are_counted_against_the_pinned_witnesses(
    export: Path, pins: dict[str, Any]
) -> None:
    assert _check(export, pins, require_cosigners=1).ok
    two = _check(export, pins, require_cosigners=2)  # Armenia has not co-signed
    assert two.report.describe() == (
        "the export's checkpoint is not co-signed as required: the checkpoint is co-signed "
        "by 1 of the trusted witnesses; at least 2 required"
    )
    with pytest.raises(BadRequest, match="from 1 to the 2 witness keys"):
        _check(export, pins, require_cosigners=3)


def test_p3_a_downgraded_export_is_refused(export: Path, pins: dict[str, Any]) -> None:
    # A version-2 export with an entry forged, re-hashed and re-linked, its proofs stripped
    # and relabelled version 1: the chain alone cannot see the forgery, so version 1 is
    # refused, naming why, whatever is pinned.
    doc = _doc(export)
    n = _full_before_a_link(doc)
    item = doc["entries"][n]
    item["payload"] = {**item["payload"], "forged": True}
    forged = Entry(**item)
    item["hash"] = entry_hash(forged.prev_hash, canonical_entry(forged.sequence, forged.content()))
    doc["entries"][n + 1]["prev_hash"] = item["hash"]
    downgraded = {k: v for k, v in doc.items() if k != "transparency"} | {"version": 1}
    assert verify_export(downgraded).ok
    path = _write(export, downgraded)
    for given in (pins, {}):
        with pytest.raises(ExportRefused) as refused:
            _check(path, given)
        assert refused.value.exit_code == 1
        assert str(refused.value) == (
            f"refused (P3): {path} is a version-1 export: it has no checkpoint and no "
            "inclusion proofs, which this version of isonomia writes (version 2), so nothing "
            "proves its entries are the union's record; ask for a new export"
        )


def test_p3_a_forged_full_entry_rehashed_and_relinked_fails_naming_the_entry(
    export: Path, pins: dict[str, Any]
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
    failure = _failure(_write(export, doc), pins)
    assert failure == f"entry {item['sequence']}: is not in the tree the checkpoint signs"


def test_p3_an_export_relabelled_to_another_member_fails(
    export: Path, pins: dict[str, Any]
) -> None:
    doc = _doc(export)
    doc["meta"]["member"] = "armenia"
    failure = _failure(_write(export, doc), pins)
    assert failure == "the log signed this export for ukraine, not armenia"


def test_p3_an_entry_of_the_member_hidden_as_a_link_fails_naming_it(
    export: Path, pins: dict[str, Any]
) -> None:
    doc = _doc(export)
    n = _full_before_a_link(doc)
    item = doc["entries"][n]
    doc["entries"][n] = {k: item[k] for k in ("sequence", "prev_hash", "hash")}
    assert _failure(_write(export, doc), pins) == (
        f"entry {item['sequence']}: an entry of ukraine hidden (given as a link only)"
    )


def test_p3_a_truncated_export_fails(export: Path, pins: dict[str, Any]) -> None:
    doc = _doc(export)
    doc["entries"] = doc["entries"][:-3]
    doc["head"] = {"count": len(doc["entries"]), "hash": doc["entries"][-1]["hash"]}
    failure = _failure(_write(export, doc), pins)
    assert failure.startswith(f"the export holds {len(doc['entries'])} entries; the log signed")


def test_p3_no_export_is_written_without_the_log_key(
    federation: Federation, tmp_path: Path
) -> None:
    # Version 1 is refused by the verifier, so it is no longer written: without the log key
    # the export is refused, saying what to give.
    plain = Federation(federation.db.url)
    path = tmp_path / "v1.export"
    with pytest.raises(
        BadRequest, match="ukraine's export must be signed with the union's log key"
    ):
        plain.export_member("ukraine", path, log=Keyring(tmp_path / "empty"))
    assert not path.exists()
    plain.close()
