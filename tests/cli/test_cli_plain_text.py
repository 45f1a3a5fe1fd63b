"""Text from users, charters and the record is printed as it is: brackets are no markup,
`:id:` is no emoji, and a register that holds such text stays readable for ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_world import commands, founded, invoke, ok


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
    assert title in ok(invoke("ledger", "show", "3", "--db", db))


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
