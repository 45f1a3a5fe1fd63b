"""CLI of organs (P4): delegations and sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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
from isonomia.cli.output import (
    console,
    refusals_exit,
)

if TYPE_CHECKING:
    pass

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
def organ_list(on: On = None, db: Db = None) -> None:
    """The charter's organs, each member's own council, and who sits for whom (P4)."""
    from isonomia.service import queries

    rows = queries.organs(open_federation(db), day_of(on))
    console.print(
        table(
            "Organs",
            ["id", "kind", "name", "delegates"],
            [[r.id, r.kind, r.name, ", ".join(r.delegates)] for r in rows],
        )
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
        f"{person} sits for {member} in {organ}",
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
        f"{person} recalled from {organ}",
        organ=organ,
        member=member,
        person=person,
    )


@session_app.command("convene")
@refusals_exit
def session_convene(
    session: Annotated[str, typer.Argument(help="An id for the session.")],
    organ: Annotated[str, typer.Option(help="The organ that meets.")] = "union-council",
    held_on: Annotated[str | None, typer.Option("--on", help="The session's day.")] = None,
    item: Annotated[list[str] | None, typer.Option(help="An agenda item.")] = None,
    actor: Annotated[str, typer.Option(help="Who convenes.")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Convene a session on the council's calendar, with pending appeals on its agenda (P4)."""
    from isonomia.service import ConveneSession

    record(
        db,
        ConveneSession,
        actor,
        at,
        f"session {session} of {organ}",
        session=session,
        organ=organ,
        held_on=day_of(held_on or at),
        agenda=item or [],
    )


@session_app.command("list")
@refusals_exit
def session_list(organ: Annotated[str | None, typer.Option()] = None, db: Db = None) -> None:
    """Sessions with their day, presiding member (P5) and agenda."""
    from isonomia.service import queries

    rows = queries.sessions(open_federation(db), organ)
    console.print(
        table(
            "Sessions",
            ["id", "organ", "held on", "presides", "agenda"],
            [[r.id, r.organ, r.held_on, r.presided_by or "", "\n".join(r.agenda)] for r in rows],
        )
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(organ_app, name="organ")
    app.add_typer(session_app, name="session")
