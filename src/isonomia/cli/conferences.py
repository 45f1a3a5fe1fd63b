"""CLI of consultative conferences (P9)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import (
    At,
    Db,
    On,
    actor_option,
    as_of,
    open_federation,
    record,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import _
from isonomia.cli.motions import acts_table
from isonomia.cli.output import refusals_exit

if TYPE_CHECKING:
    pass

conference_app = typer.Typer(
    help="Consultative conferences: resolutions that never bind (P9).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {"BindResolution": "conference bind"}


@conference_app.command("resolutions")
@refusals_exit
def conference_resolutions(
    on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """Resolutions of the consultative conferences drafted by a day: advisory, always (P9)."""
    from isonomia.service import ActRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.acts(*union, kind="conference")
    title = _("Conference resolutions (consultative) on {day}", day=union[1])
    emit(rows, lambda: acts_table(rows, title), as_json, as_csv, field_names(ActRow))


@conference_app.command("bind")
@refusals_exit
def conference_bind(
    act: Annotated[str, typer.Argument()],
    force: Annotated[str, typer.Option()] = "mandatory",
    actor: Annotated[str | None, actor_option("the union council, organ:COUNCIL")] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """An attempt to give a conference resolution binding force: always refused (P9)."""
    from isonomia.service import BindResolution, actors, queries

    who = actor or actors.organ(queries.union_council(open_federation(db)))
    record(db, BindResolution, who, at, _("{act} bound", act=act), act=act, force=force)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(conference_app, name="conference")
