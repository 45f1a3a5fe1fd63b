"""Printing for people: Rich tables, one-line errors on stderr, and exit codes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:
    from isonomia.service import MemberRow, PresidencyRow


console = Console()
errors = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

#: Exit code for a refused or malformed command (1 is kept for a failed verification).
REFUSED = 2


def fail(line: str, details: list[str] | None = None, code: int = REFUSED) -> typer.Exit:
    errors.print(line, markup=False, highlight=False, soft_wrap=True)
    for detail in details or []:
        errors.print(f"  {detail}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def broken(line: str) -> typer.Exit:
    """A verification that failed: the line on stderr, exit code 1."""
    errors.print(line, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(1)


def refusals_exit(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a service error into one line on stderr, never a traceback: exit code 2 for a
    refused or malformed request, 1 for a database or record that cannot be used."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        # Imported when a command runs, not when the CLI is built: `--help` stays quick.
        from isonomia.service import INPUT_ERRORS, ServiceError

        try:
            return func(*args, **kwargs)
        except ServiceError as error:
            raise fail(error.line(), error.details(), error.exit_code) from None
        except INPUT_ERRORS as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise fail(f"error: {message}") from None

    return wrapper


STATUS_STYLE = {
    "member": "green",
    "seceding": "yellow",
    "seceded": "dim",
    "candidate": "cyan",
    "rejected": "red",
}


def members_table(rows: list[MemberRow], on: date) -> Table:
    total = sum(r.population for r in rows if r.status in ("member", "seceding")) or 1
    wide = console.width >= 120
    table = Table(title=f"Members on {on}", title_justify="left")
    columns = ["id", *(["name"] if wide else []), "status", "joined", "leaves", "population"]
    widest = max((len(r.id) for r in rows), default=2)
    for column in columns:
        table.add_column(
            column,
            justify="right" if column == "population" else "left",
            no_wrap=column != "name",
            min_width=widest if column == "id" else None,
        )
    table.add_column("share")
    table.add_column("languages")
    for r in rows:
        counted = r.status in ("member", "seceding")
        share = f"{r.population / total:.1%}" if counted else ""
        bar = "█" * max(1, round(8 * r.population / total)) if counted else ""
        table.add_row(
            r.id,
            *([r.name] if wide else []),
            f"[{STATUS_STYLE.get(r.status, '')}]{r.status}[/]",
            r.joined_on or "",
            r.leaves_on or "",
            f"{r.population:,}",
            f"{share} {bar}",
            " ".join(r.languages),
        )
    return table


def presidency_table(rows: list[PresidencyRow], on: date) -> Table:
    table = Table(title=f"Presidency from {on}", title_justify="left")
    for column in ("term", "from", "until", "presides", ""):
        table.add_column(column, no_wrap=column != "presides")
    for r in rows:
        marker = "◀ presiding" if r.current else ("acting" if r.acting else "")
        who = f"{r.member} — {r.name}" if console.width >= 110 else r.member
        table.add_row(str(r.term + 1), str(r.start), str(r.end), who, marker)
    return table


@contextmanager
def progress_bar(label: str, total: int, threshold: int = 5000) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar for long walks (shown only past `threshold` steps)."""
    if total < threshold:
        yield lambda done: None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda done: progress.update(task, completed=done)
