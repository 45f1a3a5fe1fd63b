"""`isonomia demo`: the 1922 worked example, played on a fresh SQLite file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.output import console, members_table, presidency_table, refusals_exit


@refusals_exit
def demo(
    db: Annotated[Path, typer.Option("--db", help="SQLite file to create afresh.")] = Path(
        "isonomia-demo.db"
    ),
    exports: Annotated[
        Path | None, typer.Option(help="Folder for the member export (default: a temporary one).")
    ] = None,
) -> None:
    """Play the 1922 worked example on a fresh SQLite file, printing each step."""
    from isonomia.cli.demo_story import play
    from isonomia.service import Federation, Keyring, queries

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    folder = exports or Path(tempfile.mkdtemp(prefix="isonomia-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    # Every member, delegate and officer of the example signs with a key of its own, kept
    # in one folder because one person plays every part here.
    federation = Federation(f"sqlite:///{db}", signer=Keyring(folder / "keys", provision=True))
    for number, step in enumerate(play(federation, folder), start=1):
        console.rule(f"[bold]{number}. {step.title}", align="left")
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
    console.print(f"\ndatabase: {db}; export folder: {folder}")
    federation.close()


def register(app: typer.Typer) -> None:
    """Add `isonomia demo` to the CLI."""
    app.command("demo")(demo)
