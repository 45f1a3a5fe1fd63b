"""The web application: `create_app(url)` builds it over one union database.

    /api/v1/commands/{Name}          a signed command (commands.py)
    /api/v1/commands/{Name}/prepare  what to sign for it
    /api/v1/…                        the published record (queries.py)
    /api/v1/session, /me, /accounts  signing in, and the administrator's accounts
    /openapi.json, /docs, /redoc     the API's description (Swagger UI and ReDoc from
                                     packaged assets: they work offline)

The HTML pages, when present, live in `isonomia.web.pages` (a module with
`install(app)`); they are mounted last, on the same app, and use the same dependencies
(`isonomia.web.auth.current_account`, `allow`).

`isonomia serve` runs it under uvicorn; with several workers each process builds its own
app from `$ISONOMIA_DATABASE_URL` through `factory`, and every command still goes through
`Federation.submit`, one transaction holding the append lock: they act as one server.
"""

from __future__ import annotations

import importlib
import importlib.util
import os

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from isonomia.service import Accounts, Federation, bootstrap
from isonomia.web import accounts, commands, problems, queries
from isonomia.web.checkpoint_loop import lifespan_of
from isonomia.web.ledger import node_routes
from isonomia.web.limits import MAX_BODY, BodyLimit, PlainQuery, ReadOnly

__all__ = ["PAGES", "READ_ONLY_VAR", "create_app", "factory"]

#: Set by `isonomia serve --read-only` for its workers: the union's address (or "-").
READ_ONLY_VAR = "ISONOMIA_READ_ONLY"

PAGES = "isonomia.web.pages"
#: Where the API's documentation pages find their scripts and styles (shipped, offline).
DOCS_ASSETS = "/static/docs"


def create_app(
    url: str | None = None,
    *,
    federation: Federation | None = None,
    max_body: int = MAX_BODY,
    pages: bool = True,
    read_only: str | None = None,
) -> FastAPI:
    """The application over the union at `url` (or `federation`); refuses with
    `NotInitialized` when there is no union there. With `read_only` (the union's address,
    or ""), a member's node's copy: reads only, writes refused pointing there."""
    chosen = (federation or bootstrap(url)).open()
    # /docs (Swagger UI) and /redoc from assets the package ships, never from a CDN: they
    # work offline and load nothing from another site.
    app = FastAPIOffline(
        title="isonomia",
        summary="Governance of a voluntary federation of equal members.",
        version="1",
        openapi_url="/openapi.json",
        static_url=DOCS_ASSETS,
        favicon_url=f"{DOCS_ASSETS}/favicon.png",
        # a checkpoint at most `checkpoint_within_seconds` after a write (not on a node)
        lifespan=lifespan_of(chosen, sign=read_only is None),
    )
    app.state.federation = chosen
    app.state.accounts = Accounts(chosen)
    app.state.accounts.prepare_sign_in()
    problems.install(app)
    commands.install(app)
    queries.install(app)
    accounts.install(app)
    node_routes(app)
    if pages and importlib.util.find_spec(PAGES) is not None:
        importlib.import_module(PAGES).install(app)
    app.add_middleware(PlainQuery)
    app.add_middleware(BodyLimit, limit=max_body)
    if read_only is not None:
        app.add_middleware(ReadOnly, union=read_only)
    return app


def factory() -> FastAPI:
    """The app over `$ISONOMIA_DATABASE_URL` (for `uvicorn --factory`, each worker)."""
    read_only = os.environ.get(READ_ONLY_VAR)
    return create_app(None, read_only=None if read_only is None else read_only.strip("-"))
