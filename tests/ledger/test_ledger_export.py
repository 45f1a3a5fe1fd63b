"""A member's export (P3): written, read back and verified offline; tampering is named."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from isonomia.ledger import (
    EXPORT_FORMAT,
    GENESIS_HASH,
    Entry,
    NewEntry,
    build_export,
    link,
    read_export,
    verify_export,
    write_export,
)

META = {
    "union": "union-1922",
    "union_name": "Союз",
    "member": "georgia",
    "exported_at": "2024-03-01T12:00:00Z",
}


def chain(n: int) -> list[Entry]:
    members = ["georgia", "ukraine", "belarus"]
    return link(
        0,
        GENESIS_HASH,
        [
            NewEntry(
                recorded_at="2024-03-01T12:00:00Z",
                actor=members[i % 3],
                command_id=f"cmd-{i}",
                event_type="VoteCast",
                schema_version=1,
                payload={"member": members[i % 3], "note": "საქართველო" if i % 3 == 0 else "-"},
            )
            for i in range(1, n + 1)
        ],
    )


def georgias(entry: Entry) -> bool:
    return entry.payload["member"] == "georgia"


def test_export_holds_the_member_entries_in_full_and_only_links_of_the_rest() -> None:
    entries = chain(9)
    doc = build_export(entries, georgias, META)
    assert doc["format"] == EXPORT_FORMAT and doc["version"] == 1
    assert doc["meta"] == META
    assert doc["head"] == {"count": 9, "hash": entries[-1].hash}
    full = [item["sequence"] for item in doc["entries"] if "payload" in item]
    assert full == [3, 6, 9]
    links = [item for item in doc["entries"] if "payload" not in item]
    assert all(set(item) == {"sequence", "prev_hash", "hash"} for item in links)
    assert "ukraine" not in json.dumps(doc)


def test_export_written_and_read_back_verifies_offline(tmp_path: Path) -> None:
    entries = chain(12)
    path = tmp_path / "georgia.json"
    write_export(path, build_export(entries, georgias, META))
    assert "საქართველო" in path.read_text(encoding="utf-8")
    doc = read_export(path)
    report = verify_export(doc)
    assert report.ok, report.describe()
    assert report.describe() == f"OK 12 entries, head {entries[-1].hash}"
    assert [p.name for p in tmp_path.iterdir()] == ["georgia.json"]


def test_export_of_an_empty_ledger_verifies() -> None:
    assert verify_export(build_export([], georgias, META)).describe() == (
        f"OK 0 entries, head {GENESIS_HASH}"
    )


def test_build_export_refuses_a_broken_chain() -> None:
    entries = chain(4)
    del entries[1]
    with pytest.raises(ValueError, match="entry 3: sequence gap after 1"):
        build_export(entries, georgias, META)


def test_tampered_full_entry_payload_is_rejected_naming_the_entry() -> None:
    doc = build_export(chain(9), georgias, META)
    doc["entries"][5]["payload"]["note"] = "changed"
    assert verify_export(doc).describe() == (
        "entry 6: hash does not match its content (payload or fields were changed)"
    )


def test_tampered_redacted_entry_hash_is_rejected_naming_the_entry() -> None:
    doc = build_export(chain(9), georgias, META)
    doc["entries"][3]["hash"] = "a" * 64
    assert verify_export(doc).describe() == "entry 5: previous hash does not match entry 4"


def test_tampered_hash_of_a_redacted_last_entry_is_caught_by_the_head() -> None:
    doc = build_export(chain(8), georgias, META)
    doc["entries"][7]["hash"] = "a" * 64
    assert verify_export(doc).describe() == "entry 8: hash does not match the export's head"


def test_dropped_last_entry_is_caught_by_the_head_count() -> None:
    doc = build_export(chain(8), georgias, META)
    del doc["entries"][-1]
    report = verify_export(doc)
    assert not report.ok
    assert report.describe() == "head says 8 entries but the export holds 7"


def test_redacted_entry_given_back_some_fields_is_rejected() -> None:
    doc = build_export(chain(5), georgias, META)
    doc["entries"][0]["actor"] = "ukraine"
    assert verify_export(doc).describe() == (
        "entry 1: is neither a full entry nor a link (sequence, prev_hash, hash)"
    )


@pytest.mark.parametrize(
    "doc, reason",
    [
        ([], f"not an {EXPORT_FORMAT} document"),
        ({"format": "something-else"}, f"not an {EXPORT_FORMAT} document"),
        ({"format": EXPORT_FORMAT, "version": 2}, "unsupported export version 2"),
        ({"format": EXPORT_FORMAT, "version": 1, "head": {}}, "export has no list of entries"),
    ],
)
def test_verify_export_reports_a_document_that_is_not_an_export(doc: object, reason: str) -> None:
    report = verify_export(doc)
    assert (report.ok, report.broken_at, report.describe()) == (False, None, reason)


def test_verify_export_reports_malformed_entries_instead_of_raising() -> None:
    good = build_export(chain(3), georgias, META)
    for mutate, named in [
        (lambda d: d["entries"].__setitem__(1, "x"), "entry 2: item 2 of the export"),
        (lambda d: d["entries"][2].__setitem__("schema_version", "1"), "entry 3: entry is"),
        (lambda d: d["entries"][2].__setitem__("actor", 7), "entry 3: entry is malformed"),
        (lambda d: d["entries"][0].__setitem__("hash", "XYZ"), "entry 1: hash is not 64"),
        (lambda d: d["entries"][0].__setitem__("sequence", "1"), "entry 1: item 1"),
    ]:
        doc = copy.deepcopy(good)
        mutate(doc)
        assert verify_export(doc).describe().startswith(named)


def test_read_export_refuses_a_file_that_is_not_a_json_object(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON object"):
        read_export(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError):
        read_export(path)
