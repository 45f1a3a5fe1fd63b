"""CLI of graded directives (P8)."""

from __future__ import annotations

import functools
from typing import Annotated

import typer

from isonomia.cli.common import Db, On, actors, day_of, open_federation, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _, day
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import COUNCIL, Extra, Who, Write, commands_of

directive_app = typer.Typer(
    help="Graded directives: advisory, mandatory, conditional (P8).", no_args_is_help=True
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "RequestInstructions",
        "directive request",
        N_("{member} asks for instructions under {directive}"),
        COUNCIL,
        help="The addressee of a conditional directive requests instructions first (P8).",
        arguments=("directive",),
    ),
    Write(
        "GiveInstructions",
        "directive instruct",
        N_("instructions to {member}"),
        Who(
            "Who acts (default: the issuing organ, organ:ORGAN).",
            lambda c: actors.organ(c["organ"]),
        ),
        help="The issuing organ answers a request for instructions (P8).",
        arguments=("directive",),
        extra={"organ": Extra(str, "The issuing organ.")},
    ),
    Write(
        "ReportCompliance",
        "directive comply",
        N_("{member} carried out {directive}"),
        COUNCIL,
        help="Report a directive carried out; without instructions only if urgent and "
        "justified (P8).",
        arguments=("directive",),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@refusals_exit
def directives(
    member: Annotated[str, typer.Option(help="The addressee.")],
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """What a member has carried out under its directives, and what is outstanding (P8)."""
    from isonomia.service import ComplianceRow, queries

    rows = queries.directives_for(open_federation(db), member, day_of(on))
    columns = [
        _(c)
        for c in (N_("directive"), N_("title"), N_("force"), N_("status"), N_("on"), N_("basis"))
    ]
    cells = [
        [r.directive, r.title, _(r.force), _(r.status), day(r.carried_out_on), r.basis or ""]
        for r in rows
    ]
    people = functools.partial(table, _("Directives to {member}", member=member), columns, cells)
    emit(rows, people, as_json, as_csv, field_names(ComplianceRow))


#: The words the record uses for forces and statuses, shown in the chosen language.
RECORD_WORDS = (
    N_("advisory"),
    N_("mandatory"),
    N_("conditional"),
    N_("outstanding"),
    N_("instructed"),
    N_("instructions requested"),
    N_("advisory (nothing owed)"),
    N_("not in force in the union"),
    N_("carried out"),
    N_("carried out (urgent; review pending)"),
    N_("carried out (urgent; upheld)"),
    N_("carried out (urgent; censured)"),
)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"directive": directive_app}, WRITES)
    app.add_typer(directive_app, name="directive")
    app.command("directives")(directives)
