"""`isonomia web`: the accounts of the web interface, which are access to it, not acts of
the union.

`isonomia web account add|list|disable` manage them, for the secretariat's administrator.
An account acts for a principal only once the holder of one of the principal's registered
keys proves it (`isonomia web account bind NAME --key FILE`, or in the browser);
`isonomia web token create NAME --key FILE` makes a script's token the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, open_federation
from isonomia.cli.formats import Csv, Json, emit
from isonomia.cli.output import plain, refusals_exit

web_app = typer.Typer(help="Accounts of the web interface (not acts of the union).")
account_app = typer.Typer(help="Add, list and disable accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for scripts.", no_args_is_help=True)
web_app.add_typer(account_app, name="account")
web_app.add_typer(token_app, name="token")


@account_app.command("add")
@refusals_exit
def account_add(
    name: Annotated[str, typer.Argument()],
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
    principal: Annotated[
        str | None,
        typer.Option(hidden=True, help="Refused: an account proves its principal's key (P18)."),
    ] = None,
    db: Db = None,
) -> None:
    """Add an account of the web interface in a role; it acts for no principal until it
    proves one of the principal's keys (`isonomia web account bind`)."""
    import sys

    from isonomia.service import Accounts

    accounts = Accounts(open_federation(db))
    if principal is None and password is None and not no_password and sys.stdin.isatty():
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    account = accounts.add(name, role, None if no_password else password, principal=principal)
    how = "signs in with a password" if password and not no_password else "API tokens only"
    plain.print(
        f"account {account.name}: {account.role}, acting for no principal until it proves "
        f"a key ({how})",
        markup=False,
        highlight=False,
    )


KeyFileOption = Annotated[
    Path,
    typer.Option(
        "--key",
        envvar="ISONOMIA_KEY",
        help="The private key file (PEM) of a registered key of the principal.",
    ),
]


@account_app.command("bind")
@refusals_exit
def account_bind(name: Annotated[str, typer.Argument()], key: KeyFileOption, db: Db = None) -> None:
    """Prove that the account holds a registered key: it then acts for the key's principal."""
    from isonomia.service import Accounts, KeyFile

    account = Accounts(open_federation(db)).bind_with_key(name, KeyFile(key).key)
    plain.print(
        f"account {account.name}: acts for {account.principal}, proved by key {account.bound_with}",
        markup=False,
        highlight=False,
    )


@account_app.command("list")
@refusals_exit
def account_list(db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """Every account, its role, and the principal whose key it proved."""
    from isonomia.service import Accounts

    rows: list[dict[str, object]] = [
        {
            "name": a.name,
            "principal": a.principal,
            "key_id": a.bound_with,
            "role": a.role,
            "disabled": a.disabled,
        }
        for a in Accounts(open_federation(db)).list()
    ]
    columns = ["name", "principal", "key_id", "role", "disabled"]
    emit(rows, lambda: _describe(rows), as_json, as_csv, columns)


def _describe(rows: list[dict[str, object]]) -> None:
    if not rows:
        plain.print("no accounts yet: add one with `isonomia web account add`")
    for a in rows:
        state = "  (disabled)" if a["disabled"] else ""
        bound = f"{a['principal']} (key {a['key_id']})" if a["principal"] else "no principal yet"
        line = f"{a['name']}  {a['role']}  {bound}{state}"
        plain.print(line, markup=False, highlight=False)


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
    account: Annotated[str, typer.Argument()], key: KeyFileOption, db: Db = None
) -> None:
    """Make an API token for a script of the account, tied to the key the file holds, which
    it proves (shown once, stored hashed)."""
    from isonomia.service import Accounts, KeyFile

    token = Accounts(open_federation(db)).token_with_key(account, KeyFile(key).key)
    print(token)


def register(app: typer.Typer) -> None:
    """Add `isonomia web` to the CLI."""
    app.add_typer(web_app, name="web")
