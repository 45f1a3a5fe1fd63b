"""`isonomia`: the command line of a federation's secretariat, members and inspectors.

Each area adds its commands from the CLI modules it declares (`isonomia.areas`), each with
a `register(app)`; this module holds the application, `init`, `submit`, and the wiring.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.main import get_command_name
from typer.models import TyperInfo

if TYPE_CHECKING:
    from isonomia.service import Keyring

from isonomia import areas
from isonomia.cli import generated
from isonomia.cli.common import At, Db, moment, open_federation, report
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import REFUSED, fail, plain, quiet_exit, refusals_exit
from isonomia.cli.signing import sign_write_commands


class LanguageAnywhere(TyperGroup):
    """The root group: `--lang` is taken wherever it is given (`isonomia members --lang ka`
    as well as `isonomia --lang ka members`), as if it came first."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, lang_first(args))


def lang_first(args: list[str]) -> list[str]:
    """The arguments with every `--lang X` / `--lang=X` moved to the front (none after `--`)."""
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg == "--lang" and i + 1 < len(args):
            moved += args[i : i + 2]
            i += 2
            continue
        (moved if arg.startswith("--lang=") else rest).append(arg)
        i += 1
    return moved + rest


app = typer.Typer(
    cls=LanguageAnywhere,
    name="isonomia",
    help="Governance of a voluntary federation of equal members.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help texts are printed as written: "appeal:ID:OUTCOME" is no emoji code, "[x]" no markup.
    rich_markup_mode=None,
)


def _version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("isonomia")
        except PackageNotFoundError:
            number = "unknown"
        plain.print(_("isonomia {number}", number=number))
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="ISONOMIA_LANG",
            help="Language of messages, dates and numbers: en, uk or ka (P14).",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    """Governance of a voluntary federation of equal members."""
    from isonomia.cli.i18n import use

    problem = use(lang)
    if problem is not None:
        raise fail(_("error: {problem}", problem=problem))


#: The CLI of each area, in the order `isonomia --help` lists them.
AREAS = tuple(areas.load("cli"))


@app.command()
@refusals_exit
def init(
    charter: Annotated[
        Path | None, typer.Option(help="Charter TOML file (default: the 1922 example).")
    ] = None,
    db: Db = None,
    keys_dir: Annotated[
        Path | None,
        typer.Option(
            "--keys-dir",
            help="Folder for the union's first keys (default: beside a SQLite file, FILE.keys).",
        ),
    ] = None,
    clock: Annotated[
        str,
        typer.Option(
            help="live: entries are recorded at the service's time; simulated: commands' "
            "own dates are recorded (worked examples, tests, replays of history)."
        ),
    ] = "live",
    at: At = None,
) -> None:
    """Create the union database, its first keys, and record its charter as the first entry."""
    from isonomia.service import BadRequest, Keyring, bootstrap, example_charter, queries

    if clock not in ("live", "simulated"):
        raise BadRequest.of(N_("--clock is live or simulated, not '{clock}'"), clock=clock)
    if clock == "live" and at is not None:
        raise BadRequest.of(
            N_("refused (P18): in a live union the record's clock is the service's")
        )
    federation = bootstrap(db)
    federation.ensure_new()
    folder = keys_dir or federation.keyring_folder()
    if folder is None:
        raise BadRequest.of(N_("give --keys-dir: where the union's first keys are written"))
    path = charter or example_charter("union-1922")
    keyring = Keyring(folder)
    outcome = federation.initialize(path, keyring, at=moment(at), clock=clock)
    adopted = queries.charter(federation)
    report(outcome, _("charter of {name} ({file})", name=adopted.union.name, file=path.name))
    plain.print(_("database: {describe_url}", describe_url=federation.describe_url()))
    _print_keys(keyring, folder, clock)


def _print_keys(keyring: Keyring, folder: Path, clock: str) -> None:
    files = sorted(p.name for p in folder.glob("*.key"))
    plain.print(
        _("keys: {count} files in {folder}", count=len(files), folder=folder),
        markup=False,
        highlight=False,
    )
    plain.print(
        "  "
        + _(
            "give each file to its holder (congress-M.key to member M's congress, "
            "organ-O.key to organ O's presiding officer, inspection.key to the "
            "inspection, secretariat.key and log.key to the secretariat), then delete "
            "the folder"
        ),
        markup=False,
        highlight=False,
    )
    if clock == "simulated":
        plain.print(_("simulated clock: dates asserted, not witnessed"), highlight=False)


@app.command("submit")
@refusals_exit
def submit(
    file: Annotated[Path, typer.Argument(help="A signed command (from --sign-only).")],
    db: Db = None,
) -> None:
    """Record a command a principal signed elsewhere (`--sign-only --out FILE`)."""
    from isonomia.service import BadRequest, EnvelopeError, read_envelope

    federation = open_federation(db)
    try:
        envelope = read_envelope(file)
    except EnvelopeError as error:
        raise BadRequest(str(error)) from None
    outcome = federation.submit(envelope)
    principal = envelope.get("principal", "?")
    report(
        outcome,
        _(
            "{command} signed by {principal}",
            command=envelope["command"].get("type", "command"),
            principal=principal,
        ),
    )


def asked_words(argv: list[str]) -> tuple[str, ...]:
    """The command words of a command line, up to its first option (`--lang X` aside)."""
    words: list[str] = []
    args = lang_first(argv)
    while args and args[0].startswith("--lang"):  # moved to the front, with their values
        args = args[2:] if args[0] == "--lang" else args[1:]
    for arg in args:
        if arg.startswith("-"):
            break
        words.append(arg)
    return tuple(words)


if Path(sys.argv[0]).name == "isonomia":  # started as the script: build what is asked
    generated.ASKED = asked_words(sys.argv[1:])
for _area in AREAS:
    _area.register(app)
sign_write_commands(
    app, {path for area in AREAS for path in getattr(area, "COMMANDS", {}).values()}
)


def only_asked(group: typer.Typer, words: tuple[str, ...]) -> typer.Typer:
    """`group` with only the command or group the words name (recursively), when they name
    one: Typer builds the click command of every command it holds before running any, about
    2 ms each, and a read needs one. Words that name nothing keep the whole group, so an
    unknown command is answered with the full list, and so is `isonomia --help`."""
    if not words:
        return group
    commands = [
        info
        for info in group.registered_commands
        if words[0] == (info.name or get_command_name(getattr(info.callback, "__name__", "")))
    ]
    groups = [copy.copy(info) for info in group.registered_groups if _name_of(info) == words[0]]
    if not commands and not groups:
        return group
    pruned = copy.copy(group)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    for info in groups:
        if info.typer_instance is not None:
            info.typer_instance = only_asked(info.typer_instance, words[1:])
    return pruned


def _name_of(info: TyperInfo) -> str | None:
    for name in (info.name, info.typer_instance and info.typer_instance.info.name):
        if isinstance(name, str):
            return name
    return None


def run() -> None:
    try:
        only_asked(app, asked_words(sys.argv[1:]))()
    except BrokenPipeError:
        # The reader went away (`isonomia ledger show | head`): stop quietly.
        raise SystemExit(quiet_exit().exit_code) from None


__all__ = ["AREAS", "REFUSED", "app", "run"]
