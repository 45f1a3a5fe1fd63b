"""What a value from outside may hold, checked where it comes in: every field of every new
command (`service/building.py`: `make`, and `check_signed` for every signed command
submitted), the API's bodies and query parameters, and the command line's arguments.

- Text holds no control character but tab, line feed and carriage return (a text may be a
  paragraph, and a browser sends its line breaks as CR LF): the other C0 controls (NUL
  first: PostgreSQL cannot store it), DEL and the C1 controls are refused, since they drive
  terminals and mean nothing in a record. A lone surrogate (U+D800–U+DFFF, what a name in
  another encoding becomes on a command line) is no character at all: refused too.
- A whole number lies within ±(2**53 − 1): the record's canonical JSON holds no larger
  one exactly, and every database integer holds it.
- A time is aware and has a reading in UTC, within the years 1 to 9999: the record keeps
  UTC, and `0001-01-01T00:00:00+14:00` has none.

A value that breaks one of these is refused as bad input naming its field, before any
signature, rule or database sees it. The command models do not check it themselves: a
record made before these checks must still read, replay and verify (P18). Bidirectional
controls (U+202E and the like) are legitimate in text; interfaces show them escaped instead
(see the CLI's and the web's output).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from isonomia.domain.refusal import N_

__all__ = [
    "LARGEST_NUMBER",
    "UNFIT_MESSAGES",
    "Unfit",
    "fit",
    "unfit",
    "unfit_in",
]

#: The largest whole number a command or an argument may hold (and its negative the least).
LARGEST_NUMBER = 2**53 - 1
#: Control characters text may hold.
KEPT_CONTROLS = frozenset("\t\n\r")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_:-]+")

TEXT_CONTROL = N_(
    "{where} holds the control character {character}: text may hold tabs and line breaks, "
    "no other control character"
)
TEXT_SURROGATE = N_(
    "{where} holds {character}, half of a surrogate pair and no character: text must be "
    "valid Unicode"
)
NUMBER_RANGE = N_("{where} is {value}: a whole number here lies between -{limit} and {limit}")
MOMENT_RANGE = N_("{where} is {moment}: a time must fall between the years 1 and 9999 in UTC")

#: The message of each kind of unfit value, by the kind (also its pydantic error type).
UNFIT_MESSAGES = {
    "text_control": TEXT_CONTROL,
    "text_surrogate": TEXT_SURROGATE,
    "number_range": NUMBER_RANGE,
    "moment_range": MOMENT_RANGE,
}


@dataclass(frozen=True)
class Unfit:
    """What is wrong with a value: its kind, where inside the value (`[2]`, `.name`; empty
    for the value itself), and the message's fields other than `where`."""

    kind: str
    within: str
    params: Mapping[str, str]

    @property
    def msgid(self) -> str:
        return UNFIT_MESSAGES[self.kind]

    def said(self, where: str) -> str:
        """The English line, the value named `where`."""
        return self.msgid.format(where=where + self.within, **self.params)


def _character(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _text(value: str, within: str) -> Unfit | None:
    for ch in value:
        if ch in KEPT_CONTROLS or ch.isprintable():
            continue
        category = unicodedata.category(ch)
        if category == "Cc":
            return Unfit("text_control", within, {"character": _character(ch)})
        if category == "Cs":
            return Unfit("text_surrogate", within, {"character": _character(ch)})
    return None


def _moment(value: datetime, within: str) -> Unfit | None:
    if value.tzinfo is None:
        return None  # naive times are refused by their own fields' types
    try:
        value.astimezone(UTC)
    except OverflowError:
        return Unfit("moment_range", within, {"moment": value.isoformat()})
    return None


def unfit(value: Any, within: str = "") -> Unfit | None:
    """The first thing in `value` (text, numbers, times, and those inside lists, mappings
    and models) that no input may hold, or None."""
    if isinstance(value, str):
        return _text(value, within)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if -LARGEST_NUMBER <= value <= LARGEST_NUMBER:
            return None
        return Unfit("number_range", within, {"value": str(value), "limit": str(LARGEST_NUMBER)})
    if isinstance(value, datetime):
        return _moment(value, within)
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return _first((f"{within}.{name}", getattr(value, name)) for name in fields)
    if isinstance(value, Mapping):
        return _first(
            pair
            for key, item in value.items()
            for pair in ((within + _key(key), key), (within + _key(key), item))
        )
    if isinstance(value, list | tuple | set | frozenset):
        return _first((f"{within}[{i}]", item) for i, item in enumerate(value))
    return None


def _key(key: Any) -> str:
    """A mapping's key in a path: `.name`, or `['what it is']` when it is not a plain name."""
    plain = isinstance(key, str) and _PLAIN_KEY.fullmatch(key) is not None
    return f".{key}" if plain else f"[{key!r}]"


def _first(items: Iterable[tuple[str, Any]]) -> Unfit | None:
    for within, item in items:
        found = unfit(item, within)
        if found is not None:
            return found
    return None


def unfit_in(error: Mapping[str, Any]) -> Unfit | None:
    """The unfit value a pydantic error (one of `ValidationError.errors()`) reports, if any."""
    kind = error.get("type")
    if kind not in UNFIT_MESSAGES:
        return None
    ctx = {name: str(value) for name, value in (error.get("ctx") or {}).items()}
    return Unfit(str(kind), ctx.pop("within", ""), ctx)


def fit(value: Any) -> Any:
    """`value` itself, checked (a pydantic validator, for an interface's own models of new
    input): raises the error of its kind when it holds what no input may hold, its English
    message without the field's name."""
    found = unfit(value)
    if found is not None:
        template = found.msgid.removeprefix("{where} ")
        raise PydanticCustomError(found.kind, template, {"within": found.within, **found.params})
    return value
