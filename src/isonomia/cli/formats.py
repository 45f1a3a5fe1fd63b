"""Query output in three forms: a Rich table for people, `--json` and `--csv` for machines.

JSON is the query's rows as they are: each dataclass becomes an object with its field names,
dates are ISO strings, lists and mappings stay lists and objects. CSV has one header line of
the same field names and one line per row; a list cell joins its items with "; ", a mapping
cell is its JSON. Both go to stdout untouched by Rich, so nothing in a value is ever read as
markup or cut at the terminal's width.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

import typer
from rich.console import RenderableType

from isonomia.cli.i18n import _
from isonomia.cli.output import json_visible, plain

#: Whether the union the command opened runs on a simulated clock (said under every table).
SIMULATED: ContextVar[bool] = ContextVar("simulated", default=False)

Json = Annotated[
    bool, typer.Option("--json", help="Print the rows as JSON (field names in the README).")
]
Csv = Annotated[bool, typer.Option("--csv", help="Print the rows as CSV, with a header line.")]


def jsonable(value: Any) -> Any:
    """A value as plain JSON data: dataclasses as objects, dates as ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    typer.echo(json_visible(json.dumps(jsonable(value), ensure_ascii=False, indent=2)))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def print_csv(rows: Sequence[Any], fields: Sequence[str] | None = None) -> None:
    data = [jsonable(row) for row in rows]
    header = list(fields or (data[0].keys() if data else []))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for item in data:
        writer.writerow([_cell(item.get(name)) for name in header])
    typer.echo(buffer.getvalue(), nl=False)


def emit(
    rows: Sequence[Any],
    people: Callable[[], RenderableType | None],
    as_json: bool = False,
    as_csv: bool = False,
    fields: Sequence[str] | None = None,
) -> None:
    """Print query rows as JSON, CSV (`fields` names its columns when there may be no rows),
    or, by default, what `people` renders."""
    if as_json:
        print_json(list(rows))
    elif as_csv:
        print_csv(rows, fields)
    else:
        shown = people()
        if shown is not None:
            plain.print(shown)
        if SIMULATED.get():
            plain.print(_("simulated clock: dates asserted, not witnessed"))


def field_names(cls: type[Any]) -> list[str]:
    """The field names of a row dataclass: the keys of its JSON and the CSV header."""
    return [f.name for f in dataclasses.fields(cls)]
