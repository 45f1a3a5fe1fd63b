"""CLI of the register of competences (P10, P11)."""

from __future__ import annotations

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
from isonomia.cli.i18n import N_, _, day
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import UNION_COUNCIL, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import CompetenceRow

competences_app = typer.Typer(
    help="The register of competences, joint or reserved (P10, P11).", no_args_is_help=True
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "SetCompetence",
        "competences set",
        N_("{field} set to {kind}"),
        UNION_COUNCIL,
        help="Change a field directly: refused, fields change only by charter amendment (P10).",
        arguments=("field", "kind"),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@competences_app.command("show")
@refusals_exit
def competences_show(
    on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """The register of competences as of a date: joint fields and the members' own (P10)."""
    from isonomia.service import CompetenceRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.competences(*union)
    title = _("Competences on {day}", day=union[1])
    emit(rows, lambda: _register(title, rows), as_json, as_csv, field_names(CompetenceRow))


#: The kinds of competence, shown in the chosen language.
KINDS = (N_("joint"), N_("reserved"))


def _register(title: str, rows: list[CompetenceRow]) -> Table:
    return table(
        title,
        [_("field"), _("kind"), _("since"), _("by")],
        [[r.field, _(r.kind), day(r.since), r.by] for r in rows],
    )


@competences_app.command("history")
@refusals_exit
def competences_history(
    field: Annotated[str | None, typer.Argument(help="One field (default: all).")] = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Every change to the register, from the charter on (P10)."""
    from isonomia.service import CompetenceRow, queries

    rows = queries.competence_history(open_federation(db), field)
    title = _("Register of competences: history")
    emit(rows, lambda: _register(title, rows), as_json, as_csv, field_names(CompetenceRow))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"competences": competences_app}, WRITES)
    app.add_typer(competences_app, name="competences")
