"""What every command module shares: option types, opening the union, dates, recording."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from isonomia.cli.i18n import _
from isonomia.cli.output import plain, visible

if TYPE_CHECKING:
    from isonomia.service import Federation, Recorded
    from isonomia.service import actors as actors
else:

    class _Actors:
        """`isonomia.service.actors`, imported when first used: its package loads every
        command model, which a command that only reads never needs."""

        def __getattr__(self, name: str) -> Any:
            from isonomia.service import actors as module

            return getattr(module, name)

    actors = _Actors()


def person(name: str) -> str:
    """The principal `person:NAME` (`actors.person`, imported when a command runs)."""
    return str(actors.person(name))


Db = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $ISONOMIA_DATABASE_URL or ./isonomia.db)."),
]
At = Annotated[
    str | None, typer.Option("--at", help="Date of the act, YYYY-MM-DD (default: today).")
]
#: Who reads what only some may see proves it with a key (the case files, the ledger's
#: sealed entries); without one, the public reads.
Reader = Annotated[
    Path | None,
    typer.Option(
        "--key",
        envvar="ISONOMIA_KEY",
        help="Your key file, to read as its registered principal (default: the public).",
    ),
]
On = Annotated[
    str | None,
    typer.Option(
        "--on", help="Answer as of this date, YYYY-MM-DD (default: today); see the README."
    ),
]


def actor_option(default: str) -> Any:
    """The `--actor` option of a command, its help naming who acts when it is left out."""
    return typer.Option("--actor", help=f"Who acts (default: {default}).", show_default=False)


Actor = Annotated[str | None, actor_option("the member's own council, council:MEMBER")]


def open_federation(db: str | None) -> Federation:
    """The union at `db` (or the default), refusing if there is none yet."""
    from isonomia.cli.formats import SIMULATED
    from isonomia.service import bootstrap, queries

    federation = bootstrap(db).open()
    SIMULATED.set(queries.clock(federation) == "simulated")
    return federation


def moment(text: str | None) -> datetime:
    """When an act happens: noon UTC on the given day, or now."""
    from isonomia.service import at_day, now, parse_day

    day = parse_day(text)
    return at_day(day) if day is not None else now()


def day_of(text: str | None) -> date:
    """A day to look at: the given one, or today."""
    from isonomia.service import now, parse_day

    return parse_day(text) or now().date()


def as_of(db: str | None, on: str | None) -> tuple[Federation, date] | None:
    """The union and the day a history query looks at; None, having said so in one line,
    when the day is before the union's founding."""
    from isonomia.service import queries

    federation = open_federation(db)
    day = day_of(on)
    founded = queries.founded_on(federation)
    if founded is None or day < founded:
        plain.print(_("no union yet on {day}", day=day))
        return None
    return federation, day


def names(text: str) -> list[str]:
    """A comma-separated list, without blanks."""
    return [name.strip() for name in text.split(",") if name.strip()]


def report(outcome: Recorded, what: str) -> None:
    """Say what was recorded, entry by entry."""
    plain.print(Text.assemble((_("recorded"), "green"), visible(f": {what}")))
    word = _("entry")
    for entry in outcome.entries:
        plain.print(f"  {word} {entry.sequence} {entry.event_type}  {entry.hash[:16]}…")
    if outcome.clock == "simulated":
        plain.print("  " + _("simulated clock: dates asserted, not witnessed"))


def record(
    db: str | None, cls: type[Any] | str, actor: str, at: str | None, what: str, **fields: Any
) -> Recorded:
    """Build a command (its class, or its name for an area whose commands the service does
    not name), run it through the pipeline, and say what was recorded."""
    from isonomia.cli.signing import sign_and_submit
    from isonomia.service import COMMAND_TYPES, make, new_command_id

    kind = COMMAND_TYPES[cls] if isinstance(cls, str) else cls
    command = make(kind, command_id=new_command_id(), actor=actor, at=moment(at), **fields)
    outcome = sign_and_submit(open_federation(db), command)
    report(outcome, what)
    return outcome


def table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    """A titled table of plain-text cells."""
    result = Table(title=title, title_justify="left")
    for column in columns:
        result.add_column(column, overflow="fold")
    for row in rows:
        result.add_row(*row)
    return result
