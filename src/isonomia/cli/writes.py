"""What an area declares of its CLI write commands: one `Write` a command, saying only how
the command line differs from the command's model (`cli/generated.py` builds the rest).

Shared here: who acts by default (`COUNCIL`, `SECRETARIAT`, `UNION_COUNCIL`, `GIVEN`, and
`presides` for an organ's procedural acts), and
`Call`, one run of a command, which a default or the line said when recorded reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from isonomia.cli.common import open_federation

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
    "act_organ",
    "commands_of",
    "motion_organ",
    "presides",
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
    #: The command's parameter for it (`person` for `--as NAME`).
    parameter: str = "actor"


#: The member's own council acts, unless `--actor` says otherwise.
COUNCIL = Who("Who acts (default: the member's own council, council:MEMBER).", _council)
#: The secretariat acts, unless `--actor` says otherwise.
SECRETARIAT = Who("Who acts (default: secretariat).", "secretariat")
#: The union council acts, unless `--actor` says otherwise.
UNION_COUNCIL = Who("Who acts (default: the union council, organ:COUNCIL).", _union_council)


def presides(act: str, organ: Callable[[Call], str | None]) -> Who:
    """Who signs a procedural `act` (``convene``, ``table``, ...) of the organ `organ` names:
    by default the presiding delegate of the act's day where the charter has it sign
    (`[presidency] presides = "delegate"`, P5), else the secretariat."""

    def default(call: Call) -> str:
        from isonomia.service import queries

        found = organ(call)
        if found is None:
            return "secretariat"
        return queries.procedural_signer(call.federation(), found, act, call.day())

    return Who(
        "Who acts (default: the presiding delegate of the day where the charter has it "
        "sign this act, P5; else the secretariat).",
        default,
    )


def motion_organ(call: Call) -> str | None:
    """The organ of the motion the command names."""
    from isonomia.service import queries

    return queries.organ_of_motion(call.federation(), call["motion"])


def act_organ(call: Call) -> str | None:
    """The organ of the act the command names."""
    from isonomia.service import queries

    return queries.organ_of_motion(call.federation(), call["act"])


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
