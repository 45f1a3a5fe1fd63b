"""`isonomia grove plant TREE`, `isonomia grove list`."""

from __future__ import annotations

import typer

from isonomia.cli.common import Db, open_federation, report
from isonomia.cli.output import plain, refusals_exit
from isonomia.cli.signing import sign_and_submit
from isonomia.service import new_command_id, now

grove_app = typer.Typer(help="The union's grove.", no_args_is_help=True)

COMMANDS = {"PlantTree": "grove plant"}


@grove_app.command("plant")
@refusals_exit
def plant(tree: str, db: Db = None) -> None:
    """Plant a tree."""
    from grove.domain import PlantTree

    federation = open_federation(db)
    command = PlantTree(command_id=new_command_id(), actor="secretariat", at=now(), tree=tree)
    report(sign_and_submit(federation, command), f"planted {tree}")


@grove_app.command("list")
@refusals_exit
def list_trees(db: Db = None) -> None:
    """The trees."""
    from grove.queries import trees

    for tree in trees(open_federation(db)):
        plain.print(tree)


def register(app: typer.Typer) -> None:
    app.add_typer(grove_app, name="grove")
