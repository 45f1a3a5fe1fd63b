"""CLI of procedure (P4, P12, P14): circulating a draft to every member's council, a
concerned member's postponement, and the notice a motion is under."""

from __future__ import annotations

from typing import Annotated

import typer

from isonomia.cli.common import Db, open_federation, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.motions import motion_app
from isonomia.cli.output import plain, refusals_exit
from isonomia.cli.writes import COUNCIL, Write, commands_of, motion_organ, presides

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "CirculateDraft",
        "motion circulate",
        N_("{motion} circulated to every member's council"),
        presides("circulate", motion_organ),
        help="Send a drafted motion to every member's council in its languages; the "
        "charter's minimum notice before its vote runs from this day (P4, P14).",
        arguments=("motion",),
        options={"concerned": "--concerned"},
        comma=("concerned",),
    ),
    Write(
        "RequestPostponement",
        "motion postpone",
        N_("{member} asks that the vote on {motion} be postponed"),
        COUNCIL,
        help="A concerned member's own council asks, once per motion, that its vote be "
        "postponed by the charter's period; every member is notified (P12).",
        arguments=("motion",),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@motion_app.command("notice")
@refusals_exit
def motion_notice(
    motion: Annotated[str, typer.Argument(help="The motion.")],
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Who received a motion's draft and when, its notice, and any postponement (P4, P12)."""
    from isonomia.service import queries

    federation = open_federation(db)
    rows = queries.procedure.circulation(federation, motion)
    later = queries.procedure.postponements(federation, motion)
    if as_json or as_csv:
        emit(rows, lambda: None, as_json, as_csv, field_names(queries.procedure.CirculationRow))
        return
    if not rows:
        plain.print(_("{motion} has not been circulated", motion=motion))
        return
    plain.print(
        table(
            _("Circulation of {motion}", motion=motion),
            [_("member"), _("received on"), _("languages"), _("concerned")],
            [[r.member, r.received_on, r.languages, _("yes") if r.concerned else ""] for r in rows],
        )
    )
    first = rows[0]
    plain.print(
        _(
            "notice: {days} days; voted on from {day}",
            days=first.notice_days,
            day=first.notice_ends_on,
        )
        + (f" ({_('urgent')}: {first.justification})" if first.urgent else "")
    )
    for p in later:
        plain.print(
            _(
                "postponed at {member}'s request on {on} by {days} days: voted on from {day}",
                member=p.member,
                on=p.requested_on,
                days=p.days,
                day=p.vote_from,
            )
        )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the motions' group (`isonomia motion ...`)."""
    add_writes(app, {"motion": motion_app}, WRITES)
