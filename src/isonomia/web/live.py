"""Live updates: `GET /events` streams the ledger's head as server-sent events.

Each event (`head`) carries the ledger's length, the hash of its last entry and the size of
its latest checkpoint; it is sent when a client connects, whenever a new entry lands and
whenever a checkpoint is signed (a vote's proof is then ready). The pages listen and reload
the parts of themselves that are marked live, so a vote cast elsewhere shows up without a
reload.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from isonomia.service import Federation, Transparency
from isonomia.web.page_support import federation_of

__all__ = ["PAGES", "POLL_SECONDS", "head_of"]

#: How often the stream looks at the ledger's head.
POLL_SECONDS = 0.5


def head_of(federation: Federation) -> dict[str, object]:
    """The ledger's length, its last entry's hash, and the size of its latest checkpoint."""
    length = federation.ledger_length()
    last = next(iter(federation.entries(after=length - 1)), None) if length else None
    checkpoint = Transparency(federation).head()
    return {
        "length": length,
        "hash": last.hash if last is not None else "",
        "checkpoint": checkpoint.size if checkpoint is not None else 0,
    }


async def heads(request: Request, federation: Federation) -> AsyncIterator[dict[str, str]]:
    """The head now, then each new head, until the client goes away."""
    sent: dict[str, object] | None = None
    while not await request.is_disconnected():
        head = await run_in_threadpool(head_of, federation)
        if head != sent:
            sent = head
            yield {"event": "head", "data": json.dumps(head)}
        await asyncio.sleep(POLL_SECONDS)


async def events(request: Request) -> Response:
    """The stream of the ledger's head."""
    return EventSourceResponse(heads(request, federation_of(request)), ping=15)


#: (path, endpoint, methods, name) of the stream.
PAGES: list[tuple[str, Callable[[Request], Any], list[str], str]] = [
    ("/events", events, ["GET"], "events"),
]
