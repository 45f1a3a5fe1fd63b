"""CLI of joint departments (P7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from isonomia.cli.common import (
    Actor,
    At,
    Db,
    On,
    actor_option,
    as_of,
    names,
    record,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import (
    plain,
    refusals_exit,
    visible,
)

if TYPE_CHECKING:
    from isonomia.service import DepartmentRow

department_app = typer.Typer(
    help="Joint departments by agreement of all member councils (P7).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "ProposeDepartment": "department propose",
    "ConsentToDepartment": "department consent",
    "AppointRepresentative": "department represent",
    "AssignStaff": "department staff",
}


@department_app.command("propose")
@refusals_exit
def department_propose(
    department: Annotated[str, typer.Argument()],
    name: Annotated[str, typer.Option()],
    field: Annotated[str, typer.Option(help="A joint field.")],
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Propose a joint department, seated at the union's seat (P7)."""
    from isonomia.service import ProposeDepartment

    record(
        db,
        ProposeDepartment,
        actor,
        at,
        _("department {department} proposed", department=department),
        department=department,
        name=name,
        field=field,
    )


@department_app.command("consent")
@refusals_exit
def department_consent(
    department: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A member's own council consents; with every member's consent it becomes joint (P7)."""
    from isonomia.service import ConsentToDepartment, actors

    record(
        db,
        ConsentToDepartment,
        actor or actors.council(member),
        at,
        _("{member} consents to {department}", member=member, department=department),
        department=department,
        member=member,
    )


@department_app.command("represent")
@refusals_exit
def department_represent(
    department: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    languages: Annotated[
        str, typer.Option(help="Languages the person commands, comma-separated (P14).")
    ] = "",
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Name the department's authorized representative in a member (P7)."""
    from isonomia.service import AppointRepresentative

    record(
        db,
        AppointRepresentative,
        actor,
        at,
        _(
            "{person} represents {department} in {member}",
            person=person,
            department=department,
            member=member,
        ),
        department=department,
        member=member,
        person=person,
        languages=names(languages),
    )


@department_app.command("staff")
@refusals_exit
def department_staff(
    department: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    languages: Annotated[
        str, typer.Option(help="Languages the person commands, comma-separated (P14).")
    ] = "",
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Assign a staff member to the department's representation in a member (P7)."""
    from isonomia.service import AssignStaff

    record(
        db,
        AssignStaff,
        actor,
        at,
        _(
            "{person} on staff of {department} in {member}",
            person=person,
            department=department,
            member=member,
        ),
        department=department,
        member=member,
        person=person,
        languages=names(languages),
    )


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
    app.add_typer(department_app, name="department")
