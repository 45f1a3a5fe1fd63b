"""CLI of the rotating presidency (P5)."""

from __future__ import annotations

from typing import Annotated

import typer

from isonomia.cli.common import (
    Db,
    On,
    day_of,
    open_federation,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_
from isonomia.cli.output import (
    presidency_table,
    refusals_exit,
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {}


@refusals_exit
def presidency(
    on: On = None,
    terms: Annotated[int, typer.Option(min=0, max=200, help="How many terms ahead.")] = 6,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Who presides on a date, and in each of the next N terms (P5)."""
    from isonomia.service import BadRequest, PresidencyRow, queries

    day = day_of(on)
    rows = queries.presidency_rows(open_federation(db), day, terms)
    if not rows:
        raise BadRequest.of(N_("the union is not founded yet: there is no presidency"))
    emit(rows, lambda: presidency_table(rows, day), as_json, as_csv, field_names(PresidencyRow))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.command("presidency")(presidency)
