"""CLI commands for complaints to officials and organs' acts on persons (P17)."""

from __future__ import annotations

from typing import Annotated

import typer

from isonomia.cli.common import At, Db, open_federation, record
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import _
from isonomia.cli.inspection_views import describe_complaints
from isonomia.cli.output import refusals_exit

complaint_app = typer.Typer(
    help="Complaints addressed to officials, answered in the charter's days (P17).",
    no_args_is_help=True,
)
person_app = typer.Typer(
    help="An organ's acts on a person, guarded against retaliation (P17).", no_args_is_help=True
)


def _command(name: str) -> type:
    from isonomia.service import COMMAND_TYPES

    return COMMAND_TYPES[name]


@complaint_app.command("address")
@refusals_exit
def complaint_address(
    complaint: Annotated[str, typer.Argument()],
    official: Annotated[str, typer.Option()],
    text: Annotated[str, typer.Option()],
    actor: Annotated[
        str, typer.Option("--actor", help="Who complains (default: none; give the principal).")
    ],
    at: At = None,
    db: Db = None,
) -> None:
    """Address a complaint to an official, due an answer within the charter's days."""
    record(
        db,
        _command("AddressComplaint"),
        actor,
        at,
        _(
            "complaint {complaint} addressed to {official}",
            complaint=complaint,
            official=official,
        ),
        complaint=complaint,
        official=official,
        text=text,
    )


@complaint_app.command("answer")
@refusals_exit
def complaint_answer(
    complaint: Annotated[str, typer.Argument()],
    answer: Annotated[str, typer.Option()],
    actor: Annotated[
        str, typer.Option("--actor", help="Who answers (default: none; the official, person:NAME).")
    ],
    at: At = None,
    db: Db = None,
) -> None:
    """The official answers; an answer in time stops it being recorded as neglected."""
    record(
        db,
        _command("AnswerComplaint"),
        actor,
        at,
        _("complaint {complaint} answered", complaint=complaint),
        complaint=complaint,
        answer=answer,
    )


@complaint_app.command("list")
@refusals_exit
def complaint_list(db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """Complaints to officials: answered, awaiting an answer, or neglected."""
    from isonomia.service import queries

    q = queries.inspection

    rows = q.complaints(open_federation(db))
    emit(rows, lambda: describe_complaints(rows), as_json, as_csv, field_names(q.ComplaintRow))


@person_app.command("transfer")
@refusals_exit
def person_transfer(
    person: Annotated[str, typer.Argument()],
    organ: Annotated[str, typer.Option()],
    to: Annotated[str, typer.Option(help="The post or place transferred to.")],
    at: At = None,
    db: Db = None,
) -> None:
    """An organ transfers a person; refused while they are protected in a case (P17)."""
    record(
        db,
        _command("TransferPerson"),
        f"organ:{organ}",
        at,
        _("{person} transferred to {to}", person=person, to=to),
        organ=organ,
        person=person,
        to=to,
    )


@person_app.command("sanction")
@refusals_exit
def person_sanction(
    person: Annotated[str, typer.Argument()],
    organ: Annotated[str, typer.Option()],
    sanction: Annotated[str, typer.Option()],
    at: At = None,
    db: Db = None,
) -> None:
    """An organ sanctions a person; refused while they are protected in a case (P17)."""
    record(
        db,
        _command("SanctionPerson"),
        f"organ:{organ}",
        at,
        _("{person} sanctioned: {sanction}", person=person, sanction=sanction),
        organ=organ,
        person=person,
        sanction=sanction,
    )
