"""CLI of the register of competences (P10, P11)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import (
    At,
    Db,
    On,
    day_of,
    open_federation,
    record,
    table,
)
from isonomia.cli.output import (
    console,
    refusals_exit,
)

if TYPE_CHECKING:
    pass

competences_app = typer.Typer(
    help="The register of competences, joint or reserved (P10, P11).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {"SetCompetence": "competences set"}


@competences_app.command("show")
@refusals_exit
def competences_show(on: On = None, db: Db = None) -> None:
    """The register of competences as of a date: joint fields and the members' own (P10)."""
    from isonomia.service import queries

    rows = queries.competences(open_federation(db), day_of(on))
    console.print(
        table(
            f"Competences on {day_of(on)}",
            ["field", "kind", "since", "by"],
            [[r.field, r.kind, r.since, r.by] for r in rows],
        )
    )


@competences_app.command("history")
@refusals_exit
def competences_history(
    field: Annotated[str | None, typer.Argument(help="One field (default: all).")] = None,
    db: Db = None,
) -> None:
    """Every change to the register, from the charter on (P10)."""
    from isonomia.service import queries

    rows = queries.competence_history(open_federation(db), field)
    console.print(
        table(
            "Register of competences: history",
            ["field", "kind", "since", "by"],
            [[r.field, r.kind, r.since, r.by] for r in rows],
        )
    )


@competences_app.command("set")
@refusals_exit
def competences_set(
    field: Annotated[str, typer.Argument()],
    kind: Annotated[str, typer.Argument(help="joint or reserved.")],
    actor: Annotated[str, typer.Option()] = "organ:union-council",
    at: At = None,
    db: Db = None,
) -> None:
    """Change a field directly: refused, fields change only by charter amendment (P10)."""
    from isonomia.service import SetCompetence

    record(db, SetCompetence, actor, at, f"{field} set to {kind}", field=field, kind=kind)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(competences_app, name="competences")
