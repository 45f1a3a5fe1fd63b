"""CLI of the rotating presidency (P5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import (
    Db,
    On,
    day_of,
    open_federation,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.organs import organ_app
from isonomia.cli.output import (
    plain,
    presidency_table,
    refusals_exit,
)
from isonomia.cli.writes import COUNCIL, Write, commands_of, union_council

if TYPE_CHECKING:
    from isonomia.service import PresidingRow

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "DesignatePresidingDelegate",
        "organ preside",
        N_("{person} presides over {organ} for {member} in term {term}"),
        COUNCIL,
        help="The presiding member's own council designates the delegate who presides over "
        "an organ for a term of its presidency and signs its procedural acts (P5).",
        arguments=("person",),
        helps={"organ": "The organ presided over (default: the union council)."},
        defaults={"organ": union_council},
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@refusals_exit
def presidency(
    on: On = None,
    terms: Annotated[int, typer.Option(min=0, max=200, help="How many terms ahead.")] = 6,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Who presides on a date, and in each of the next N terms (P5)."""
    from isonomia.service import BadRequest, PresidencyRow, queries

    day = day_of(on)
    rows = queries.presidency_rows(open_federation(db), day, terms)
    if not rows:
        raise BadRequest.of(N_("the union is not founded yet: there is no presidency"))
    emit(rows, lambda: presidency_table(rows, day), as_json, as_csv, field_names(PresidencyRow))


@organ_app.command("presiding")
@refusals_exit
def organ_presiding(
    organ: Annotated[
        str | None, typer.Argument(help="The organ (default: the union council).")
    ] = None,
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Who presides over an organ on a day, and which delegate signs its procedural acts
    (P5)."""
    from isonomia.service import PresidingRow, queries

    federation = open_federation(db)
    day = day_of(on)
    row = queries.presiding(federation, organ or queries.union_council(federation), day)
    emit([row], lambda: _show(row), as_json, as_csv, field_names(PresidingRow))


def _show(row: PresidingRow) -> None:
    if row.member is None:
        plain.print(_("no member presides over {organ} on {day}", organ=row.organ, day=row.day))
        return
    plain.print(
        _(
            "{member} presides over {organ} on {day} (term {term})",
            member=row.member,
            organ=row.organ,
            day=row.day,
            term=row.term,
        )
    )
    if row.delegate_signs:
        plain.print(
            _(
                "its procedural acts are signed by {delegate}",
                delegate=row.delegate or _("no one: no delegate of it sits there"),
            )
        )
    plain.print(
        _(
            "the secretariat signs: {acts}",
            acts=", ".join(row.secretariat_acts) or _("nothing"),
        )
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"organ": organ_app}, WRITES)
    app.command("presidency")(presidency)
