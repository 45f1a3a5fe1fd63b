"""CLI of offices (P15): named offices filled and emptied by an organ's vote, and the report
of concentration."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import At, Db, On, actor_option, as_of, day_of, record, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import _, percent
from isonomia.cli.output import refusals_exit

if TYPE_CHECKING:
    from isonomia.service import OfficeHolderRow

offices_app = typer.Typer(
    help="Offices without concentration: limits, exclusions, terms (P15).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "AppointOfficial": "offices appoint",
    "RemoveOfficial": "offices remove",
}

ActOption = Annotated[
    str, typer.Option("--act", help="The act the office's organ adopted by vote (P15).")
]


@offices_app.command("appoint")
@refusals_exit
def offices_appoint(
    office: Annotated[str, typer.Argument(help="A named office of the charter.")],
    person: Annotated[str, typer.Option()],
    act: ActOption,
    term_from: Annotated[
        str | None, typer.Option("--term-from", help="First day of the term (default: --at).")
    ] = None,
    term_until: Annotated[
        str | None, typer.Option("--term-until", help="Day the term ends (exclusive).")
    ] = None,
    actor: Annotated[str | None, actor_option("organ:ORGAN, the office's organ")] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Appoint a person to a named office, under the act its organ adopted by vote (P15)."""
    from isonomia.service import AppointOfficial, parse_day

    record(
        db,
        AppointOfficial,
        actor or _organ_actor(db, office),
        at,
        _("{person} appointed {office}", person=person, office=office),
        office=office,
        person=person,
        act=act,
        term_from=day_of(term_from or at),
        term_until=parse_day(term_until),
    )


@offices_app.command("remove")
@refusals_exit
def offices_remove(
    office: Annotated[str, typer.Argument(help="A named office of the charter.")],
    person: Annotated[str, typer.Option()],
    act: ActOption,
    actor: Annotated[str | None, actor_option("organ:ORGAN, the office's organ")] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Remove an office's holder, under the act its organ adopted by vote (P15)."""
    from isonomia.service import RemoveOfficial

    record(
        db,
        RemoveOfficial,
        actor or _organ_actor(db, office),
        at,
        _("{person} removed from {office}", person=person, office=office),
        office=office,
        person=person,
        act=act,
    )


def _organ_actor(db: str | None, office: str) -> str:
    """The presiding officer of the office's organ (the secretariat for an unknown office:
    the rules then say the charter has no such office)."""
    from isonomia.cli.common import open_federation
    from isonomia.service import actors, queries

    named = queries.charter(open_federation(db)).offices.office(office)
    if named is None:
        return actors.SECRETARIAT
    return actors.organ(named.appointed_by or named.organ)


@offices_app.command("report")
@refusals_exit
def offices_report(
    on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """Each person's offices and share of the decisions signed; anyone at or one below the
    charter's limit is flagged (P15)."""
    from isonomia.service import OfficeHolderRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.offices_report(*union)
    emit(rows, lambda: _table(rows, union[1]), as_json, as_csv, field_names(OfficeHolderRow))


def _table(rows: list[OfficeHolderRow], on: date) -> Table:
    cells = [
        [
            r.person,
            "\n".join(r.offices),
            _("{count} of {limit}", count=r.count, limit=r.limit),
            _(
                "{signed} of {total} ({share})",
                signed=r.signed,
                total=r.of_signed,
                share=percent(r.share),
            ),
            _(r.flag) if r.flag else "",
        ]
        for r in rows
    ]
    return table(
        _("Offices held on {on} (P15)", on=on),
        [_("person"), _("offices"), _("held"), _("decisions signed"), _("flag")],
        cells,
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(offices_app, name="offices")
