"""CLI write commands generated from the command models, as the API's routes are.

A command model (`FileAppeal`, `CastVote`, ...) already says what a command holds: its
fields, their types, and what each means (`Field(description=...)`). An area's CLI module
declares, beside its other commands, one `Write` (`cli/writes.py`) for each command it
issues: the CLI path, the line said when it is recorded, and only where a person needs a
different shape from the model's, the difference (which fields come as positional
arguments, an option's other name or help, a list given comma-separated, a field written
in a shape of its own such as a ruling `appeal:ID:OUTCOME`, a default computed from the
union, who acts when `--actor` is left out). `add_writes` then builds the Typer command
from the model:

- one option a field, `--field-name` from `field_name`; its type from the annotation (a
  day as YYYY-MM-DD, a list as a repeated option, a map as repeated KEY=VALUE, a choice as
  text the model checks, its values named in the help); its help the field's description;
- who acts (`--actor`, or another option a `Who` names), `--at`, `--db`, and the signing
  options every write command has (`--key`, `--keyring`, `--sign-only`, `--out`,
  `--under-act`, added by `cli/signing.py` for every path in an area's `COMMANDS`);
- refusals as one line naming the principle, exit 2 (`refusals_exit`).

A command whose shape is not its model's fields stays written by hand in its area's
module, which names it in its `COMMANDS`: `found` (each founding member's decision, signed
by its own congress), `accession decide` (a candidate's terms, and its congress's key from
the signer) and `case evidence` (a file hashed and kept, and read back by `get`); `init`
records the charter.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from isonomia.cli.common import At, Db, names, report
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import refusals_exit
from isonomia.cli.writes import NOT_OFFERED, Call, Write

__all__ = ["add_writes", "build"]


#: The command words this process was started with (`isonomia appeal list --db x` gives
#: ("appeal", "list")), set by the `isonomia` script before the areas register. A write
#: whose path cannot be that command is not built: building one loads every command
#: model, the slowest part of starting up, and a read needs none. None (tests, the API)
#: builds them all, and so do words that are a prefix of many paths (`isonomia --help`).
ASKED: tuple[str, ...] | None = None


def asked_for(path: str) -> bool:
    """Whether the command at `path` may be the one this process was started for."""
    if ASKED is None:
        return True
    words = path.split()
    common = min(len(words), len(ASKED))
    return words[:common] == list(ASKED[:common])


def add_writes(
    app: typer.Typer, groups: Mapping[str, typer.Typer], writes: tuple[Write, ...]
) -> None:
    """Add each write to `app` (a one-word path) or to its group (`groups["appeal"]`)."""
    wanted = [write for write in writes if asked_for(write.path)]
    if not wanted:
        return
    from isonomia.service import COMMAND_TYPES

    for write in wanted:
        *group, name = write.path.split()
        target = groups[group[0]] if group else app
        callback = build(write, COMMAND_TYPES[write.command])
        target.command(name, help=callback.__doc__)(callback)


# The shape of a field on the command line -----------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """How one field is asked for: the type Typer sees, whether it may be left out, and
    how what is given becomes the field's value."""

    kind: Any
    optional: bool
    parse: Callable[[Any, str], Any]


def _plain(value: Any, _option: str) -> Any:
    return value


def _day(value: Any, _option: str) -> Any:
    from isonomia.service import parse_day

    return parse_day(value) if isinstance(value, str) else value


def _pairs(value: Any, option: str) -> Any:
    from isonomia.service import BadRequest

    if value is None:
        return None
    pairs: dict[str, str] = {}
    for item in value:
        key, sep, text = item.partition("=")
        if not sep:
            raise BadRequest.of(
                N_("{option} takes KEY=VALUE, not '{item}'"), option=option, item=item
            )
        pairs[key.strip()] = text
    return pairs


def _comma(value: Any, _option: str) -> Any:
    return names(value) if isinstance(value, str) else value


def _shape(annotation: Any, comma: bool, parse: Callable[[str], Any] | None) -> _Shape:
    optional = False
    if parse is not None:
        return _Shape(str, True, lambda value, _option: None if value is None else parse(value))
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(inner) < len(typing.get_args(annotation))
        if len(inner) != 1:
            raise TypeError(f"no CLI shape for {annotation!r}")
        annotation = inner[0]
        origin = typing.get_origin(annotation)
    if origin is Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is list:
        if comma:
            return _Shape(str, optional, _comma)
        return _Shape(list[str], optional, _plain)
    if origin is dict:
        return _Shape(list[str], optional, _pairs)
    if origin is typing.Literal or (
        isinstance(annotation, type) and issubclass(annotation, enum.Enum)
    ):
        return _Shape(str, optional, _plain)
    if annotation is datetime.date:
        return _Shape(str, optional, _day)
    if annotation in (str, int, bool):
        return _Shape(annotation, optional, _plain)
    if annotation is decimal.Decimal:  # an exact amount, given as text (issue 26)
        return _Shape(str, optional, _plain)
    raise TypeError(f"no CLI shape for {annotation!r}")


def _choices(annotation: Any) -> list[str]:
    """The values a choice field takes, to say in its help."""
    for part in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(part) is typing.Literal:
            return [str(v) for v in typing.get_args(part)]
        if isinstance(part, type) and issubclass(part, enum.Enum):
            return [str(m.value) for m in part]
    return []


# Building the command ------------------------------------------------------------------


def _option_flag(write: Write, name: str) -> str:
    return write.options.get(name, "--" + name.replace("_", "-"))


def _field(write: Write, name: str, info: Any) -> tuple[inspect.Parameter, _Shape, str]:
    """The parameter of one field, how it is read, and the name the command line gives it."""
    shape = _shape(info.annotation, name in write.comma, write.parse.get(name))
    help_text = write.helps.get(name) or info.description or ""
    choices = _choices(info.annotation)
    if choices and not write.helps.get(name):
        help_text = f"{help_text.rstrip('.')}: {', '.join(choices)}."
    flag = _option_flag(write, name)
    given = write.defaults.get(name, ...)
    if given is ... and not info.is_required():
        default = info.get_default(call_default_factory=True)
        given = default if not isinstance(default, list | dict) else None
    if callable(given):
        given = None  # computed when the run has what it needs
    kind: Any = shape.kind
    if given is None and kind is not bool:
        kind = kind | None
    if name in write.arguments:
        marker: Any = typer.Argument(help=help_text, show_default=False)
    else:
        marker = typer.Option(flag, help=help_text, show_default=given not in (None, ""))
    parameter = inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=Annotated[kind, marker],
        default=inspect.Parameter.empty if given is ... else given,
    )
    return parameter, shape, name if name in write.arguments else flag.split("/")[0]


def _option(name: str, kind: Any, flag: str, help_text: str, default: Any) -> inspect.Parameter:
    """An option that is no field: `default` is `...` for a required one."""
    if default is None:
        kind = kind | None
    return inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=Annotated[kind, typer.Option(flag, help=help_text, show_default=False)],
        default=inspect.Parameter.empty if default is ... else default,
    )


def _parameters(
    write: Write, model: type[Any]
) -> tuple[list[inspect.Parameter], dict[str, tuple[_Shape, str]]]:
    """The command's parameters (arguments, then required options, then the others), and
    how each field is read."""
    arguments: list[inspect.Parameter] = []
    options: list[inspect.Parameter] = []
    shapes: dict[str, tuple[_Shape, str]] = {}
    for name, info in model.model_fields.items():
        if name in NOT_OFFERED:
            continue
        parameter, shape, shown = _field(write, name, info)
        shapes[name] = (shape, shown)
        (arguments if name in write.arguments else options).append(parameter)
    arguments.sort(key=lambda p: write.arguments.index(p.name))
    for name, extra in write.extra.items():
        flag = extra.option or "--" + name.replace("_", "-")
        options.append(_option(name, extra.kind, flag, extra.help, extra.default))
    who = write.who
    default = ... if who.default is None else None
    options.append(_option(who.parameter, str, who.option, who.help, default))
    options.sort(key=lambda p: p.default is not inspect.Parameter.empty)  # required first
    common = [
        inspect.Parameter("at", inspect.Parameter.KEYWORD_ONLY, annotation=At, default=None),
        inspect.Parameter("db", inspect.Parameter.KEYWORD_ONLY, annotation=Db, default=None),
    ]
    return [*arguments, *options, *common], shapes


def build(write: Write, model: type[Any]) -> Callable[..., None]:
    """The Typer command of `write`, from its model."""
    parameters, shapes = _parameters(write, model)

    def command(**given: Any) -> None:
        run(write, model, shapes, given)

    command.__name__ = write.path.replace(" ", "_")
    command.__qualname__ = command.__name__
    command.__doc__ = write.help or inspect.cleandoc(model.__doc__ or "")
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    command.__annotations__["return"] = None
    return refusals_exit(command)


def run(
    write: Write, model: type[Any], shapes: Mapping[str, tuple[_Shape, str]], given: dict[str, Any]
) -> None:
    """Build the command from what was given, sign it, record it, say what was recorded."""
    from isonomia.cli.common import moment
    from isonomia.cli.signing import sign_and_submit
    from isonomia.service import make, new_command_id

    at, db, actor = given.pop("at"), given.pop("db"), given.pop(write.who.parameter)
    call = Call(dict(given), at, db)
    if write.open_first:
        call.federation()
    fields: dict[str, Any] = {}
    for name, (shape, flag) in shapes.items():
        value = shape.parse(given.get(name), flag)
        call.values[name] = value
    for name in shapes:
        value = call.values[name]
        if value is None and callable(write.defaults.get(name)):
            value = write.defaults[name](call)
            call.values[name] = value
        if (
            value is None
            and name not in write.defaults
            and not model.model_fields[name].is_required()
        ):
            continue  # the model's own default
        fields[name] = value
    who = write.who
    if actor is not None:
        principal = who.principal(actor) if who.principal else actor
    elif callable(who.default):
        principal = who.default(call)
    else:
        principal = str(who.default)
    call.values["actor"] = principal
    command = make(model, command_id=new_command_id(), actor=principal, at=moment(at), **fields)
    outcome = sign_and_submit(call.federation(), command)
    if isinstance(write.what, str):
        said = _(write.what, **{k: v for k, v in call.values.items() if v is not None})
    else:
        said = write.what(call, outcome)
    report(outcome, said)
    if write.after is not None:
        write.after(call, outcome)
