"""`isonomia`: the command line of a federation's secretariat, members and inspectors.

Each area adds its commands from a module named after it (see `AREAS`); this module holds
the application, `init`, and the wiring.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli import (
    appeals,
    audit_commands,
    competences,
    conferences,
    demo,
    departments,
    directives,
    ledger,
    membership,
    motions,
    organs,
    presidency,
    voting_commands,
)
from isonomia.cli.common import At, Db, moment, report
from isonomia.cli.output import REFUSED, plain, quiet_exit, refusals_exit

app = typer.Typer(
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
        plain.print(f"isonomia {number}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Governance of a voluntary federation of equal members."""


#: The CLI of each area, in the order `isonomia --help` lists them.
AREAS = (
    membership,
    presidency,
    organs,
    motions,
    appeals,
    directives,
    departments,
    conferences,
    competences,
    ledger,
    audit_commands,
    voting_commands,
    demo,
)


@app.command()
@refusals_exit
def init(
    charter: Annotated[
        Path | None, typer.Option(help="Charter TOML file (default: the 1922 example).")
    ] = None,
    db: Db = None,
    at: At = None,
) -> None:
    """Create the union database and record its charter as the first ledger entry."""
    from isonomia.service import BadRequest, Federation, example_charter

    federation = Federation(db)
    if federation.exists():
        raise BadRequest(
            f"{federation.describe_url()} already holds a union; "
            "the charter changes only by amendment (P10)"
        )
    path = charter or example_charter("union-1922")
    outcome = federation.initialize(path, at=moment(at))
    adopted = federation.charter()
    report(outcome, f"charter of {adopted.union.name} ({path.name})")
    plain.print(f"database: {federation.describe_url()}")


for _area in AREAS:
    _area.register(app)


def run() -> None:
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`isonomia ledger show | head`): stop quietly.
        raise SystemExit(quiet_exit().exit_code) from None


__all__ = ["AREAS", "REFUSED", "app", "run"]
