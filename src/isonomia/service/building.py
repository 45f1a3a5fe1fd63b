"""Building commands from an interface's input: bad input becomes one line naming the field.

This is the service's door for new commands: `make` (every command an interface builds) and
`check_signed` (every signed command submitted, however it was built) refuse a value no
input may hold (`domain/inputs.py`: a control character, a number past the record's JSON, a
time with no reading in UTC) before any signature, rule or database sees it. The command
models themselves do not, so a record made before these checks still reads and replays.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from isonomia.charter.model import Charter
from isonomia.domain import COMMAND_TYPES, AdoptCharter, Candidate, actors
from isonomia.domain.inputs import Unfit, unfit
from isonomia.domain.refusal import N_
from isonomia.service.errors import BadRequest

__all__ = ["charter_command", "check_signed", "make", "refuse_unfit", "unfit_said"]

M = TypeVar("M", bound=BaseModel)


def new_command_id() -> str:
    """A new command's id (a random UUID)."""
    return str(uuid.uuid4())


def make(cls: type[M], **fields: Any) -> M:
    """Build a command (or a part of one); bad input becomes a `BadRequest` naming the field."""
    _refuse_unfit_fields(cls, fields)
    try:
        built = cls(**fields)
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
    _refuse_unfit_fields(cls, _values(built))  # times, once read from their text
    return built


def charter_command(charter: Charter, at: datetime, clock: str) -> AdoptCharter:
    """The charter's first command, by the secretariat, checked as any new command is (a
    charter's text holds no control character either)."""
    return make(
        AdoptCharter,
        command_id=new_command_id(),
        actor=actors.SECRETARIAT,
        at=at,
        charter=charter.model_dump(mode="json"),
        clock="simulated" if clock == "simulated" else "live",
    )


def check_signed(command: Any) -> None:
    """Refuse a signed command's body (an envelope's `command`) that holds what no input
    may hold, naming the field; anything else wrong with it is for `authenticate` to say."""
    if not isinstance(command, Mapping):
        return
    fields = {name: value for name, value in command.items() if name != "type"}
    cls = COMMAND_TYPES.get(str(command.get("type")))
    _refuse_unfit_fields(cls or BaseModel, fields)
    if cls is not None:
        try:
            built = cls.model_validate(fields)
        except ValidationError:
            return
        _refuse_unfit_fields(cls, _values(built))


def _values(built: BaseModel) -> dict[str, Any]:
    return {name: getattr(built, name) for name in type(built).model_fields}


def _refuse_unfit_fields(cls: type[BaseModel], fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        found = unfit(value)
        if found is not None:
            raise unfit_said(_path(cls, (name,)), found)


def _path(cls: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    path = cls.__name__[0].lower() + cls.__name__[1:] if cls is Candidate else ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def unfit_said(where: str, found: Unfit) -> BadRequest:
    """The bad input an unfit value is (`domain/inputs.py`), naming `where` it was given."""
    return BadRequest.of(found.msgid, where=where + found.within, **found.params)


def refuse_unfit(where: str, value: Any) -> None:
    """Refuse a value from outside (an argument, a query parameter) holding what no input
    may hold: a control character, a number past the record's JSON, a time with no UTC."""
    found = unfit(value)
    if found is not None:
        raise unfit_said(where, found)
