"""CLI of graded directives (P8)."""

from __future__ import annotations

import functools
from typing import Annotated

import typer

from isonomia.cli.common import (
    Actor,
    At,
    Db,
    On,
    day_of,
    open_federation,
    record,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_, _, day
from isonomia.cli.output import refusals_exit

directive_app = typer.Typer(
    help="Graded directives: advisory, mandatory, conditional (P8).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "RequestInstructions": "directive request",
    "GiveInstructions": "directive instruct",
    "ReportCompliance": "directive comply",
}


@directive_app.command("request")
@refusals_exit
def directive_request(
    directive: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    question: Annotated[str, typer.Option()],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """The addressee of a conditional directive requests instructions first (P8)."""
    from isonomia.service import RequestInstructions, actors

    record(
        db,
        RequestInstructions,
        actor or actors.council(member),
        at,
        _("{member} asks for instructions under {directive}", member=member, directive=directive),
        directive=directive,
        member=member,
        question=question,
    )


@directive_app.command("instruct")
@refusals_exit
def directive_instruct(
    directive: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    instructions: Annotated[str, typer.Option()],
    organ: Annotated[str, typer.Option(help="The issuing organ.")],
    at: At = None,
    db: Db = None,
) -> None:
    """The issuing organ answers a request for instructions (P8)."""
    from isonomia.service import GiveInstructions, actors

    record(
        db,
        GiveInstructions,
        actors.organ(organ),
        at,
        _("instructions to {member}", member=member),
        directive=directive,
        member=member,
        instructions=instructions,
    )


@directive_app.command("comply")
@refusals_exit
def directive_comply(
    directive: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    note: Annotated[str, typer.Option()] = "",
    urgent: Annotated[bool, typer.Option("--urgent", help="An especially urgent case.")] = False,
    justification: Annotated[str, typer.Option()] = "",
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Report a directive carried out; without instructions only if urgent and justified (P8)."""
    from isonomia.service import ReportCompliance, actors

    record(
        db,
        ReportCompliance,
        actor or actors.council(member),
        at,
        _("{member} carried out {directive}", member=member, directive=directive),
        directive=directive,
        member=member,
        note=note,
        urgent=urgent,
        justification=justification,
    )


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
    app.add_typer(directive_app, name="directive")
    app.command("directives")(directives)
