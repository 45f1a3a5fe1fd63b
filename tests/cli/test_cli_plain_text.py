"""Text from users, charters and the record is printed as it is: brackets are no markup,
`:id:` is no emoji, and a register that holds such text stays readable for ever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_world import commands, founded, invoke, ok

from isonomia.cli.output import visible
from isonomia.domain import inputs


def sequence_of(db: str, event_type: str) -> str:
    """The sequence number of the first entry of a type, as the CLI takes it."""
    rows = json.loads(ok(invoke("ledger", "show", "--type", event_type, "--json", "--db", db)))
    return str(rows[0]["sequence"])


def test_an_agenda_item_with_a_closing_tag_is_recorded_and_sessions_still_list(
    tmp_path: Path,
) -> None:
    db = founded(tmp_path)
    ok(
        invoke(
            "session",
            "convene",
            "s1",
            "--organ",
            "general-council",
            "--on",
            "2026-12-03",
            "--at",
            "2026-11-30",
            "--item",
            "Budget [/] review",
            "--db",
            db,
        )
    )
    for args in (["session", "list"], ["session", "list", "--on", "2026-12-31"]):
        shown = ok(invoke(*args, "--db", db))
        assert "Budget [/] review" in shown


def test_a_title_with_markup_is_shown_as_typed_never_restyled(tmp_path: Path) -> None:
    db = founded(tmp_path)
    title = "T [/i] and [bold]loud[/bold] :id:"
    ok(
        invoke(
            "motion",
            "draft",
            "m1",
            "--organ",
            "general-council",
            "--title",
            title,
            "--field",
            "purchasing",
            "--kind",
            "decision",
            "--force",
            "advisory",
            "--at",
            "2026-02-01",
            "--db",
            db,
        )
    )
    assert title in ok(invoke("motion", "show", "m1", "--db", db))
    assert "m1" in ok(invoke("motion", "list", "--db", db))
    assert title in ok(invoke("ledger", "show", sequence_of(db, "MotionDrafted"), "--db", db))


def test_a_member_named_with_a_closing_tag_breaks_no_listing(tmp_path: Path) -> None:
    name = "Colli [/bold] closing :id:"
    db = founded(tmp_path, colli=name)
    assert name in ok(invoke("members", "--db", db))
    assert name in ok(invoke("presidency", "--db", db, "--on", "2026-01-10", "--terms", "6"))
    assert name in ok(invoke("organ", "list", "--db", db, "--on", "2026-01-10"))


@pytest.mark.parametrize("path", [p for p, _ in commands()], ids=lambda p: " ".join(p) or "-")
def test_every_help_text_is_printed_as_written(path: list[str]) -> None:
    shown = ok(invoke(*path, "--help"))
    assert "🆔" not in shown
    if path == ["motion", "draft"]:
        assert "appeal:ID:OUTCOME" in shown


def _convene_and_draft(db: str, item: str, title: str, text: str) -> None:
    at = ["--at", "2026-02-01"]
    convene = ["session", "convene", "s1", "--organ", "general-council", "--on", "2026-12-03"]
    ok(invoke(*convene, "--item", item, *at, "--db", db))
    draft = ["motion", "draft", "m1", "--organ", "general-council", "--field", "purchasing"]
    kind = ["--kind", "decision", "--force", "advisory"]
    ok(invoke(*draft, "--title", title, "--text", text, *kind, *at, "--db", db))


def test_control_characters_in_the_record_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = founded(tmp_path)
    hostile = "Clear\x1b[2J\x1b[31mred\x07"
    # A new command with them is refused (tests/cli/test_unfit_arguments.py); a record made
    # before text was checked may hold them all the same.
    with monkeypatch.context() as before_the_check:
        before_the_check.setattr(inputs, "_text", lambda value, within: None)
        _convene_and_draft(db, hostile, hostile, hostile)
    drafted = sequence_of(db, "MotionDrafted")
    for query in (["session", "list"], ["motion", "show", "m1"], ["ledger", "show", drafted]):
        shown = ok(invoke(*query, "--db", db))
        assert "\x1b" not in shown and "\x07" not in shown
        assert "Clear\\" in shown  # shown as an escape, \\x1b or \\u001b


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidirectional_controls_are_shown_as_escapes_never_reordering_a_line(
    tmp_path: Path,
) -> None:
    db = founded(tmp_path)
    title = "Budget \u202eteg\u202c and \u2067isolated\u2069"
    _convene_and_draft(db, "Item \u202dLTR\u202c", title, "Text \u202bembedded\u202c")
    drafted = sequence_of(db, "MotionDrafted")
    queries = (
        ["session", "list"],
        ["motion", "list", "--json"],
        ["motion", "show", "m1"],
        ["motion", "show", "m1", "--json"],
        ["ledger", "show", drafted],
        ["ledger", "show", "--type", "MotionDrafted", "--json"],
    )
    for query in queries:
        shown = ok(invoke(*query, "--db", db))
        assert not any(ch in shown for ch in BIDI), query
        assert "\\u202e" in shown or "\\u202d" in shown, (query, shown)
    row = json.loads(ok(invoke("motion", "show", "m1", "--json", "--db", db)))
    assert row["row"]["title"] == title  # the JSON escapes read back as the text recorded
    # Right-to-left text itself, and its marks, are shown as written.
    hebrew = "\u05e2\u05d1\u05e8\u05d9\u05ea\u200f (1)"
    assert visible(hebrew) == hebrew
