"""History queries answer as of their `--on` date, and say so before the founding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_world import COOPERATIVES, founded, invoke, ok


@pytest.fixture
def story(tmp_path: Path) -> str:
    """Board delegates from 01-10, a session on 02-05 where a decision is adopted, published
    on 02-06, and appealed on 02-10."""
    db = founded(tmp_path)
    for member in COOPERATIVES:
        ok(
            invoke(
                "organ",
                "delegate",
                "board",
                "--member",
                member,
                "--person",
                f"{member}-b",
                "--at",
                "2026-01-10",
                "--db",
                db,
            )
        )
    at = ["--at", "2026-02-01", "--db", db]
    ok(invoke("session", "convene", "b1", "--organ", "board", "--on", "2026-02-05", *at))
    ok(
        invoke(
            "motion",
            "draft",
            "t1",
            "--organ",
            "board",
            "--title",
            "Tariffs",
            "--field",
            "purchasing",
            "--kind",
            "decision",
            "--force",
            "mandatory",
            *at,
        )
    )
    ok(invoke("motion", "table", "t1", "--session", "b1", *at))
    voting_day = ["--at", "2026-02-05", "--db", db]
    for member in COOPERATIVES:
        ok(
            invoke(
                "vote", "cast", "t1", "yes", "--member", member, "--as", f"{member}-b", *voting_day
            )
        )
    assert "MotionAdopted" in ok(invoke("vote", "count", "t1", *voting_day))
    ok(invoke("motion", "publish", "t1", "--at", "2026-02-06", "--db", db))
    ok(
        invoke(
            "appeal",
            "file",
            "a1",
            "--act",
            "t1",
            "--member",
            "colli",
            "--ground",
            "costs",
            "--at",
            "2026-02-10",
            "--db",
            db,
        )
    )
    return db


HISTORY_QUERIES = [
    ["organ", "list"],
    ["session", "list"],
    ["motion", "list"],
    ["motion", "show", "t1"],
    ["appeal", "list"],
    ["department", "list"],
    ["competences", "show"],
    ["conference", "resolutions"],
]


@pytest.mark.parametrize("query", HISTORY_QUERIES, ids=" ".join)
def test_before_the_founding_a_query_says_there_is_no_union_yet(
    tmp_path: Path, query: list[str]
) -> None:
    db = founded(tmp_path)
    assert ok(invoke(*query, "--on", "2026-01-04", "--db", db)) == "no union yet on 2026-01-04\n"


def _json(*args: str) -> list[dict[str, object]]:
    data = json.loads(ok(invoke(*args, "--json")))
    assert isinstance(data, list)
    return data


def test_p4_organ_list_shows_who_sat_on_the_day(story: str) -> None:
    def board_on(day: str) -> list[object]:
        rows = _json("organ", "list", "--on", day, "--db", story)
        return next(r["delegates"] for r in rows if r["id"] == "board")  # type: ignore[return-value]

    assert board_on("2026-01-09") == []
    assert "colli: colli-b" in board_on("2026-01-10")


def test_sessions_motions_and_appeals_as_of_a_day(story: str) -> None:
    def ids(*query: str) -> list[object]:
        return [r["id"] for r in _json(*query, "--db", story)]

    assert ids("session", "list", "--on", "2026-02-04") == []
    assert ids("session", "list", "--on", "2026-02-05") == ["b1"]
    assert ids("motion", "list", "--on", "2026-01-31") == []
    stages = {
        day: _json("motion", "list", "--on", day, "--db", story)[0]
        for day in ("2026-02-01", "2026-02-05", "2026-02-07")
    }
    assert [(s["stage"], s["in_force"]) for s in stages.values()] == [
        ("drafted", False),
        ("adopted", False),
        ("published", True),
    ]
    assert ids("appeal", "list", "--on", "2026-02-09") == []
    assert ids("appeal", "list", "--on", "2026-02-11") == ["a1"]


def test_motion_show_as_of_a_day_shows_only_what_had_happened(story: str) -> None:
    shown = json.loads(
        ok(invoke("motion", "show", "t1", "--on", "2026-02-05", "--json", "--db", story))
    )
    assert shown["row"]["stage"] == "adopted"
    assert all(day <= "2026-02-05" for day, _ in shown["history"])
    assert not any("published" in what for _, what in shown["history"])
    drafted = json.loads(
        ok(invoke("motion", "show", "t1", "--on", "2026-02-04", "--json", "--db", story))
    )
    assert drafted["row"]["stage"] == "drafted" and drafted["votes"] == []
    assert len(shown["votes"]) == len(COOPERATIVES)
    before = invoke("motion", "show", "t1", "--on", "2026-01-20", "--db", story)
    assert before.exit_code == 2 and "no motion or act t1" in before.stderr
