"""CLI of organs (P4): delegations and sessions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import (
    Db,
    On,
    as_of,
    open_federation,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import COUNCIL, Call, Write, commands_of, presides, union_council

if TYPE_CHECKING:
    from isonomia.service import OrganRow, SessionRow

organ_app = typer.Typer(
    help="The charter's organs and their delegations (P4).", no_args_is_help=True
)
session_app = typer.Typer(
    help="Sessions of organs, on the council's calendar (P4).", no_args_is_help=True
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "AppointDelegate",
        "organ delegate",
        N_("{person} sits for {member} in {organ}"),
        COUNCIL,
        help="A member's own council names a person to sit for it in an organ, for a term (P4).",
        arguments=("organ",),
        helps={"term_from": "First day of the term (default: --at)."},
        defaults={"term_from": Call.day},
    ),
    Write(
        "RecallDelegate",
        "organ recall",
        N_("{person} recalled from {organ}"),
        COUNCIL,
        help="A member's own council recalls its delegate from an organ.",
        arguments=("organ",),
    ),
    Write(
        "ConveneSession",
        "session convene",
        lambda c, _outcome: _(
            "session {session} of {meets}", session=c["session"], meets=c["organ"]
        ),
        presides("convene", lambda call: call["organ"]),
        help="Convene a session on the council's calendar, with pending appeals on its "
        "agenda (P4).",
        arguments=("session",),
        options={"held_on": "--on", "agenda": "--item"},
        helps={
            "organ": "The organ that meets (default: the union council).",
            "held_on": "The session's day (default: --at).",
        },
        defaults={"organ": union_council, "held_on": Call.day},
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@organ_app.command("list")
@refusals_exit
def organ_list(on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """The charter's organs, each member's own council, and who sits for whom on a day (P4)."""
    from isonomia.service import OrganRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.organs(*union)
    emit(rows, lambda: _organs_table(rows, union[1]), as_json, as_csv, field_names(OrganRow))


def _organs_table(rows: list[OrganRow], on: date) -> Table:
    return table(
        _("Organs on {on}", on=on),
        [_("id"), _("kind"), _("name"), _("delegates")],
        [[r.id, r.kind, r.name, ", ".join(r.delegates)] for r in rows],
    )


@session_app.command("list")
@refusals_exit
def session_list(
    organ: Annotated[str | None, typer.Option(help="Only this organ's sessions.")] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Only sessions held by this date (default: every session)."),
    ] = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Sessions with their day, presiding member (P5) and agenda."""
    from isonomia.service import SessionRow, queries

    if on is None:
        rows = queries.sessions(open_federation(db), organ)
    else:
        union = as_of(db, on)
        if union is None:
            return
        rows = queries.sessions(union[0], organ, union[1])
    emit(rows, lambda: _sessions_table(rows), as_json, as_csv, field_names(SessionRow))


def _sessions_table(rows: list[SessionRow]) -> Table:
    return table(
        _("Sessions"),
        [_("id"), _("organ"), _("held on"), _("presides"), _("agenda")],
        [[r.id, r.organ, r.held_on, r.presided_by or "", "\n".join(r.agenda)] for r in rows],
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"organ": organ_app, "session": session_app}, WRITES)
    app.add_typer(organ_app, name="organ")
    app.add_typer(session_app, name="session")
