"""`isonomia demo`: the 1922 worked example, played on a fresh SQLite file.

This module holds the command, which prints each step. The story is `story.EPISODES`, an
ordered list of episodes; each is a small function in the module of its chapter
(`membership`, `acts`, `fields`, `languages`, `offices`, `inspection`, `removal`,
`signatures`, `secession`, `web_vote`), and what they share (`Story`, `Step`, `Episode`,
the founding members, the helpers that run commands) is in `support`. The chapters import
only `support` and the service, never each other."""

from __future__ import annotations

import re
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from isonomia.cli.output import console, fail, members_table, presidency_table, refusals_exit

if TYPE_CHECKING:
    from isonomia.service import DemoAccount, Federation

PREFIX = "isonomia-demo-"


@refusals_exit
def demo(
    db: Annotated[Path, typer.Option("--db", help="New SQLite file to play it in.")] = Path(
        "isonomia-demo.db"
    ),
    exports: Annotated[
        Path | None, typer.Option(help="Folder for the member export (default: a temporary one).")
    ] = None,
    hint: Annotated[bool, typer.Option(hidden=True)] = True,
    episodes: Annotated[
        bool, typer.Option("--episodes", help="List the story's episodes in order; play nothing.")
    ] = False,
) -> None:
    """Play the 1922 worked example on a new SQLite file, printing each step."""
    from isonomia.service import Keyring, add_demo_accounts, bootstrap

    if episodes:
        _list_episodes()
        return
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:/", str(db)):  # a URL ("//" was folded by Path)
        raise fail(f"{db} is a URL: the demo plays on a new SQLite file; give its path to --db")
    for suffix in ("", "-wal", "-shm", ".keys", ".web-accounts"):
        taken = Path(f"{db}{suffix}")
        if taken.exists() and (taken.is_dir() or taken.stat().st_size > 0):
            raise fail(
                f"{taken} already exists: the demo plays only on a new file; "
                "remove it or give another --db"
            )
    # Every member, delegate and officer of the example signs with a key of its own, kept
    # beside the file (FILE.keys) because one person plays every part here.
    keyring = Keyring(Path(f"{db}.keys"), provision=True)
    federation = bootstrap(f"sqlite:///{db}", keyring=keyring)
    try:
        with ExitStack() as stack:
            if exports is None:
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=PREFIX)))
            else:
                folder = exports
                folder.mkdir(parents=True, exist_ok=True)
            _play(federation, folder)
        made = add_demo_accounts(federation, keyring, db)
    finally:
        federation.close()
    kept = f"export folder: {exports}" if exports else "the export was checked and removed"
    console.print(f"\ndatabase: {db}; keys: {keyring.folder}; {kept}")
    print_demo_accounts(made, db)
    if hint:
        console.print(
            f"start the site: isonomia serve --db {db}  (then open http://127.0.0.1:8000/)",
            markup=False,
            highlight=False,
        )


def print_demo_accounts(made: list[DemoAccount], db: Path) -> None:
    """The example's web accounts, their passwords, and how a delegate's device comes in."""
    from isonomia.service import accounts_file

    if not made:
        return
    console.print(
        f"\nweb accounts (kept in {accounts_file(db)}; sign in at /login):",
        markup=False,
        highlight=False,
    )
    for account in made:
        acts = f" acts for {account.principal};" if account.principal else ""
        console.print(
            f"  {account.name:20} password {account.password}  {account.role};{acts} "
            f"{account.note}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    day = _record_day(db)
    at = f" --at {day}" if day else ""
    console.print(
        "  an account signs in the browser with its device's own key: make it on /device; "
        "a council's device key is registered by its congress, e.g. "
        f"isonomia keys register council:ukraine --public-key ed25519:… --db {db} "
        f"--keyring {db}.keys{at}"
        + (f" (the example's simulated clock stands at {day})" if day else ""),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def _record_day(db: Path) -> str | None:
    """The day of the example's last entry: the day of its simulated clock, which an act
    given on the command line names (`--at`) so that the record does not jump to today."""
    from isonomia.service import bootstrap

    federation = bootstrap(f"sqlite:///{db}")
    try:
        length = federation.ledger_length()
        last = next(iter(federation.entries(after=length - 1)), None) if length else None
        return last.recorded_at[:10] if last is not None else None
    finally:
        federation.close()


def _list_episodes() -> None:
    from isonomia.cli.demo.story import EPISODES

    for number, episode in enumerate(EPISODES, start=1):
        console.print(f"{number:2}. {episode.title}", markup=False, highlight=False)


def _play(federation: Federation, folder: Path) -> None:
    from isonomia.cli.demo.story import play
    from isonomia.service import queries

    for number, step in enumerate(play(federation, folder), start=1):
        console.print()
        console.print(Text(f"{number}. {step.title}", style="bold"))
        for line in step.lines:
            console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
        if step.refused:
            console.print(f"  [red]{step.refused}[/]", highlight=False, soft_wrap=True)
        if step.table == "members" and step.on:
            console.print(members_table(queries.members(federation, step.on), step.on))
        if step.table == "presidency" and step.on:
            console.print(
                presidency_table(queries.presidency_rows(federation, step.on, 7), step.on)
            )


def register(app: typer.Typer) -> None:
    """Add `isonomia demo` to the CLI."""
    app.command("demo")(demo)
