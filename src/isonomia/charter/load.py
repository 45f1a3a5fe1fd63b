"""Reading a charter from TOML, with every problem reported at once.

`load_charter` returns a `Charter` or raises `CharterInvalid` holding the list of
`Problem`s, each with its path in the file (``members[3].languages[0]: ...``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from isonomia.charter.checks import N_, Problem, cross_checks
from isonomia.charter.model import Charter


class CharterInvalid(ValueError):
    """The charter has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.summary())

    def summary(self) -> str:
        n = len(self.problems)
        return f"the charter has {n} problem{'s' if n != 1 else ''}"

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def _path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _problem(error: Mapping[str, Any]) -> Problem:
    path = _path(tuple(error["loc"]))
    if error["type"] == "missing":
        return Problem.of(path, N_("is required"))
    if error["type"] == "extra_forbidden":
        return Problem.of(path, N_("is not a charter setting (misspelt?)"))
    message = str(error["msg"]).removeprefix("Value error, ")
    return Problem(path, message[0].lower() + message[1:] if message else message)


def charter_from_data(data: Mapping[str, Any], members: Iterable[str] = ()) -> Charter:
    """Validate parsed charter data; raise `CharterInvalid` listing every problem. `members`
    are members that joined after the founding, which an amended charter may name too."""
    problems: list[Problem] = []
    charter: Charter | None = None
    try:
        charter = Charter.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            problems.append(_problem(item))
    problems += cross_checks(data, members)
    if problems or charter is None:
        raise CharterInvalid(sorted(set(problems)))
    return charter


def parse_charter(text: str) -> Charter:
    """Parse and validate charter TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CharterInvalid(
            [Problem.of("", N_("not valid TOML: {error}"), error=error)]
        ) from error
    return charter_from_data(data)


def load_charter(path: str | Path) -> Charter:
    """Read and validate a charter file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem.of("", N_("cannot read {path}: {error}"), path=path, error=error)
        raise CharterInvalid([problem]) from error
    return parse_charter(text)
