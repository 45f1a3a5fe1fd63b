"""The server's checkpoint timer (P18): while the app runs, a background task looks every
`CheckpointTimer.pause()` seconds and signs a checkpoint at most the charter's
`[transparency] checkpoint_within_seconds` after a write no checkpoint covers yet
(`isonomia.service.checkpoint_timer`). A member's node (read-only) signs nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from isonomia.service import CheckpointTimer, Federation

__all__ = ["keep_checkpoints", "lifespan_of"]

_log = logging.getLogger("isonomia.transparency")


async def keep_checkpoints(timer: CheckpointTimer) -> None:
    """Look, sign when due, wait, until cancelled; a failed look is said once, not fatal."""
    said = ""
    while True:
        try:
            await run_in_threadpool(timer.tick)
            pause = await run_in_threadpool(timer.pause)
            said = ""
        except Exception as error:  # the server keeps serving: say it, look again later
            if str(error) != said:
                said = str(error)
                _log.warning("the checkpoint timer failed: %s", error)
            pause = 5.0
        await asyncio.sleep(pause)


def lifespan_of(
    federation: Federation, *, sign: bool
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the timer runs (when ``sign``) while the app is up."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(keep_checkpoints(CheckpointTimer(federation))) if sign else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task

    return lifespan
