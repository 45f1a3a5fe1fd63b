"""The groups of complaints to officials and of organs' acts on persons (P17), and the list of
complaints; their write commands are generated from the models (`inspection.WRITES`), which
also registers these groups."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from isonomia.cli.common import Db, open_federation, table
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


@complaint_app.command("list")
@refusals_exit
def complaint_list(db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """Complaints to officials: answered, awaiting an answer, or neglected."""
    from isonomia.service import queries

    q = queries.inspection

    rows = q.complaints(open_federation(db))
    emit(rows, lambda: describe_complaints(rows), as_json, as_csv, field_names(q.ComplaintRow))


@person_app.command("sanctions")
@refusals_exit
def person_sanctions(
    person: Annotated[str | None, typer.Argument(help="The person (default: everyone).")] = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """The sanctions final findings put on a person: removals, with the offices they ended
    and the bar on office; suspensions, with the day they end; transfers; reprimands (P17)."""
    from isonomia.service import queries

    rows = queries.sanctions(open_federation(db), person)

    def describe() -> Table:
        cells = [
            [
                r.person,
                r.sanction,
                r.case,
                r.effective_on,
                r.bar_until or r.resumes_on or "",
                "\n".join(r.offices),
            ]
            for r in rows
        ]
        return table(
            _("Sanctions (P17)"),
            [_("person"), _("sanction"), _("case"), _("from"), _("until"), _("offices")],
            cells,
        )

    emit(rows, describe, as_json, as_csv, field_names(queries.SanctionRow))
