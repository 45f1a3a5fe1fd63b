"""The device key page: a key made in the browser, registered, then proved for the account.

    GET  /device            make this device's key (non-extractable WebCrypto Ed25519, kept in
                            IndexedDB), show its public half for the council to register,
                            and say whom the account acts for
    POST /device/challenge  a challenge for the account to sign with the device's key
    POST /device/bind       the signed challenge: the account now acts for the key's principal

The account acts for nobody until its device's key, once registered, signs a challenge:
the server checks the signature against the key register and records which key proved it.
The private key never leaves the browser. Both POSTs check the CSRF token and answer in
JSON, `{"ok": …, "line": …}`, in the page's language.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from isonomia.service import (
    Refused,
    ServiceError,
    translator,
)
from isonomia.web.auth import SESSION_COOKIE
from isonomia.web.page_support import Page, check_csrf, page, render
from isonomia.web.page_texts import N_
from isonomia.web.problems import status_of
from isonomia.web.translated_errors import Said, detail_in

__all__ = ["HTML_PAGES", "JSON_PAGES"]


def device(request: Request) -> Response:
    return render(page(request), "device.html")


def _failed(p: Page, error: ServiceError) -> JSONResponse:
    speak = translator(p.language)
    line = speak.line(error.refusal) if isinstance(error, Refused) else error.line()
    if not isinstance(error, Refused):
        line = detail_in(speak, error, line)
    return JSONResponse({"ok": False, "line": line}, status_code=status_of(error))


async def _request(request: Request) -> tuple[Page, dict[str, Any]]:
    """The page of a signed-in account and its JSON body, once the CSRF token is checked."""
    check_csrf(request, None)
    p = await run_in_threadpool(page, request)
    if p.account is None:
        raise Said(403, N_("Sign in first."))
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise Said(400, N_("the body is not JSON")) from None
    if not isinstance(body, dict) or not all(isinstance(v, str) for v in body.values()):
        raise Said(422, N_("give the key id, or the challenge and its signature"))
    return p, body


def _challenge(p: Page, key_id: str) -> dict[str, Any]:
    assert p.account is not None
    made = p.request.app.state.accounts.challenge(p.account.name, key_id)
    message = base64.b64encode(made.message).decode("ascii")
    return {"ok": True, "challenge": made.nonce, "message": message, "principal": made.principal}


async def challenge(request: Request) -> Response:
    p, body = await _request(request)
    try:
        made = await run_in_threadpool(_challenge, p, body.get("key_id", ""))
    except ServiceError as error:
        return _failed(p, error)
    return JSONResponse(made)


def _bind(p: Page, nonce: str, signature: str) -> dict[str, Any]:
    assert p.account is not None
    session = p.request.cookies.get(SESSION_COOKIE)
    bound = p.request.app.state.accounts.bind(p.account.name, nonce, signature, session)
    line = p.gettext(N_("This account now acts for {principal}.")).format(principal=bound.principal)
    return {"ok": True, "line": line, "principal": bound.principal}


async def bind(request: Request) -> Response:
    p, body = await _request(request)
    nonce, signature = body.get("challenge", ""), body.get("signature", "")
    try:
        return JSONResponse(await run_in_threadpool(_bind, p, nonce, signature))
    except ServiceError as error:
        return _failed(p, error)


Routes = list[tuple[str, Callable[[Request], Any], list[str], str]]
#: (path, endpoint, methods, name) of the device page, answering in HTML…
HTML_PAGES: Routes = [("/device", device, ["GET"], "page-device")]
#: …and of the calls its script makes, answering in JSON.
JSON_PAGES: Routes = [
    ("/device/challenge", challenge, ["POST"], "page-device-challenge"),
    ("/device/bind", bind, ["POST"], "page-device-bind"),
]
