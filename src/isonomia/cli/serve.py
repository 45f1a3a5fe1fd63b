"""`isonomia serve`: the web interface and its JSON API.

The server runs under uvicorn over the same union as every other command (`--db`, or
$ISONOMIA_DATABASE_URL, or ./isonomia.db). `--demo` serves the worked example of
`isonomia demo`, playing it first when its file does not exist yet. The interface's
accounts are managed by `isonomia web` (`cli/web_accounts.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import Db, open_federation
from isonomia.cli.output import fail, plain, refusals_exit

if TYPE_CHECKING:
    from isonomia.service import DemoAccount, Federation

DEMO_DB = Path("isonomia-demo.db")

TlsCert = Annotated[
    Path | None,
    typer.Option(
        "--tls-cert",
        exists=True,
        dir_okay=False,
        help="Serve HTTPS with this certificate (PEM, with its chain); with --tls-key.",
    ),
]
TlsKey = Annotated[
    Path | None,
    typer.Option(
        "--tls-key", exists=True, dir_okay=False, help="The certificate's private key (PEM)."
    ),
]
Admin = Annotated[
    str | None,
    typer.Option(
        "--admin",
        help="When the union has no web account yet: add the administrator's, NAME "
        "(its password from $ISONOMIA_WEB_PASSWORD, or asked at a terminal).",
    ),
]


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
    tls_cert: TlsCert = None,
    tls_key: TlsKey = None,
    admin: Admin = None,
) -> None:
    """Serve the web interface and its JSON API (/api/v1, described at /openapi.json)."""
    import uvicorn

    if demo:
        db = _demo_database(db)
    federation = open_federation(db)  # one line, not a server, when there is no union
    _way_in(federation, admin)
    os.environ["ISONOMIA_DATABASE_URL"] = federation.db.url
    if read_only:
        os.environ["ISONOMIA_READ_ONLY"] = union or "-"
    else:
        os.environ.pop("ISONOMIA_READ_ONLY", None)
    federation.close()
    if (tls_cert is None) != (tls_key is None):
        raise fail("--tls-cert and --tls-key go together: give both, or neither")
    scheme = "https" if tls_cert is not None else "http"
    plain.print(
        f"serving {federation.describe_url()} at {scheme}://{host}:{port}/", highlight=False
    )
    if tls_cert is None and host not in LOCAL_HOSTS:
        plain.print(INSECURE, markup=False, highlight=False)
    uvicorn.run(
        "isonomia.web.app:factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
    )


#: Names a browser treats as a secure context over plain HTTP.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: Why plain HTTP on another name is not enough to sign in the browser.
INSECURE = (
    "warning: plain HTTP on a name other than localhost: browsers give the pages no "
    "WebCrypto there (not a secure context), so nobody can sign from them; serve HTTPS with "
    "--tls-cert/--tls-key, or behind a reverse proxy that does (docs/web.md)"
)


def _demo_database(db: str | None) -> str:
    """The worked example's database, played first if it is not there yet (which prints
    its web accounts); else its accounts are printed again from beside its file."""
    from isonomia.cli.demo import demo as play_demo
    from isonomia.cli.demo import print_demo_accounts
    from isonomia.service import read_demo_accounts

    path = Path(db) if db else DEMO_DB
    if not path.exists():
        play_demo(db=path, exports=None, hint=False)
    else:
        print_demo_accounts(read_demo_accounts(path) or _demo_accounts(path), path)
    return f"sqlite:///{path}"


def _demo_accounts(path: Path) -> list[DemoAccount]:
    """The example's accounts, added now to a file played before they were made (when its
    keyring is beside it and it has no account yet)."""
    from isonomia.service import Accounts, Keyring, add_demo_accounts, bootstrap

    folder = Path(f"{path}.keys")
    if not folder.is_dir():
        return []
    keyring = Keyring(folder)
    federation = bootstrap(f"sqlite:///{path}", keyring=keyring)
    try:
        if Accounts(federation).list():
            return []
        return add_demo_accounts(federation, keyring, path)
    finally:
        federation.close()


def _way_in(federation: Federation, admin: str | None) -> None:
    """With no web account yet, add the administrator's when `--admin` names it, else say
    how to add it: nobody can sign in before."""
    import sys

    from isonomia.service import Accounts

    accounts = Accounts(federation)
    if accounts.list():
        if admin is not None:
            plain.print(
                f"--admin {admin}: ignored, this union has web accounts already "
                "(add more with `isonomia web account add`)",
                markup=False,
                highlight=False,
            )
        return
    if admin is None:
        url = federation.describe_url()
        plain.print(
            "no web account yet, so nobody can sign in: add the administrator's with\n"
            f"  isonomia web account add NAME --role administrator --db {url}\n"
            "or start with `isonomia serve --admin NAME`; the administrator then adds the "
            "others (`isonomia web account add NAME --role ROLE`, or POST /api/v1/accounts)",
            markup=False,
            highlight=False,
        )
        return
    password = os.environ.get("ISONOMIA_WEB_PASSWORD")
    if password is None and sys.stdin.isatty():
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if password is None:
        raise fail("--admin needs a password: set $ISONOMIA_WEB_PASSWORD or run it at a terminal")
    accounts.add(admin, "administrator", password)
    plain.print(
        f"account {admin}: administrator, signs in at /login and adds the other accounts",
        markup=False,
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add `isonomia serve` to the CLI."""
    app.command("serve")(serve)
