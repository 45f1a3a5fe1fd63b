"""The pages' forms that act: signing in and out, commands signed in the browser, and a
member's export.

A command issued from a page is signed on the person's own device: the page's script keeps
a non-extractable WebCrypto Ed25519 key in IndexedDB (made, registered and proved on
`/device`, `pages_device`), asks `POST /sign/{Name}/prepare` for the exact bytes to sign
(checking the CSRF token, and filling in the account's principal and the page's day),
signs them, and posts the envelope to the one write route, the API's
`POST /api/v1/commands/{Name}` (`web/commands.py`), as any client does: the same checks,
the same refusals with the same statuses (`problems.status_of`). The server never sees the
private key; the envelope is the one `--sign-only` would write, and verifies offline like
it. The account acts for the command's signer only once it has proved one of its keys.
"""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from isonomia.service import (
    COMMAND_TYPES,
    SESSION_LIFETIME,
    SIGNING_ROLES,
    EnvelopeError,
    Refused,
    ServiceError,
    TooManyAttempts,
    Unauthenticated,
    now,
    prepare,
    queries,
    translator,
)
from isonomia.web.auth import SESSION_COOKIE
from isonomia.web.page_support import (
    CSRF_COOKIE,
    Page,
    check_csrf,
    new_csrf,
    page,
    path_name,
    render,
    set_csrf,
    shown,
)
from isonomia.web.page_texts import N_
from isonomia.web.problems import status_of
from isonomia.web.translated_errors import Said, detail_in

__all__ = ["HTML_PAGES", "JSON_PAGES"]


async def _form(request: Request) -> tuple[Page, dict[str, str]]:
    """The page and its form, once the form's CSRF token is checked."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_csrf(request, fields.get("csrf", ""))
    return await run_in_threadpool(page, request), fields


async def _json(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except ValueError:
        raise Said(400, N_("the body is not JSON")) from None


def _accounts_exist(p: Page) -> bool:
    return bool(p.request.app.state.accounts.list())


def login_form(request: Request) -> Response:
    p = page(request)
    return render(p, "login.html", error=None, accounts_exist=_accounts_exist(p))


def _signed_in(p: Page, name: str, password: str) -> Response:
    client = p.request.client
    try:
        secret = p.request.app.state.accounts.login(
            name[:63], password[:1024], client.host if client else None
        )
    except TooManyAttempts as error:
        wait = detail_in(translator(p.language), error, error.line())
        answer = render(p, "login.html", status_code=429, error=wait, accounts_exist=True)
        answer.headers["Retry-After"] = str(error.retry_after)
        return answer
    except Unauthenticated:
        wrong = p.gettext(N_("wrong name or password"))
        exist = _accounts_exist(p)
        return render(p, "login.html", status_code=401, error=wrong, accounts_exist=exist)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=p.request.url.scheme == "https",
        path="/",
    )
    set_csrf(response, p.request, new_csrf())
    return response


async def login(request: Request) -> Response:
    p, form = await _form(request)
    name, password = form.get("name", ""), form.get("password", "")
    return await run_in_threadpool(_signed_in, p, name, password)


def _signed_out(p: Page) -> Response:
    secret = p.request.cookies.get(SESSION_COOKIE)
    if secret:
        p.request.app.state.accounts.logout(secret)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    response.delete_cookie(CSRF_COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def logout(request: Request) -> Response:
    p, _ = await _form(request)
    return await run_in_threadpool(_signed_out, p)


def _signer(p: Page, name: str) -> str:
    """The principal a page may sign for: the account's own, with a signing role."""
    check_csrf(p.request, None)
    if name not in COMMAND_TYPES:
        raise Said(404, N_("no command {name}"), name=name)
    if p.account is None or p.account.role not in SIGNING_ROLES:
        raise Said(403, N_("sign in with an account that signs"))
    if p.account.principal is None:
        raise Said(403, N_("prove this device's key on the device key page first"))
    return p.account.principal


def _refusal(p: Page, error: ServiceError | EnvelopeError) -> JSONResponse:
    speak = translator(p.language)
    if isinstance(error, Refused):
        line = shown(speak.line(error.refusal))
    else:
        line = shown(error.line() if isinstance(error, ServiceError) else str(error))
    return JSONResponse({"ok": False, "line": line}, status_code=status_of(error))


def _prepared(p: Page, name: str, body: dict[str, Any]) -> dict[str, Any]:
    principal = _signer(p, name)
    fields = body.get("command")
    key_id = body.get("key_id")
    if not isinstance(fields, dict) or not isinstance(key_id, str):
        raise Said(422, N_("give the command and the key id"))
    fields = {**fields, "actor": principal}
    if p.at is not None and "at" not in fields:
        fields["at"] = p.at
    live = queries.clock(p.federation) != "simulated"
    prepared = prepare(name, fields, key_id, now(), live, p.federation.binding())
    unsigned = prepared.envelope(b"")
    unsigned["signature"] = ""
    return {"message": base64.b64encode(prepared.message).decode("ascii"), "envelope": unsigned}


async def prepare_command(request: Request) -> Response:
    p = await run_in_threadpool(page, request)
    body = await _json(request)
    if not isinstance(body, dict):
        raise Said(422, N_("give the command and the key id"))
    name = path_name(request, "name")
    try:
        return JSONResponse(await run_in_threadpool(_prepared, p, name, body))
    except ServiceError as error:
        return _refusal(p, error)


def export(request: Request) -> Response:
    """The member's export, for its own council or congress (P3)."""
    p = page(request)
    member = path_name(request, "member")
    if p.account is None or p.account.principal not in (f"congress:{member}", f"council:{member}"):
        raise Said(403, N_("the member's own council or congress"))
    folder = Path(tempfile.mkdtemp(prefix="isonomia-export-"))
    out = folder / f"{member}-export.json"
    p.federation.export_member(member, out)
    return FileResponse(
        out,
        media_type="application/json",
        filename=out.name,
        background=BackgroundTask(_remove, folder),
    )


def _remove(folder: Path) -> None:
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()


Routes = list[tuple[str, Callable[[Request], Any], list[str], str]]
#: (path, endpoint, methods, name) of the pages that act, answering in HTML.
HTML_PAGES: Routes = [
    ("/login", login_form, ["GET"], "page-login"),
    ("/login", login, ["POST"], "page-login-post"),
    ("/logout", logout, ["POST"], "page-logout"),
    ("/members/{member}/export", export, ["GET"], "page-export"),
]
#: …and those the pages' script calls, answering in JSON.
JSON_PAGES: Routes = [
    ("/sign/{name}/prepare", prepare_command, ["POST"], "page-prepare"),
]
