"""`isonomia grove plant TREE` (generated from the command's model), `isonomia grove list`."""

from __future__ import annotations

import typer

from isonomia.cli.common import Db, open_federation
from isonomia.cli.generated import add_writes
from isonomia.cli.output import plain, refusals_exit
from isonomia.cli.writes import SECRETARIAT, Write, commands_of

grove_app = typer.Typer(help="The union's grove.", no_args_is_help=True)

#: The grove's write command, built from PlantTree's fields (`cli/generated.py`).
WRITES = (Write("PlantTree", "grove plant", "planted {tree}", SECRETARIAT, arguments=("tree",)),)
COMMANDS = commands_of(WRITES)


@grove_app.command("list")
@refusals_exit
def list_trees(db: Db = None) -> None:
    """The trees."""
    from grove.queries import trees

    for tree in trees(open_federation(db)):
        plain.print(tree)


def register(app: typer.Typer) -> None:
    add_writes(app, {"grove": grove_app}, WRITES)
    app.add_typer(grove_app, name="grove")
