"""CLI of organs (P4): delegations and sessions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import (
    Actor,
    At,
    Db,
    On,
    actor_option,
    as_of,
    day_of,
    open_federation,
    record,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import _
from isonomia.cli.output import refusals_exit

if TYPE_CHECKING:
    from isonomia.service import OrganRow, SessionRow

organ_app = typer.Typer(
    help="The charter's organs and their delegations (P4).", no_args_is_help=True
)
session_app = typer.Typer(
    help="Sessions of organs, on the council's calendar (P4).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "AppointDelegate": "organ delegate",
    "RecallDelegate": "organ recall",
    "ConveneSession": "session convene",
}


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


@organ_app.command("delegate")
@refusals_exit
def organ_delegate(
    organ: Annotated[str, typer.Argument(help="The union organ.")],
    member: Annotated[str, typer.Option(help="The member the person sits for.")],
    person: Annotated[str, typer.Option(help="The delegate's id.")],
    term_from: Annotated[str | None, typer.Option(help="First day of the term.")] = None,
    term_until: Annotated[str | None, typer.Option(help="Day the term ends (exclusive).")] = None,
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A member's own council names a person to sit for it in an organ, for a term (P4)."""
    from isonomia.service import AppointDelegate, actors, parse_day

    record(
        db,
        AppointDelegate,
        actor or actors.council(member),
        at,
        _("{person} sits for {member} in {organ}", person=person, member=member, organ=organ),
        organ=organ,
        member=member,
        person=person,
        term_from=day_of(term_from or at),
        term_until=parse_day(term_until),
    )


@organ_app.command("recall")
@refusals_exit
def organ_recall(
    organ: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A member's own council recalls its delegate from an organ."""
    from isonomia.service import RecallDelegate, actors

    record(
        db,
        RecallDelegate,
        actor or actors.council(member),
        at,
        _("{person} recalled from {organ}", person=person, organ=organ),
        organ=organ,
        member=member,
        person=person,
    )


@session_app.command("convene")
@refusals_exit
def session_convene(
    session: Annotated[str, typer.Argument(help="An id for the session.")],
    organ: Annotated[
        str | None, typer.Option(help="The organ that meets (default: the union council).")
    ] = None,
    held_on: Annotated[str | None, typer.Option("--on", help="The session's day.")] = None,
    item: Annotated[list[str] | None, typer.Option(help="An agenda item.")] = None,
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Convene a session on the council's calendar, with pending appeals on its agenda (P4)."""
    from isonomia.service import ConveneSession, queries

    meets = organ or queries.union_council(open_federation(db))
    record(
        db,
        ConveneSession,
        actor,
        at,
        _("session {session} of {meets}", session=session, meets=meets),
        session=session,
        organ=meets,
        held_on=day_of(held_on or at),
        agenda=item or [],
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
    app.add_typer(organ_app, name="organ")
    app.add_typer(session_app, name="session")
