"""CLI of the inspection area outside its cases (P17): complaints addressed to officials,
answered in the charter's days, and an organ's acts on a person (transfer, sanction), which
are refused while the person is protected in a case. The cases themselves are in
`isonomia.cli.inspection`."""

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
#: Each command of this module, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "AddressComplaint": "complaint address",
    "AnswerComplaint": "complaint answer",
    "TransferPerson": "person transfer",
    "SanctionPerson": "person sanction",
}


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
        "AddressComplaint",
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
        "AnswerComplaint",
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
        "TransferPerson",
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
        "SanctionPerson",
        f"organ:{organ}",
        at,
        _("{person} sanctioned: {sanction}", person=person, sanction=sanction),
        organ=organ,
        person=person,
        sanction=sanction,
    )


def register(app: typer.Typer) -> None:
    """Add `isonomia complaint` and `isonomia person` to the CLI."""
    app.add_typer(complaint_app, name="complaint")
    app.add_typer(person_app, name="person")
