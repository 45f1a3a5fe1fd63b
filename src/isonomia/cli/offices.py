"""CLI of offices (P15): named offices filled and emptied by an organ's vote, and the report
of concentration."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from isonomia.cli.common import Db, On, as_of, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _, percent
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import Call, Who, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import OfficeHolderRow

offices_app = typer.Typer(
    help="Offices without concentration: limits, exclusions, terms (P15).", no_args_is_help=True
)


def _office_organ(call: Call) -> str:
    """The presiding officer of the office's organ (the secretariat for an unknown office:
    the rules then say the charter has no such office)."""
    from isonomia.service import actors, queries

    named = queries.charter(call.federation()).offices.office(call["office"])
    if named is None:
        return actors.SECRETARIAT
    return actors.organ(named.appointed_by or named.organ)


OFFICE_ORGAN = Who("Who acts (default: organ:ORGAN, the office's organ).", _office_organ)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "AppointOfficial",
        "offices appoint",
        N_("{person} appointed {office}"),
        OFFICE_ORGAN,
        help="Appoint a person to a named office, under the act its organ adopted by vote (P15).",
        arguments=("office",),
        helps={"term_from": "First day of the term (default: --at)."},
        defaults={"term_from": Call.day},
    ),
    Write(
        "RemoveOfficial",
        "offices remove",
        N_("{person} removed from {office}"),
        OFFICE_ORGAN,
        help="Remove an office's holder, under the act its organ adopted by vote (P15).",
        arguments=("office",),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@offices_app.command("report")
@refusals_exit
def offices_report(
    on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """Each person's offices and share of the decisions signed; anyone at or one below the
    charter's limit is flagged (P15)."""
    from isonomia.service import OfficeHolderRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.offices_report(*union)
    emit(rows, lambda: _table(rows, union[1]), as_json, as_csv, field_names(OfficeHolderRow))


def _table(rows: list[OfficeHolderRow], on: date) -> Table:
    cells = [
        [
            r.person,
            "\n".join(r.offices),
            _("{count} of {limit}", count=r.count, limit=r.limit),
            _(
                "{signed} of {total} ({share})",
                signed=r.signed,
                total=r.of_signed,
                share=percent(r.share),
            ),
            _(r.flag) if r.flag else "",
            "\n".join(r.sanctions),
        ]
        for r in rows
    ]
    return table(
        _("Offices held on {on} (P15)", on=on),
        [
            _("person"),
            _("offices"),
            _("held"),
            _("decisions signed"),
            _("flag"),
            _("sanctions"),
        ],
        cells,
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"offices": offices_app}, WRITES)
    app.add_typer(offices_app, name="offices")
