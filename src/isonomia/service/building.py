"""Building commands from an interface's input: bad input becomes one line naming the field."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from isonomia.domain import Candidate
from isonomia.domain.refusal import N_
from isonomia.service.errors import BadRequest

__all__ = ["make"]

M = TypeVar("M", bound=BaseModel)


def make(cls: type[M], **fields: Any) -> M:
    """Build a command (or a part of one); bad input becomes a `BadRequest` naming the field."""
    try:
        return cls(**fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = _path(cls, tuple(first["loc"]))
        message = str(first["msg"]).removeprefix("Value error, ")
        found = re.search(r" \((P\d+)\)$", message)
        if found:
            message = message[: found.start()]
            raise BadRequest.of(
                N_("refused ({principle}): {where}: {message}"),
                principle=found.group(1),
                where=where,
                message=message,
            ) from error
        raise BadRequest.of(
            N_("refused: {where}: {message}"), where=where, message=message
        ) from error


def _path(cls: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    path = cls.__name__[0].lower() + cls.__name__[1:] if cls is Candidate else ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
