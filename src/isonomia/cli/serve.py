"""`isonomia serve`: the web interface and its API; `isonomia web`: its accounts.

The server runs under uvicorn over the same union as every other command (`--db`, or
$ISONOMIA_DATABASE_URL, or ./isonomia.db). `--demo` serves the worked example of
`isonomia demo`, playing it first when its file does not exist yet. Accounts are access to
the interface, not acts of the union: `isonomia web account add|list|disable` and
`isonomia web token create` manage them, for the secretariat's administrator.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, open_federation
from isonomia.cli.output import plain, refusals_exit

DEMO_DB = Path("isonomia-demo.db")

web_app = typer.Typer(help="Accounts of the web interface (not acts of the union).")
account_app = typer.Typer(help="Add, list and disable accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)
web_app.add_typer(account_app, name="account")
web_app.add_typer(token_app, name="token")


@refusals_exit
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    db: Db = None,
    demo: Annotated[
        bool, typer.Option("--demo", help=f"Serve the worked example ({DEMO_DB} unless --db).")
    ] = False,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1, max=64)] = 1,
) -> None:
    """Serve the web interface and its JSON API (/api/v1, described at /openapi.json)."""
    import uvicorn

    if demo:
        db = _demo_database(db)
    federation = open_federation(db)  # one line, not a server, when there is no union
    os.environ["ISONOMIA_DATABASE_URL"] = federation.db.url
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


@account_app.command("add")
@refusals_exit
def account_add(
    name: Annotated[str, typer.Argument()],
    principal: Annotated[str, typer.Option(help="Who the account acts for: person:…, council:…")],
    role: Annotated[
        str,
        typer.Option(
            help="public, delegate, council-secretary, executive, inspector or administrator."
        ),
    ],
    password: Annotated[
        str | None,
        typer.Option(
            envvar="ISONOMIA_WEB_PASSWORD",
            help="Its password (asked at a terminal when left out).",
        ),
    ] = None,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="Scripts only: signs in with API tokens.")
    ] = False,
    db: Db = None,
) -> None:
    """Add an account of the web interface, bound to a principal, in a role."""
    import sys

    from isonomia.service import Accounts

    accounts = Accounts(open_federation(db))
    if password is None and not no_password and sys.stdin.isatty():
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    account = accounts.add(name, principal, role, None if no_password else password)
    how = "signs in with a password" if password and not no_password else "API tokens only"
    plain.print(
        f"account {account.name}: {account.role} for {account.principal} ({how})",
        markup=False,
        highlight=False,
    )


@account_app.command("list")
@refusals_exit
def account_list(db: Db = None) -> None:
    """Every account, its principal and role."""
    from isonomia.service import Accounts

    rows = Accounts(open_federation(db)).list()
    if not rows:
        plain.print("no accounts yet: add one with `isonomia web account add`")
    for a in rows:
        state = "  (disabled)" if a.disabled else ""
        plain.print(f"{a.name}  {a.role}  {a.principal}{state}", markup=False, highlight=False)


@account_app.command("disable")
@refusals_exit
def account_disable(name: Annotated[str, typer.Argument()], db: Db = None) -> None:
    """Disable an account: its sessions end and its tokens stop working."""
    from isonomia.service import Accounts

    Accounts(open_federation(db)).disable(name)
    plain.print(f"account {name} disabled", highlight=False)


@token_app.command("create")
@refusals_exit
def token_create(
    account: Annotated[str, typer.Argument()],
    key_id: Annotated[str, typer.Option("--key-id", help="The registered key it signs with.")],
    db: Db = None,
) -> None:
    """Make an API token for a script of the account (shown once, stored hashed)."""
    from isonomia.service import Accounts

    token = Accounts(open_federation(db)).create_token(account, key_id)
    print(token)


def register(app: typer.Typer) -> None:
    """Add `isonomia serve` and `isonomia web` to the CLI."""
    app.command("serve")(serve)
    app.add_typer(web_app, name="web")
