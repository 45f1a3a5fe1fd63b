"""CLI of delegations of many (issue 24, P4, P12): an organ's apportioned seats, a member's
census update, and proxies within a delegation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import Db, On, as_of, person, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.membership import member_app
from isonomia.cli.organs import organ_app
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import COUNCIL, Who, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import queries

delegation_app = typer.Typer(
    help="Proxies within a member's delegation in an organ (P4).", no_args_is_help=True
)

_DELEGATE = Who(
    "The delegate acting (default: none; give the person).",
    option="--as",
    principal=person,
    parameter="person",
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "UpdateCensus",
        "member census",
        N_("{member}'s population is {population} by its census of {population_year}"),
        COUNCIL,
        help="A member's own council records its population from a new census; apportioned "
        "seats follow from it.",
        arguments=("member",),
    ),
    Write(
        "GiveProxy",
        "delegation proxy",
        N_("{actor} gives its proxy in {organ} to {to}"),
        _DELEGATE,
        help="A delegate gives its seat's vote to a colleague of the same delegation only (P4).",
        arguments=("organ",),
    ),
    Write(
        "RevokeProxy",
        "delegation revoke",
        N_("{actor} revokes its proxy in {organ}"),
        _DELEGATE,
        help="A delegate takes back the proxy it gave.",
        arguments=("organ",),
    ),
)

COMMANDS: dict[str, str] = commands_of(WRITES)


@organ_app.command("seats")
@refusals_exit
def organ_seats(
    organ: Annotated[str, typer.Argument(help="The organ.")],
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Each member's seats in an organ as the charter apportions them on a day, beside its
    population, with the proxies standing in its delegation (P4, P12)."""
    from isonomia.service import queries

    union = as_of(db, on)
    if union is None:
        return
    how, rows = queries.seats.organ_seats(union[0], organ, union[1])
    emit(
        rows,
        lambda: _seats_table(organ, how, rows),
        as_json,
        as_csv,
        field_names(queries.seats.SeatRow),
    )


def _seats_table(organ: str, how: str, rows: list[queries.seats.SeatRow]) -> Table:
    return table(
        _("Seats in {organ}: {how}", organ=organ, how=how),
        [
            _("member"),
            _("population"),
            _("census"),
            _("seats"),
            _("seat share"),
            _("population share"),
            _("proxies"),
        ],
        [
            [
                r.member,
                f"{r.population:,}",
                str(r.population_year),
                str(r.seats),
                f"{r.seat_share:.1%}",
                f"{r.population_share:.1%}",
                ", ".join(r.proxies),
            ]
            for r in rows
        ],
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"member": member_app, "delegation": delegation_app}, WRITES)
    app.add_typer(delegation_app, name="delegation")
