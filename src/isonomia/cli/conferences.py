"""CLI of consultative conferences (P9)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import (
    At,
    Db,
    On,
    day_of,
    open_federation,
    record,
)
from isonomia.cli.motions import acts_table
from isonomia.cli.output import (
    console,
    refusals_exit,
)

if TYPE_CHECKING:
    pass

conference_app = typer.Typer(
    help="Consultative conferences: resolutions that never bind (P9).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {"BindResolution": "conference bind"}


@conference_app.command("resolutions")
@refusals_exit
def conference_resolutions(on: On = None, db: Db = None) -> None:
    """Resolutions of the consultative conferences: advisory, always (P9)."""
    from isonomia.service import queries

    rows = queries.acts(open_federation(db), day_of(on), kind="conference")
    console.print(acts_table(rows, "Conference resolutions (consultative)"))


@conference_app.command("bind")
@refusals_exit
def conference_bind(
    act: Annotated[str, typer.Argument()],
    force: Annotated[str, typer.Option()] = "mandatory",
    actor: Annotated[str, typer.Option()] = "organ:union-council",
    at: At = None,
    db: Db = None,
) -> None:
    """An attempt to give a conference resolution binding force: always refused (P9)."""
    from isonomia.service import BindResolution

    record(db, BindResolution, actor, at, f"{act} bound", act=act, force=force)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(conference_app, name="conference")
