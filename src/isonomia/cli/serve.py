"""`isonomia serve`: the web interface and its JSON API.

The server runs under uvicorn over the same union as every other command (`--db`, or
$ISONOMIA_DATABASE_URL, or ./isonomia.db). `--demo` serves the worked example of
`isonomia demo`, playing it first when its file does not exist yet. The interface's
accounts are managed by `isonomia web` (`cli/web_accounts.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, open_federation
from isonomia.cli.output import plain, refusals_exit

DEMO_DB = Path("isonomia-demo.db")


@refusals_exit
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    db: Db = None,
    demo: Annotated[
        bool, typer.Option("--demo", help=f"Serve the worked example ({DEMO_DB} unless --db).")
    ] = False,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1, max=64)] = 1,
    read_only: Annotated[
        bool,
        typer.Option("--read-only", help="Serve a member node's copy: reads only, writes refused."),
    ] = False,
    union: Annotated[
        str | None,
        typer.Option("--union", help="With --read-only: the union's server, for writes."),
    ] = None,
) -> None:
    """Serve the web interface and its JSON API (/api/v1, described at /openapi.json)."""
    import uvicorn

    if demo:
        db = _demo_database(db)
    federation = open_federation(db)  # one line, not a server, when there is no union
    os.environ["ISONOMIA_DATABASE_URL"] = federation.db.url
    if read_only:
        os.environ["ISONOMIA_READ_ONLY"] = union or "-"
    else:
        os.environ.pop("ISONOMIA_READ_ONLY", None)
    federation.close()
    plain.print(f"serving {federation.describe_url()} at http://{host}:{port}/", highlight=False)
    uvicorn.run(
        "isonomia.web.app:factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def _demo_database(db: str | None) -> str:
    """The worked example's database, played first if it is not there yet."""
    from isonomia.cli.demo import demo as play_demo

    path = Path(db) if db else DEMO_DB
    if not path.exists():
        play_demo(db=path, exports=None, hint=False)
    return f"sqlite:///{path}"


def register(app: typer.Typer) -> None:
    """Add `isonomia serve` to the CLI."""
    app.command("serve")(serve)
