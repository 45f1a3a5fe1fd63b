"""CLI of national languages (P14): members' language rules, versions of acts, certifiers,
waivers, correspondence, where an act is in force, and the compliance report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import (
    Db,
    On,
    actors,
    as_of,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _, day, number
from isonomia.cli.output import fail, plain, refusals_exit
from isonomia.cli.writes import COUNCIL, Who, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import LanguageGap, MemberActStatus

languages_app = typer.Typer(
    help="National languages: members' rules, versions of acts, the report (P14).",
    no_args_is_help=True,
)
act_app = typer.Typer(help="Union acts: where each is in force (P14).", no_args_is_help=True)

_LANGS = "Comma-separated BCP-47 tags, e.g. uk,ru."

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "AdoptLanguageRules",
        "languages rules",
        N_("language rules of {member}"),
        COUNCIL,
        help="Adopt a member's own language rules: its council alone (P14).",
        arguments=("member",),
        options={"bilingual_documents": "--bilingual"},
        helps={
            "correspondence": _LANGS,
            "bilingual_documents": "Comma-separated kinds of document.",
            "staff": _LANGS,
        },
        comma=("correspondence", "bilingual_documents", "staff"),
        defaults={"correspondence": "", "bilingual_documents": "", "staff": ""},
    ),
    Write(
        "SubmitVersion",
        "languages submit",
        N_("{language} version of {act} submitted"),
        Who("Who acts (default: secretariat, the union's translators).", "secretariat"),
        help="Submit an act's version in one language (P14).",
        arguments=("act", "language", "text"),
    ),
    Write(
        "CertifyVersion",
        "languages certify",
        N_("{language} version of {act} certified"),
        Who("Who acts (default: the designated certifier)."),
        help="Certify an act's version in one language, as the certifier a member designates.",
        arguments=("act", "language"),
    ),
    Write(
        "DesignateCertifier",
        "languages certifier",
        N_("{principal} certifies {language} versions for {member}"),
        COUNCIL,
        help="Designate who certifies a member's versions in one language (P14).",
        arguments=("member", "language", "principal"),
    ),
    Write(
        "WaiveVersions",
        "languages waive",
        N_("{member} waived versions of {act}"),
        COUNCIL,
        help="Let an act take effect in a member without its language versions (P14).",
        arguments=("act", "member"),
    ),
    Write(
        "SendCorrespondence",
        "languages send",
        N_("letter from {organ} to {member}"),
        Who(
            "Who acts (default: the organ's presiding officer).",
            lambda c: actors.organ(c["organ"]),
        ),
        help="Send a union organ's letter to a member, in the languages its rules require.",
        arguments=("organ", "member"),
        options={"versions": "--version"},
        helps={"versions": "LANG=TEXT, once per language."},
        open_first=True,
    ),
    Write(
        "FileOriginal",
        "languages original",
        lambda c, _outcome: _(
            "{language} original of {command_id}",
            language=c["language"],
            command_id=c["of_command"],
        ),
        Who("Who acts (default: required: the principal that signed it)."),
        help="File the text of one of your own commands in your own language (P14).",
        arguments=("of_command", "language", "text"),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@languages_app.command("report")
@refusals_exit
def languages_report(
    on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """Every gap in national languages: acts awaiting versions, reviews, letters, waivers."""
    from isonomia.service import LanguageGap, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.language_report(*union)
    title = _("Languages: compliance report on {day}", day=union[1])
    emit(rows, lambda: _report(title, rows), as_json, as_csv, field_names(LanguageGap))


def _report(title: str, rows: list[LanguageGap]) -> Table | None:
    if not rows:
        plain.print(_("{title}: no gaps", title=title))
        return None
    return table(
        title,
        [_("member"), _("language"), _("gap"), _("subject"), _("since"), _("days")],
        [[r.member, r.language, r.kind, r.subject, day(r.since), number(r.days)] for r in rows],
    )


@act_app.command("status")
@refusals_exit
def act_status(
    act: Annotated[str, typer.Argument()],
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Each member: the act in force there, pending (which versions it awaits, from whose
    certifier, P14), or not binding (outside its terms of accession, P2)."""
    from isonomia.service import MemberActStatus, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.act_status(union[0], act, union[1])
    if rows is None:
        raise fail(_("error: no act '{act}' in the record", act=act))
    title = f"Act {act} on {union[1]}"
    emit(rows, lambda: _status(title, rows), as_json, as_csv, field_names(MemberActStatus))


def _status(title: str, rows: list[MemberActStatus]) -> Table:
    return table(title, [_("member"), _("status")], [[r.member, r.status] for r in rows])


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"languages": languages_app}, WRITES)
    app.add_typer(languages_app, name="languages")
    app.add_typer(act_app, name="act")
