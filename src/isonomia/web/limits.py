"""Limits on what a request may bring, refused before the application reads it: a body
larger than the limit (413, by its `Content-Length` or as it streams in), and a query
parameter holding what no input may hold (400: a control character, `domain/inputs.py`)."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from isonomia.service import unfit
from isonomia.web.page_texts import N_
from isonomia.web.problems import problem, request_translator
from isonomia.web.translated_errors import Said

__all__ = ["MAX_BODY", "BodyLimit", "PlainQuery", "ReadOnly"]

#: The largest body accepted: a signed command with a whole charter fits many times over.
MAX_BODY = 1024 * 1024


class _TooLarge(Said):
    """Raised from `receive` as the body streams past the limit: FastAPI lets an HTTP
    exception through its body parsing, and the app answers it as a 413 problem."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, N_("the body is larger than {limit} bytes"), limit=limit)


class BodyLimit:
    """ASGI middleware refusing bodies over `limit` bytes with a 413 problem."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.limit
            except ValueError:
                too_large = False
            if too_large:
                await self._refuse(send)
                return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(self.limit)
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "type": "about:blank",
                "title": "request too large",
                "status": 413,
                "detail": f"the body is larger than {self.limit} bytes",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class PlainQuery:
    """ASGI middleware refusing with a 400 problem, naming it, a query parameter that holds
    a control character: no route, page or database reads it (NUL is no text to PostgreSQL)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            request = Request(scope)
            for key, value in request.query_params.multi_items():
                found = unfit(key) or unfit(value)
                if found is None:
                    continue
                where = "query" if unfit(key) else f"query.{key}"
                speak = request_translator(request)
                detail = speak.gettext(found.msgid).format(where=where, **found.params)
                answer = problem(request, 400, "invalid", N_("bad request"), detail)
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)


#: Methods a member's read-only node answers; every other is a write, for the union's server.
READS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnly:
    """ASGI middleware of a member's node served read-only: every write is refused with a
    405 problem, one line pointing to the union's server (P18: the node is a copy)."""

    def __init__(self, app: ASGIApp, union: str = "") -> None:
        self.app = app
        self.union = union

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method", "GET") not in READS:
            request = Request(scope)
            speak = request_translator(request)
            where = self.union or speak.gettext(N_("the union's server"))
            detail = speak.gettext(
                N_("refused (P18): this is a member's read-only copy; send writes to {where}")
            ).format(where=where)
            answer = problem(request, 405, "read-only", N_("read-only"), detail)
            await answer(scope, receive, send)
            return
        await self.app(scope, receive, send)
