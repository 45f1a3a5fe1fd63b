"""Printing for people: Rich tables, one-line errors on stderr, and exit codes."""

from __future__ import annotations

import functools
import inspect
import io
import os
import sys
import typing
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from rich.console import Console, ConsoleDimensions
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from isonomia.cli.i18n import N_, _, day, detail_lines, error_line, number, percent, refusal_line

if TYPE_CHECKING:
    from isonomia.service import MemberRow, PresidencyRow


#: Exit status of a command whose reader went away (a pipe closed early), as after SIGPIPE.
PIPE_CLOSED = 141


def quiet_exit() -> typer.Exit:
    """The reader of stdout is gone (e.g. `| head`): stop quietly, with nothing on stderr."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is no file descriptor (as under a test runner): nothing to silence
    return typer.Exit(PIPE_CLOSED)


#: Width of output that does not go to a terminal: wide enough that no table is ever cut.
PIPED_WIDTH = 100_000


class WideConsole(Console):
    """A console that never turns emoji codes into emoji and, when piped, never cuts a line;
    with `markup=False` it prints every string as it is (text from users, charters and the
    record may hold brackets)."""

    def __init__(self, stderr: bool = False, markup: bool = False) -> None:
        super().__init__(stderr=stderr, markup=markup, emoji=False, highlight=False)

    @property
    def size(self) -> ConsoleDimensions:
        # Piped, the width is never the limit (not even $COLUMNS): machines read every cell.
        if not self.is_terminal:
            return ConsoleDimensions(PIPED_WIDTH, Console.size.fget(self).height)  # type: ignore[attr-defined]
        return Console.size.fget(self)  # type: ignore[attr-defined,no-any-return]

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    def on_broken_pipe(self) -> None:
        raise quiet_exit()

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(visible(text), **options)


#: The bidirectional embeddings, overrides and isolates (and their ends): text holding them
#: can show its characters, and those around it, in another order than they are stored in
#: ("Trojan Source"). The marks (U+200E, U+200F, U+061C) are ordinary right-to-left writing.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str) -> str:
    """Text with control characters other than line breaks and tabs, and bidirectional
    controls, shown as escapes (`\\x1b`, `\\u202e`), so a value from the record can never
    drive the terminal (colours, cursor, bells) nor reorder what is shown around it."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in BIDI_CONTROLS
        else ch
        for ch in text
    )


def json_visible(text: str) -> str:
    """JSON text with the bidirectional controls in it as JSON escapes: the same data, which
    a terminal shows in the order it is stored (JSON escapes control characters itself)."""
    return "".join(f"\\u{ord(ch):04x}" if ch in BIDI_CONTROLS else ch for ch in text)


#: Where commands print: plain text, never markup; styles are given as `Text` objects.
plain = WideConsole()
#: The same output for static markup strings written in the code (never with user text).
console = WideConsole(markup=True)
errors = WideConsole(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

#: Exit code for a refused or malformed command (1 is kept for a failed verification).
REFUSED = 2
#: Exit code of a verification that found nothing the user pinned to anchor what it checked.
UNANCHORED = 3


def one_line(text: str) -> str:
    """Text on one line: line breaks and other control characters as escapes (a refusal
    quotes what the user typed, which may hold them)."""
    return "".join(
        ch
        if ch.isprintable() or unicodedata.category(ch) == "Zs"  # spaces, as CLDR's narrow ones
        else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def fail(line: str, details: list[str] | None = None, code: int = REFUSED) -> typer.Exit:
    errors.print(one_line(line), soft_wrap=True)
    for detail in details or []:
        errors.print(f"  {one_line(detail)}", soft_wrap=True)
    return typer.Exit(code)


def broken(line: str, code: int = 1) -> typer.Exit:
    """A verification that failed: the line on stderr, exit code 1 (or ``code``)."""
    errors.print(one_line(line), soft_wrap=True)
    return typer.Exit(code)


def refusals_exit(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a service error into one line on stderr, never a traceback: exit code 2 for a
    refused or malformed request, 1 for a database or record that cannot be used."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        # Imported when a command runs, not when the CLI is built: `--help` stays quick.
        from isonomia.service import INPUT_ERRORS, ServiceError, unavailable

        try:
            try:
                _check_arguments(func, kwargs)
                result = func(*args, **kwargs)
                sys.stdout.flush()  # a closed pipe shows here, while it can still exit quietly
                return result
            except RuntimeError as error:
                service = unavailable(error)
                if service is None:
                    raise
                raise service from error
        except BrokenPipeError:
            raise quiet_exit() from None
        except ServiceError as error:
            refusal = getattr(error, "refusal", None)
            line = refusal_line(refusal) if refusal is not None else error_line(error)
            raise fail(line, detail_lines(error), error.exit_code) from None
        except INPUT_ERRORS as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise fail(_("error: {message}").format(message=message)) from None

    return wrapper


def _check_arguments(func: Callable[..., Any], values: dict[str, Any]) -> None:
    """Refuse, naming it as typed, an argument that holds what no input may hold (a control
    character, a number past what the record and the database hold): one check for every
    command, before it opens anything. File names are left to the file system."""
    from isonomia.service import refuse_unfit, unfit

    for name, value in values.items():
        if not isinstance(value, os.PathLike) and unfit(value) is not None:
            refuse_unfit(_typed_name(func, name), value)


def _typed_name(func: Callable[..., Any], name: str) -> str:
    """A command's parameter as its command line names it: `--after`, or an argument's name."""
    from typer.models import ArgumentInfo, OptionInfo

    parameter = inspect.signature(func).parameters.get(name)
    if parameter is None:
        return name
    try:
        hint = typing.get_type_hints(func, include_extras=True).get(name)
    except NameError:  # an annotation only a type checker reads
        hint = None
    infos = [*getattr(hint, "__metadata__", ()), parameter.default]
    if any(isinstance(info, ArgumentInfo) for info in infos):
        return name
    option = next((info for info in infos if isinstance(info, OptionInfo)), None)
    if option is None and parameter.default is inspect.Parameter.empty:
        return name
    # In `Annotated[..., typer.Option("--from")]` the first name comes as the default.
    given = [option.default, *(option.param_decls or ())] if option else []
    declared = [d for d in given if isinstance(d, str) and d.startswith("--")]
    return declared[0].split("/")[0] if declared else "--" + name.replace("_", "-")


STATUS_STYLE = {
    "member": "green",
    "seceding": "yellow",
    "seceded": "dim",
    "candidate": "cyan",
    "rejected": "red",
}


def _member_columns(wide: bool) -> list[tuple[str, str]]:
    """The members table's columns: (key, heading in the chosen language)."""
    columns = [
        ("id", _("id")),
        *([("name", _("name"))] if wide else []),
        ("status", _("status")),
        ("joined", _("joined")),
        ("leaves", _("leaves")),
        ("population", _("population")),
        ("share", _("share")),
        ("languages", _("languages")),
    ]
    return columns


def _status_name(status: str) -> str:
    names = {
        "member": _("member"),
        "seceding": _("seceding"),
        "seceded": _("seceded"),
        "candidate": _("candidate"),
        "rejected": _("rejected"),
    }
    return names.get(status, status)


def members_table(rows: list[MemberRow], on: date) -> Table:
    total = sum(r.population for r in rows if r.status in ("member", "seceding")) or 1
    wide = plain.width >= 120
    table = Table(title=_("Members on {day}").format(day=day(on)), title_justify="left")
    widest = max((len(r.id) for r in rows), default=2)
    for key, heading in _member_columns(wide):
        table.add_column(
            heading,
            justify="right" if key == "population" else "left",
            no_wrap=key not in ("name", "share", "languages"),
            min_width=widest if key == "id" else None,
        )
    for r in rows:
        counted = r.status in ("member", "seceding")
        share = percent(r.population / total) if counted else ""
        bar = "█" * max(1, round(8 * r.population / total)) if counted else ""
        table.add_row(
            r.id,
            *([r.name] if wide else []),
            Text(_status_name(r.status), style=STATUS_STYLE.get(r.status, "")),
            day(r.joined_on),
            day(r.leaves_on),
            number(r.population),
            f"{share} {bar}",
            " ".join(r.languages),
        )
    return table


def presidency_table(rows: list[PresidencyRow], on: date) -> Table:
    table = Table(title=_("Presidency from {on}", on=on), title_justify="left")
    for column in (N_("term"), N_("from"), N_("until"), N_("presides"), ""):
        table.add_column(_(column) if column else "", no_wrap=column != "presides")
    for r in rows:
        marker = "◀ " + _("presiding") if r.current else (_("acting") if r.acting else "")
        who = f"{r.member} — {r.name}" if plain.width >= 110 else r.member
        table.add_row(number(r.term + 1), day(r.start), day(r.end), who, marker)
    return table


@contextmanager
def progress_steps(
    titles: dict[str, str], total: int, threshold: int = 5000
) -> Iterator[Callable[[str], Callable[[int], None]]]:
    """One Rich progress display for a walk done in named steps, a bar a step (shown only
    past `threshold` entries): yields what, given a step's name, hears its progress."""
    if total < threshold:
        yield lambda name: lambda done: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as progress:

        def step(name: str) -> Callable[[int], None]:
            task = progress.add_task(titles[name], total=total)
            return lambda done: progress.update(task, completed=done)

        yield step


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
