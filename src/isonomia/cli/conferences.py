"""CLI of consultative conferences (P9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from isonomia.cli.common import (
    Db,
    On,
    as_of,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.motions import acts_table
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import UNION_COUNCIL, Write, commands_of

if TYPE_CHECKING:
    pass

conference_app = typer.Typer(
    help="Consultative conferences: resolutions that never bind (P9).", no_args_is_help=True
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "BindResolution",
        "conference bind",
        N_("{act} bound"),
        UNION_COUNCIL,
        help="An attempt to give a conference resolution binding force: always refused (P9).",
        arguments=("act",),
        defaults={"force": "mandatory"},
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


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


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"conference": conference_app}, WRITES)
    app.add_typer(conference_app, name="conference")
