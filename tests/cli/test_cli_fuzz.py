"""An adversary at the keyboard: random text in every free-text field and id (brackets, Rich
markup, emoji, right-to-left text, control characters, very long strings, SQL). Every command
records or refuses in one line, and every list still prints afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_world import founded, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = [
    "[/]",
    "[bold]x",
    "T [/i]",
    "[/bold] closing",
    "[link=http://x]y[/link]",
    ":id: :thumbs_up:",
    "😀👩‍👩‍👧",
    "\u202eevil\u202c",
    "עברית ومرحبا",
    "\x00\x07\x1b[31mred\x1b[0m\r",
    "line\nbreak",
    "'; DROP TABLE member_view; --",
    "Robert'); DELETE FROM ledger;--",
    "x" * 5000,
    "",
    " ",
    "-leading-dash",
    "colli",
    "general-council",
]
text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map("".join),
)


def _commands(t: list[str]) -> list[list[str]]:
    """Every recording command, with the hostile texts `t` in its free-text fields and ids."""
    day = ["--at=2026-02-01"]
    return [
        [
            "session",
            "convene",
            f"--item={t[1]}",
            f"--organ={t[2]}",
            "--on=2026-03-05",
            *day,
            "--",
            t[0],
        ],
        ["session", "convene", f"--item={t[1]}", "--on=2026-03-05", *day, "--", t[0]],
        [
            "motion",
            "draft",
            "--organ=general-council",
            f"--title={t[1]}",
            f"--text={t[2]}",
            "--field=purchasing",
            "--kind=decision",
            "--force=advisory",
            *day,
            "--",
            t[0],
        ],
        [
            "motion",
            "draft",
            f"--organ={t[0]}",
            f"--title={t[1]}",
            f"--field={t[2]}",
            f"--kind={t[3]}",
            f"--force={t[1]}",
            f"--to={t[2]}",
            f"--ruling={t[3]}",
            *day,
            "--",
            t[0],
        ],
        ["motion", "amend", f"--text={t[2]}", *day, "--", t[0], t[1]],
        ["motion", "table", f"--session={t[1]}", *day, "--", t[0]],
        ["appeal", "file", f"--act={t[1]}", "--member=colli", f"--ground={t[2]}", *day, "--", t[0]],
        ["department", "propose", f"--name={t[1]}", f"--field={t[2]}", *day, "--", t[0]],
        ["department", "consent", f"--member={t[1]}", *day, "--", t[0]],
        ["directive", "request", f"--member={t[1]}", f"--question={t[2]}", *day, "--", t[0]],
        [
            "directive",
            "comply",
            f"--member={t[1]}",
            f"--note={t[2]}",
            f"--justification={t[3]}",
            "--urgent",
            *day,
            "--",
            t[0],
        ],
        ["organ", "delegate", f"--member={t[1]}", f"--person={t[2]}", *day, "--", t[0]],
        [
            "accession",
            "decide",
            f"--name={t[1]}",
            f"--congress={t[2]}",
            "--population=10",
            "--population-year=2026",
            f"--population-source={t[3]}",
            f"--language={t[3]}",
            f"--accepts={t[1]}",
            *day,
            "--",
            t[0],
        ],
        ["competences", "set", f"--actor={t[1]}", *day, "--", t[0], t[2]],
        ["conference", "bind", f"--force={t[1]}", *day, "--", t[0]],
        ["secession", "obstruct", f"--by={t[1]}", f"--action={t[2]}", *day, "--", t[0]],
        ["ledger", "show", f"--member={t[0]}", f"--type={t[1]}", "--json"],
        ["motion", "show", "--", t[0]],
        ["directives", f"--member={t[0]}", "--csv"],
        ["competences", "history", "--json", "--", t[0]],
    ]


LISTS = [
    ["members"],
    ["presidency", "--on=2026-02-01"],
    ["organ", "list"],
    ["session", "list"],
    ["motion", "list"],
    ["appeal", "list"],
    ["department", "list"],
    ["competences", "show"],
    ["conference", "resolutions"],
    ["ledger", "show"],
    ["session", "list", "--json"],
    ["motion", "list", "--csv"],
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return founded(Path(tmp_path_factory.mktemp("fuzz")))


def _one_line_or_nothing(args: list[str], db: str, allowed: tuple[int, ...]) -> None:
    result = (
        invoke(*args, f"--db={db}")
        if "--" not in args
        else invoke(*args[: args.index("--")], f"--db={db}", *args[args.index("--") :])
    )
    shown = f"{args!r}: {result.exit_code} {result.stdout[:300]!r} {result.stderr[:300]!r}"
    assert result.exit_code in allowed, shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert len(result.stderr.splitlines()) <= 1, shown


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(text, min_size=4, max_size=4), which=st.integers(0, 19))
def test_hostile_text_is_recorded_or_refused_in_one_line_and_lists_still_print(
    db: str, texts: list[str], which: int
) -> None:
    _one_line_or_nothing(_commands(texts)[which], db, (0, 2))
    for listing in LISTS:
        _one_line_or_nothing(listing, db, (0,))
