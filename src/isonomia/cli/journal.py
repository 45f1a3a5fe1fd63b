"""CLI of the union's official journal (P8, P14, P18): `isonomia journal show` prints its
numbered issues, `isonomia journal feed` writes a member's Atom feed in one of its languages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, On, day_of, open_federation, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import _
from isonomia.cli.output import plain, refusals_exit

#: This area records nothing: it publishes what the other areas recorded.
COMMANDS: dict[str, str] = {}

journal_app = typer.Typer(help="The union's official journal: numbered daily issues (P8, P14).")

Member = Annotated[
    str | None, typer.Option(help="Only the items addressed to this member (or to every one).")
]


def _languages(statuses: dict[str, dict[str, str]]) -> str:
    return "; ".join(
        f"{member}: " + ", ".join(f"{lang} {_(what)}" for lang, what in sorted(langs.items()))
        for member, langs in sorted(statuses.items())
        if any(what != "certified" for what in langs.values())
    )


@journal_app.command("show")
@refusals_exit
def show(
    issue: Annotated[int | None, typer.Option(min=1, help="Only this issue.")] = None,
    since: Annotated[str | None, typer.Option(help="Issues from this day, YYYY-MM-DD.")] = None,
    member: Member = None,
    field: Annotated[
        str | None, typer.Option(help="Only the acts, drafts and amendments in this field.")
    ] = None,
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """The journal's issues up to a day: each item's number, what it publishes, and the
    languages whose certified version is still missing (P8, P14)."""
    from isonomia.service import queries

    day = day_of(on)
    start = day_of(since) if since else None
    issues = queries.journal.journal(open_federation(db), day, member, start, issue, field)
    items = [item for found in issues for item in found.items]

    def shown() -> None:
        if not items:
            plain.print(_("the journal has no issue for that"))
            return
        for found in issues:
            plain.print(
                table(
                    _("Official journal no. {number}, {day}", number=found.number, day=found.day),
                    [_("no."), _("what"), _("subject"), _("title"), _("not yet certified")],
                    [
                        [
                            i.number,
                            _(queries.journal.KINDS.get(i.kind, i.kind)),
                            i.subject,
                            i.title,
                            _languages(i.languages),
                        ]
                        for i in found.items
                    ],
                )
            )

    emit(items, shown, as_json, as_csv, field_names(queries.journal.JournalItem))


@journal_app.command("feed")
@refusals_exit
def feed(
    member: Annotated[str, typer.Argument(help="The member whose feed it is.")],
    language: Annotated[str, typer.Argument(help="One of the member's official languages.")],
    out: Annotated[Path | None, typer.Option(help="Write the feed here (default: stdout).")] = None,
    base_url: Annotated[
        str, typer.Option(help="Where the union is served, for the entries' links.")
    ] = "http://127.0.0.1:8000",
    on: On = None,
    db: Db = None,
) -> None:
    """A member's Atom feed of the journal in one of its official languages (P14)."""
    from isonomia.service import journal_feed

    body = journal_feed(open_federation(db), member, language, day_of(on), base_url)
    if out is None:
        typer.echo(body.decode("utf-8"))
        return
    out.write_bytes(body)
    plain.print(_("wrote {path}", path=out))


@journal_app.command("pdf")
@refusals_exit
def pdf(
    issue: Annotated[int, typer.Argument(min=1, help="The issue's number.")],
    out: Annotated[Path, typer.Option(help="Write the PDF here.")],
    on: On = None,
    db: Db = None,
) -> None:
    """One issue of the journal as a PDF, in every script the members write (P8, P14)."""
    from isonomia.service import journal_pdf

    out.write_bytes(journal_pdf(open_federation(db), issue, day_of(on)))
    plain.print(_("wrote {path}", path=out))


def register(app: typer.Typer) -> None:
    """Add the journal's commands to the CLI (`isonomia journal ...`)."""
    app.add_typer(journal_app, name="journal")
