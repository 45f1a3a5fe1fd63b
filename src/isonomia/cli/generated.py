"""CLI write commands generated from the command models, as the API's routes are.

A command model (`FileAppeal`, `CastVote`, ...) already says what a command holds: its
fields, their types, and what each means (`Field(description=...)`). An area's CLI module
declares, beside its other commands, one `Write` for each command it issues: the CLI path,
the line said when it is recorded, and only where a person needs a different shape from
the model's, the difference (which fields come as positional arguments, an option's other
name, a list given comma-separated, a default computed from the union, who acts when
`--actor` is left out). `add_writes` then builds the Typer command from the model:

- one option a field, `--field-name` from `field_name`; its type from the annotation (a
  day as YYYY-MM-DD, a list as a repeated option, a map as repeated KEY=VALUE, a choice as
  text the model checks); its help the field's description;
- who acts (`--actor`, or another option a `Who` names), `--at`, `--db`, and the signing
  options every write command has (`--key`, `--keyring`, `--sign-only`, `--out`,
  `--under-act`, see `cli/signing.py`);
- refusals as one line naming the principle, exit 2 (`refusals_exit`).

A command whose shape is not one of a model's fields (the founding decisions of `found`,
a candidate's terms and own key in `accession decide`, a ruling written `appeal:ID:OUTCOME`
in `motion draft`, a file hashed by `case evidence add`) stays written by hand in its
area's module, and says so in its `COMMANDS`.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer

from isonomia.cli.common import At, Db, names, open_federation, report
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import refusals_exit

if TYPE_CHECKING:
    from isonomia.service import Federation, Recorded

__all__ = [
    "COUNCIL",
    "GIVEN",
    "NOT_OFFERED",
    "SECRETARIAT",
    "UNION_COUNCIL",
    "Call",
    "Extra",
    "Who",
    "Write",
    "add_writes",
    "commands_of",
    "union_council",
]

#: What every command carries that is not asked for: filled in by the CLI and the service.
NOT_OFFERED = ("command_id", "actor", "at", "under_act")


class Call:
    """One run of a generated command: the fields as given (parsed), the extra options, and
    the union, opened once when something needs it."""

    def __init__(self, values: dict[str, Any], at: str | None, db: str | None) -> None:
        self.values = values
        self.at = at
        self.db = db
        self._federation: Federation | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def federation(self) -> Federation:
        if self._federation is None:
            self._federation = open_federation(self.db)
        return self._federation

    def day(self) -> datetime.date:
        """The day of the act: `--at`'s, or today."""
        from isonomia.cli.common import day_of

        return day_of(self.at)


Default = Callable[[Call], Any]


def _council(call: Call) -> str:
    from isonomia.service import actors

    return actors.council(call["member"])


def _secretariat(call: Call) -> str:
    from isonomia.service import actors

    return actors.SECRETARIAT


def union_council(call: Call) -> str:
    """The union council's id."""
    from isonomia.service import queries

    return queries.union_council(call.federation())


def _union_council(call: Call) -> str:
    from isonomia.service import actors

    return actors.organ(union_council(call))


@dataclass(frozen=True)
class Who:
    """Who acts: the option that names them, its help, and who acts when it is left out
    (a principal, or one computed from the fields; None: the option is required).
    `principal` turns what is given into a principal (`--as NAME` is `person:NAME`)."""

    help: str
    default: str | Default | None = None
    option: str = "--actor"
    principal: Callable[[str], str] | None = None


#: The member's own council acts, unless `--actor` says otherwise.
COUNCIL = Who("Who acts (default: the member's own council, council:MEMBER).", _council)
#: The secretariat acts, unless `--actor` says otherwise.
SECRETARIAT = Who("Who acts (default: secretariat).", "secretariat")
#: The union council acts, unless `--actor` says otherwise.
UNION_COUNCIL = Who("Who acts (default: the union council, organ:COUNCIL).", _union_council)
#: Who acts must be said.
GIVEN = Who("Who acts (default: none; give the principal, e.g. person:NAME).")


@dataclass(frozen=True)
class Extra:
    """An option that is not a field of the command (the issuing organ, when it only says
    who acts)."""

    kind: Any
    help: str
    default: Any = ...
    option: str | None = None


@dataclass(frozen=True)
class Write:
    """One command's CLI write: where it is, and how its shape differs from its model's."""

    command: str
    path: str
    #: The line said when it is recorded (a catalog msgid, filled from the fields and
    #: `actor`), or a function of the run and what was recorded.
    what: str | Callable[[Call, Recorded], str]
    who: Who
    #: The command's help (default: its model's docstring).
    help: str | None = None
    #: Fields given as positional arguments, in order.
    arguments: tuple[str, ...] = ()
    #: Options named otherwise than their field (`{"tied_to": "--with"}`).
    options: Mapping[str, str] = field(default_factory=dict)
    #: An option's help where the person needs other words than the field's description.
    helps: Mapping[str, str] = field(default_factory=dict)
    #: List fields given as one comma-separated option rather than a repeated one.
    comma: tuple[str, ...] = ()
    #: Fields given as one text the person writes in a shape of their own, and how that
    #: text becomes the field (`appeal:ID:OUTCOME` for a ruling).
    parse: Mapping[str, Callable[[str], Any]] = field(default_factory=dict)
    #: A field's value when it is left out: a constant, or computed from the run.
    defaults: Mapping[str, Any] = field(default_factory=dict)
    #: Options that are not fields.
    extra: Mapping[str, Extra] = field(default_factory=dict)
    #: Open the union before the arguments are checked (a database that cannot be used is
    #: said first).
    open_first: bool = False
    #: What to say after the record line.
    after: Callable[[Call, Recorded], None] | None = None


def commands_of(writes: tuple[Write, ...]) -> dict[str, str]:
    """Each command of `writes` and its CLI path (an area's `COMMANDS`)."""
    return {w.command: w.path for w in writes}


def add_writes(
    app: typer.Typer, groups: Mapping[str, typer.Typer], writes: tuple[Write, ...]
) -> None:
    """Add each write to `app` (a one-word path) or to its group (`groups["appeal"]`)."""
    from isonomia.service import COMMAND_TYPES

    for write in writes:
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


def _parameters(
    write: Write, model: type[Any]
) -> tuple[list[inspect.Parameter], dict[str, tuple[_Shape, str]]]:
    """The command's parameters, arguments first, and how each field is read."""
    arguments: list[inspect.Parameter] = []
    required: list[inspect.Parameter] = []
    optional: list[inspect.Parameter] = []
    shapes: dict[str, tuple[_Shape, str]] = {}
    keyword = inspect.Parameter.KEYWORD_ONLY
    for name, info in model.model_fields.items():
        if name in NOT_OFFERED:
            continue
        shape = _shape(info.annotation, name in write.comma, write.parse.get(name))
        help_text = write.helps.get(name) or info.description or ""
        choices = _choices(info.annotation)
        if choices and not write.helps.get(name):
            help_text = f"{help_text.rstrip('.')}: {', '.join(choices)}."
        flag = _option_flag(write, name)
        shapes[name] = (shape, flag.split("/")[0] if name not in write.arguments else name)
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
        annotation = Annotated[kind, marker]
        parameter = inspect.Parameter(
            name, keyword, annotation=annotation, default=inspect.Parameter.empty
        )
        if given is not ...:
            parameter = parameter.replace(default=given)
        if name in write.arguments:
            arguments.append(parameter)
        elif parameter.default is inspect.Parameter.empty:
            required.append(parameter)
        else:
            optional.append(parameter)
    arguments.sort(key=lambda p: write.arguments.index(p.name))
    for name, extra in write.extra.items():
        flag = extra.option or "--" + name.replace("_", "-")
        kind = (
            extra.kind if extra.default is ... or extra.default is not None else extra.kind | None
        )
        parameter = inspect.Parameter(
            name,
            keyword,
            annotation=Annotated[kind, typer.Option(flag, help=extra.help)],
            default=inspect.Parameter.empty if extra.default is ... else extra.default,
        )
        (required if extra.default is ... else optional).append(parameter)
    who = write.who
    actor_kind: Any = str if who.default is None else str | None
    actor = inspect.Parameter(
        _actor_parameter(who),
        keyword,
        annotation=Annotated[
            actor_kind, typer.Option(who.option, help=who.help, show_default=False)
        ],
        default=inspect.Parameter.empty if who.default is None else None,
    )
    (required if who.default is None else optional).append(actor)
    common = [
        inspect.Parameter("at", keyword, annotation=At, default=None),
        inspect.Parameter("db", keyword, annotation=Db, default=None),
    ]
    return [*arguments, *required, *optional, *common], shapes


def _actor_parameter(who: Who) -> str:
    """The parameter of the option naming who acts: `actor` for `--actor`, `as_` for `--as`."""
    import keyword

    name = who.option.lstrip("-").replace("-", "_")
    return name + "_" if keyword.iskeyword(name) else name


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

    at, db, actor = given.pop("at"), given.pop("db"), given.pop(_actor_parameter(write.who))
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
