"""CLI of appeals (P6)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from isonomia.cli.common import Db, On, actors, as_of, person, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _, day
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import Who, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import AppealRow

appeal_app = typer.Typer(
    help="Non-suspensive appeals against executive decisions (P6).", no_args_is_help=True
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "FileAppeal",
        "appeal file",
        N_("{member} appeals {act}"),
        Who(
            "A delegate filing it (default: the member's own council).",
            default=lambda c: actors.council(c["member"]),
            option="--as",
            principal=person,
            parameter="person",
        ),
        help="A member appeals an executive decision to the union council; it stays in force (P6).",
        arguments=("appeal",),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@appeal_app.command("list")
@refusals_exit
def appeal_list(on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """Appeals filed by a day, with their ruling then and whether the decision is in force."""
    from isonomia.service import AppealRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.appeals(*union)
    emit(rows, lambda: _appeals_table(rows, union[1]), as_json, as_csv, field_names(AppealRow))


def _appeals_table(rows: list[AppealRow], on: date) -> Table:
    return table(
        _("Appeals on {on}", on=on),
        [
            _("id"),
            _("act"),
            _("member"),
            _("filed"),
            _("suspensive"),
            _("session"),
            _("ruling"),
            _("act in force"),
        ],
        [
            [
                r.id,
                r.act,
                r.member,
                r.filed_on,
                _("yes") if r.suspensive else _("no"),
                r.review_session or "",
                f"{r.ruling} {day(r.ruled_on)}" if r.ruling else _("pending"),
                _("yes") if r.act_in_force else _("no"),
            ]
            for r in rows
        ],
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"appeal": appeal_app}, WRITES)
    app.add_typer(appeal_app, name="appeal")
