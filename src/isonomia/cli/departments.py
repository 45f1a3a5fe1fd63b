"""CLI of joint departments (P7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.text import Text

from isonomia.cli.common import (
    Db,
    On,
    as_of,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import (
    plain,
    refusals_exit,
    visible,
)
from isonomia.cli.writes import COUNCIL, SECRETARIAT, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import DepartmentRow

department_app = typer.Typer(
    help="Joint departments by agreement of all member councils (P7).", no_args_is_help=True
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "ProposeDepartment",
        "department propose",
        N_("department {department} proposed"),
        SECRETARIAT,
        help="Propose a joint department, seated at the union's seat (P7).",
        arguments=("department",),
    ),
    Write(
        "ConsentToDepartment",
        "department consent",
        N_("{member} consents to {department}"),
        COUNCIL,
        help="A member's own council consents; with every member's consent it becomes joint (P7).",
        arguments=("department",),
    ),
    Write(
        "AppointRepresentative",
        "department represent",
        N_("{person} represents {department} in {member}"),
        SECRETARIAT,
        help="Name the department's authorized representative in a member (P7).",
        arguments=("department",),
        helps={"languages": "Languages the person commands, comma-separated (P14)."},
        comma=("languages",),
        defaults={"languages": ""},
    ),
    Write(
        "AssignStaff",
        "department staff",
        N_("{person} on staff of {department} in {member}"),
        SECRETARIAT,
        help="Assign a staff member to the department's representation in a member (P7).",
        arguments=("department",),
        helps={"languages": "Languages the person commands, comma-separated (P14)."},
        comma=("languages",),
        defaults={"languages": ""},
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@department_app.command("list")
@refusals_exit
def department_list(
    on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """Departments: consents given and missing, and every gap in representation (P7)."""
    from isonomia.service import DepartmentRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.departments(*union)
    emit(rows, lambda: _describe(rows), as_json, as_csv, field_names(DepartmentRow))


def _describe(rows: list[DepartmentRow]) -> None:
    for r in rows:
        plain.print(
            Text.assemble(
                (visible(r.id), "bold"),
                visible(f" {r.name} — {r.field}, seat {r.seat}: {r.status}"),
            ),
            soft_wrap=True,
        )
        plain.print(
            "  " + _("consented: {members}", members=", ".join(r.consented) or _("nobody yet"))
        )
        if r.not_consented:
            plain.print(
                "  " + _("not consented: {not_consented}", not_consented=", ".join(r.not_consented))
            )
        for member, missing in r.gaps.items():
            plain.print(
                "  "
                + _(
                    "gap in {member}: no {missing}",
                    member=member,
                    missing=_(" and no ").join(missing),
                )
            )
        for member, spoken in r.languages.items():
            plain.print(
                "  "
                + _(
                    "languages in {member}: {value}",
                    member=member,
                    value=", ".join(spoken) or _("none recorded"),
                )
            )


#: The places a person holds in a department, as refusals name them.
PLACES = (N_("representative"), N_("staff"))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"department": department_app}, WRITES)
    app.add_typer(department_app, name="department")
