"""CLI of national languages (P14): members' language rules, versions of acts, certifiers,
waivers, correspondence, where an act is in force, and the compliance report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import (
    Actor,
    At,
    Db,
    On,
    actor_option,
    as_of,
    names,
    open_federation,
    record,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_, _, day, number
from isonomia.cli.output import fail, plain, refusals_exit

if TYPE_CHECKING:
    from isonomia.service import LanguageGap, MemberActStatus

languages_app = typer.Typer(
    help="National languages: members' rules, versions of acts, the report (P14).",
    no_args_is_help=True,
)
act_app = typer.Typer(help="Union acts: where each is in force (P14).", no_args_is_help=True)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "AdoptLanguageRules": "languages rules",
    "SubmitVersion": "languages submit",
    "CertifyVersion": "languages certify",
    "DesignateCertifier": "languages certifier",
    "WaiveVersions": "languages waive",
    "SendCorrespondence": "languages send",
    "FileOriginal": "languages original",
}

Langs = Annotated[str, typer.Option(help="Comma-separated BCP-47 tags, e.g. uk,ru.")]


@languages_app.command("rules")
@refusals_exit
def languages_rules(
    member: Annotated[str, typer.Argument()],
    correspondence: Langs = "",
    bilingual: Annotated[str, typer.Option(help="Comma-separated kinds of document.")] = "",
    staff: Langs = "",
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Adopt a member's own language rules: its council alone (P14)."""
    from isonomia.service import AdoptLanguageRules, actors

    record(
        db,
        AdoptLanguageRules,
        actor or actors.council(member),
        at,
        _("language rules of {member}", member=member),
        member=member,
        correspondence=names(correspondence),
        bilingual_documents=names(bilingual),
        staff=names(staff),
    )


@languages_app.command("submit")
@refusals_exit
def languages_submit(
    act: Annotated[str, typer.Argument()],
    language: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Argument(help="The act's text in that language.")],
    actor: Annotated[str, actor_option("secretariat, the union's translators")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Submit an act's version in one language (P14)."""
    from isonomia.service import SubmitVersion

    what = _("{language} version of {act} submitted", language=language, act=act)
    record(db, SubmitVersion, actor, at, what, act=act, language=language, text=text)


@languages_app.command("certify")
@refusals_exit
def languages_certify(
    act: Annotated[str, typer.Argument()],
    language: Annotated[str, typer.Argument()],
    actor: Annotated[str, actor_option("the designated certifier")],
    at: At = None,
    db: Db = None,
) -> None:
    """Certify an act's version in one language, as the certifier a member designates."""
    from isonomia.service import CertifyVersion

    what = _("{language} version of {act} certified", language=language, act=act)
    record(db, CertifyVersion, actor, at, what, act=act, language=language)


@languages_app.command("certifier")
@refusals_exit
def languages_certifier(
    member: Annotated[str, typer.Argument()],
    language: Annotated[str, typer.Argument()],
    principal: Annotated[str, typer.Argument(help="Who certifies, e.g. person:NAME.")],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Designate who certifies a member's versions in one language (P14)."""
    from isonomia.service import DesignateCertifier, actors

    record(
        db,
        DesignateCertifier,
        actor or actors.council(member),
        at,
        _(
            "{principal} certifies {language} versions for {member}",
            principal=principal,
            language=language,
            member=member,
        ),
        member=member,
        language=language,
        principal=principal,
    )


@languages_app.command("waive")
@refusals_exit
def languages_waive(
    act: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Argument()],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Let an act take effect in a member without its language versions (P14)."""
    from isonomia.service import WaiveVersions, actors

    who = actor or actors.council(member)
    record(
        db,
        WaiveVersions,
        who,
        at,
        _("{member} waived versions of {act}", member=member, act=act),
        act=act,
        member=member,
    )


@languages_app.command("send")
@refusals_exit
def languages_send(
    organ: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Argument()],
    version: Annotated[list[str], typer.Option("--version", help="LANG=TEXT, once per language.")],
    actor: Annotated[str | None, actor_option("the organ's presiding officer")] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Send a union organ's letter to a member, in the languages its rules require."""
    from isonomia.service import BadRequest, SendCorrespondence, actors

    open_federation(db)  # a database that cannot be used is said before the arguments
    versions: dict[str, str] = {}
    for item in version:
        language, sep, text = item.partition("=")
        if not sep:
            raise BadRequest.of(N_("--version takes LANG=TEXT, not '{item}'"), item=item)
        versions[language.strip()] = text
    record(
        db,
        SendCorrespondence,
        actor or actors.organ(organ),
        at,
        _("letter from {organ} to {member}", organ=organ, member=member),
        organ=organ,
        member=member,
        versions=versions,
    )


@languages_app.command("original")
@refusals_exit
def languages_original(
    command_id: Annotated[str, typer.Argument(help="The id of a recorded command.")],
    language: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Argument(help="The command's text in that language.")],
    actor: Annotated[str, actor_option("required: the principal that signed it")],
    at: At = None,
    db: Db = None,
) -> None:
    """File the text of one of your own commands in your own language (P14)."""
    from isonomia.service import FileOriginal

    what = _("{language} original of {command_id}", language=language, command_id=command_id)
    record(db, FileOriginal, actor, at, what, of_command=command_id, language=language, text=text)


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
    """Each member: whether the act is in force there, or which versions it awaits (P14)."""
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
    app.add_typer(languages_app, name="languages")
    app.add_typer(act_app, name="act")
