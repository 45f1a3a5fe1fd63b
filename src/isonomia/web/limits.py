"""A limit on the size of request bodies: a larger one is refused with 413 before the
application reads it (by its `Content-Length`, or as it streams in)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from isonomia.web.page_texts import N_
from isonomia.web.said import Said

__all__ = ["MAX_BODY", "BodyLimit"]

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
