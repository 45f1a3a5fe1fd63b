"""The demo is its list of episodes: `isonomia demo` plays `story.EPISODES` in order and
prints every step they yield as a numbered title; the chapters share only `support`."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import isonomia.cli.demo.story as story_module
from isonomia.cli.demo.story import EPISODES
from isonomia.cli.demo.support import Episode, Step, Story
from isonomia.cli.main import app

DEMO = Path(story_module.__file__).parent


def test_the_demo_plays_its_episodes_in_order_and_shows_each_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    shown: list[tuple[str, str]] = []

    def watched(episode: Episode) -> Episode:
        def play(story: Story) -> Iterator[Step]:
            started.append(episode.title)
            for step in episode.play(story):
                shown.append((episode.title, step.title))
                yield step

        return Episode(episode.title, play)

    monkeypatch.setattr(story_module, "EPISODES", [watched(e) for e in EPISODES])
    result = CliRunner().invoke(
        app, ["demo", "--db", str(tmp_path / "demo.db"), "--exports", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    assert started == [e.title for e in EPISODES]
    assert {title for title, _ in shown} == set(started), "an episode showed no step"
    out = " ".join(result.stdout.split())
    at = 0
    for number, (_, title) in enumerate(shown, start=1):
        found = out.find(" ".join(f"{number}. {title}".split()), at)
        assert found >= at, f"step {number} ({title!r}) is not printed in its place"
        at = found
    assert f" {len(shown) + 1}. " not in out[at:]


def test_episodes_have_distinct_titles_and_chapters_share_only_support() -> None:
    titles = [e.title for e in EPISODES]
    assert len(set(titles)) == len(titles)
    assert len({e.play for e in EPISODES}) == len(EPISODES)
    for path in DEMO.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module):
                continue
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{path.name} imports private {private} from {node.module}"
            if node.module.startswith("isonomia.cli.demo") and path.stem not in (
                "story",
                "__init__",
            ):
                assert node.module == "isonomia.cli.demo.support", (
                    f"the chapter {path.name} imports {node.module}"
                )


def test_the_demo_lists_its_episodes_without_playing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--episodes", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(". ", 1)[1] for line in lines] == [e.title for e in EPISODES]
    assert lines[0].startswith(" 1. ") and not db.exists()
