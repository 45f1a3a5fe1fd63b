"""Every query answers in JSON (`--json`), every list also in CSV (`--csv`), and the ledger
shows one entry in full or the entries that match filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cli_world import commands, founded, invoke, ok

#: The query commands: they print what the record holds and write nothing.
QUERIES = {
    ("members",),
    ("presidency",),
    ("directives",),
    ("organ", "list"),
    ("session", "list"),
    ("motion", "list"),
    ("motion", "show"),
    ("appeal", "list"),
    ("department", "list"),
    ("competences", "show"),
    ("competences", "history"),
    ("conference", "resolutions"),
    ("ledger", "show"),
}
#: Query commands whose output is done in other modules, with their own tests.
ELSEWHERE = {("audit",), ("power",), ("tally",), ("apportion",)}
QUERY_NAMES = {"list", "show", "history", "resolutions", "members", "presidency", "directives"}


def _options(command: object) -> set[str]:
    return {opt for param in getattr(command, "params", []) for opt in param.opts}


def test_every_query_command_takes_json_and_every_list_csv() -> None:
    found = {
        tuple(path)
        for path, command in commands()
        if path and path[-1] in QUERY_NAMES and not hasattr(command, "commands")
    }
    assert found >= QUERIES
    walked = {tuple(path): command for path, command in commands()}
    for path in sorted(found - ELSEWHERE):
        assert "--json" in _options(walked[path]), path
        if path != ("motion", "show"):
            assert "--csv" in _options(walked[path]), path


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = founded(tmp_path)
    ok(
        invoke(
            "session",
            "convene",
            "s1",
            "--on",
            "2026-02-05",
            "--item",
            "a, b",
            "--at",
            "2026-02-01",
            "--db",
            url,
        )
    )
    return url


def test_json_rows_are_the_query_fields_with_iso_dates(db: str) -> None:
    members = json.loads(ok(invoke("members", "--db", db, "--json")))
    assert set(members[0]) == {
        "id",
        "name",
        "status",
        "population",
        "languages",
        "joined_on",
        "leaves_on",
        "founding",
    }
    assert members[0]["joined_on"] == "2026-01-05"
    terms = json.loads(ok(invoke("presidency", "--db", db, "--on", "2026-01-10", "--json")))
    assert terms[0]["start"] == "2026-01-05" and terms[0]["current"] is True
    sessions = json.loads(ok(invoke("session", "list", "--db", db, "--json")))
    assert sessions == [
        {
            "id": "s1",
            "organ": "general-council",
            "held_on": "2026-02-05",
            "presided_by": sessions[0]["presided_by"],
            "agenda": ["a, b"],
        }
    ]


def test_csv_has_a_header_of_field_names_and_one_line_per_row(db: str) -> None:
    rows = list(csv.reader(io.StringIO(ok(invoke("session", "list", "--db", db, "--csv")))))
    assert rows[0] == ["id", "organ", "held_on", "presided_by", "agenda"]
    assert rows[1][0] == "s1" and rows[1][4] == "a, b"
    empty = ok(invoke("motion", "list", "--db", db, "--csv"))
    assert empty.splitlines()[0].startswith("id,organ,organ_kind,title")


def _all(db: str, *filters: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(
        ok(invoke("ledger", "show", "--db", db, "--json", *filters))
    )
    return rows


def test_ledger_show_seq_prints_one_entry_in_full(db: str) -> None:
    [convened] = _all(db, "--type", "SessionConvened")
    seq = str(convened["sequence"])
    entry = json.loads(ok(invoke("ledger", "show", seq, "--db", db, "--json")))
    assert entry["sequence"] == int(seq) and entry["event_type"] == "SessionConvened"
    assert entry["payload"]["agenda"] == ["a, b"]
    assert len(entry["hash"]) == 64 and len(entry["prev_hash"]) == 64 and entry["command_id"]
    text = ok(invoke("ledger", "show", seq, "--db", db))
    assert entry["hash"] in text and entry["command_id"] in text and '"agenda"' in text
    missing = invoke("ledger", "show", "9999", "--db", db)
    assert missing.exit_code == 2 and "no ledger entry 9999" in missing.stderr


def test_ledger_show_filters_by_member_type_and_dates(db: str) -> None:
    def sequences(*filters: str) -> list[int]:
        rows = json.loads(ok(invoke("ledger", "show", "--db", db, "--json", *filters)))
        return [r["sequence"] for r in rows]

    every = _all(db)
    assert sequences() == list(range(1, len(every) + 1))
    [convened] = [e["sequence"] for e in every if e["event_type"] == "SessionConvened"]
    assert sequences("--type", "SessionConvened") == [convened]
    colli = sequences("--member", "colli")
    union_wide = [
        e["sequence"] for e in every if e["event_type"] in ("CharterAdopted", "UnionFounded")
    ]
    assert set(union_wide) <= set(colli) and convened not in colli

    def recorded_between(start: str, end: str) -> list[int]:
        return [e["sequence"] for e in every if start <= e["recorded_at"][:10] <= end]

    assert sequences("--from", "2026-01-02", "--until", "2026-02-01") == recorded_between(
        "2026-01-02", "2026-02-01"
    )
    assert sequences("--until", "2026-01-01") == recorded_between("0000-01-01", "2026-01-01")
    assert convened in recorded_between("2026-01-02", "2026-02-01")
