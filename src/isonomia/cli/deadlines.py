"""CLI of deadlines and reminders: `isonomia deadlines [--member M] [--reminders]`."""

from __future__ import annotations

from typing import Annotated

import typer

from isonomia.cli.common import Db, On, day_of, open_federation, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import plain, refusals_exit

#: This area records nothing: it reads what the other areas recorded.
COMMANDS: dict[str, str] = {}


@refusals_exit
def deadlines(
    member: Annotated[
        str | None, typer.Option(help="Only what concerns this member (and every member).")
    ] = None,
    due: Annotated[
        bool,
        typer.Option(
            "--reminders",
            help="Only the reminders due on the day: deadlines the charter's "
            "[procedure] reminder_days ahead.",
        ),
    ] = False,
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """What is about to run out: appeal windows, notice, postponed votes, ballot periods,
    secessions taking effect, awaited language versions (P3, P4, P6, P12, P14)."""
    from isonomia.service import BadRequest, queries

    federation = open_federation(db)
    day = day_of(on)
    if member is not None and member not in {m.id for m in queries.members(federation, day)}:
        raise BadRequest.of(N_("{member} is not a member on {day}"), member=member, day=day)
    find = queries.deadlines.reminders if due else queries.deadlines.deadlines
    rows = find(federation, day, member)

    def show() -> None:
        if not rows:
            plain.print(_("nothing runs out"))
            return
        plain.print(
            table(
                _("Deadlines on {day}", day=day.isoformat()),
                [_("due on"), _("days left"), _("what"), _("subject"), _("member")],
                [
                    [
                        r.due_on,
                        str(r.days_left),
                        _(r.kind),
                        r.subject,
                        r.member or _("every member"),
                    ]
                    for r in rows
                ],
            )
        )

    emit(rows, show, as_json, as_csv, field_names(queries.deadlines.DeadlineRow))


def register(app: typer.Typer) -> None:
    """Add this area's command to the CLI."""
    app.command("deadlines")(deadlines)
