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
        f"{member} asks for instructions under {directive}",
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
        f"instructions to {member}",
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
        f"{member} carried out {directive}",
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
    columns = ["directive", "title", "force", "status", "on", "basis"]
    cells = [
        [r.directive, r.title, r.force, r.status, r.carried_out_on or "", r.basis or ""]
        for r in rows
    ]
    people = functools.partial(table, f"Directives to {member}", columns, cells)
    emit(rows, people, as_json, as_csv, field_names(ComplianceRow))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(directive_app, name="directive")
    app.command("directives")(directives)
