"""CLI of motions and acts (P4, P8): drafting, tabling, amending, voting, publishing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from isonomia.cli.common import (
    Db,
    On,
    as_of,
    person,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names, print_json
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import (
    plain,
    refusals_exit,
    visible,
)
from isonomia.cli.writes import (
    SECRETARIAT,
    Call,
    Who,
    Write,
    act_organ,
    commands_of,
    motion_organ,
    presides,
)

if TYPE_CHECKING:
    from isonomia.service import Appointment, Recorded, Ruling, queries

motion_app = typer.Typer(
    help="Motions and the acts they become (P4, P8–P11).", no_args_is_help=True
)
vote_app = typer.Typer(
    help="Votes cast per member delegation, and their count (P4, P12).", no_args_is_help=True
)


def _ruling(text: str) -> Ruling | None:
    from isonomia.service import BadRequest, Ruling, make

    if not text:
        return None
    parts = text.split(":")
    if len(parts) < 3:
        raise BadRequest.of(
            N_(
                "refused: --ruling is appeal:ID:uphold|amend|annul or "
                "urgent-action:DIRECTIVE:MEMBER:uphold|censure"
            )
        )
    return make(Ruling, on=parts[0], ref=":".join(parts[1:-1]), outcome=parts[-1])


def _changes(path: str) -> dict[str, Any]:
    """A charter amendment's changes: a charter fragment in a TOML file (JSON if it ends in
    .json), merged over the charter when the amendment is adopted (P10)."""
    import json
    import tomllib
    from pathlib import Path

    from isonomia.service import BadRequest

    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text) if path.endswith(".json") else tomllib.loads(text)
    except (OSError, ValueError) as error:
        raise BadRequest.of(
            N_("refused: --changes {path} is not a readable charter fragment: {error}"),
            path=path,
            error=error,
        ) from error
    if not isinstance(data, dict):
        raise BadRequest.of(N_("refused: --changes {path} is not a table"), path=path)
    return data


def _appointment(text: str) -> Appointment | None:
    from isonomia.service import Appointment, BadRequest, make

    if not text:
        return None
    parts = text.split(":")
    action = parts.pop() if parts[-1] in ("appoint", "remove") else "appoint"
    if len(parts) < 2:
        raise BadRequest.of(
            N_(
                "refused: --appointment is OFFICE:PERSON[:remove] "
                "(OFFICE: an office's id, organ:ID or department:ID)"
            )
        )
    return make(Appointment, office=":".join(parts[:-1]), person=parts[-1], action=action)


def _counted(call: Call, outcome: Recorded) -> None:
    """The count's reason, and a candidate admitted or not."""
    reasons = [r for e in outcome.events if (r := getattr(e, "reason", None))]
    plain.print(f"  {reasons[0] if reasons else ''}", markup=False, highlight=False)
    for event in outcome.events:
        if event.type_name() in ("MemberAdmitted", "AdmissionRejected"):
            plain.print(f"  {event.subject()}: {event.type_name()}", markup=False, highlight=False)


#: The area's write commands, generated from their models (`cli/generated.py`).
def parse_split(text: str) -> dict[str, int]:
    """A split as the person writes it: ``yes=2,no=1,abstain=0``."""
    from isonomia.service import BadRequest

    result: dict[str, int] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep or not value.strip().isdigit():
            raise BadRequest.of(N_("--split takes yes=N,no=N,abstain=N, not '{text}'"), text=text)
        result[key.strip()] = int(value)
    return result


WRITES = (
    Write(
        "DraftMotion",
        "motion draft",
        N_("motion {motion} drafted in {organ}"),
        SECRETARIAT,
        help="Draft a motion with its field of competence, kind and force (P8–P11).",
        arguments=("motion",),
        options={
            "addressees": "--to",
            "competence_changes": "--competence",
            "charter_changes": "--changes",
        },
        helps={
            "text": "Its text (default: the title).",
            "addressees": "A directive's addressees, comma-separated.",
            "ruling": "appeal:ID:OUTCOME or urgent-action:D:M:OUTCOME.",
            "competence_changes": "FIELD=joint|reserved (amendments).",
            "charter_changes": "A TOML (or .json) fragment of the charter merged over it: "
            "decision rules, notice, national questions, organs... (amendments, P10).",
            "effective_on": "Day the amendment's charter changes take effect (default: "
            "its adoption).",
            "appointment": "OFFICE:PERSON[:remove]: the appointment it decides (P15).",
        },
        comma=("addressees",),
        parse={"ruling": _ruling, "charter_changes": _changes, "appointment": _appointment},
        defaults={"text": lambda c: c["title"], "addressees": ""},
    ),
    Write(
        "TableMotion",
        "motion table",
        N_("{motion} tabled for {session}"),
        presides("table", motion_organ),
        help="Put a drafted motion on a session's agenda (procedure, or a member's council "
        "sitting in the organ); it is voted from the session's day to --voting-closes-on (P4).",
        arguments=("motion",),
    ),
    Write(
        "ProposeAmendment",
        "motion amend",
        N_("amendment {amendment} to {motion}"),
        SECRETARIAT,
        help="Propose an amendment; it is voted before the motion.",
        arguments=("motion", "amendment"),
    ),
    Write(
        "PublishAct",
        "motion publish",
        N_("{act} published"),
        presides("publish", act_organ),
        help="Publish an adopted act; it is in force from its day.",
        arguments=("act",),
    ),
    Write(
        "CastVote",
        "vote cast",
        lambda c, _outcome: _(
            "{member} votes {vote} on {motion}",
            member=c["member"],
            vote=c.get("vote") or ",".join(f"{k}={v}" for k, v in (c.get("split") or {}).items()),
            motion=c["motion"],
        ),
        Who(
            "The delegate casting the vote (default: none; give the person).",
            option="--as",
            principal=person,
            parameter="person",
        ),
        help="A delegate casts its member's vote, whole or, where the charter allows, split "
        "(--split yes=2,no=1,abstain=0); refused if the person does not sit for it (P4).",
        arguments=("motion", "vote"),
        parse={"split": parse_split},
        helps={
            "split": "Instead of VOTE, a split: yes=N,no=N,abstain=N (where the charter allows)."
        },
        open_first=True,
    ),
    Write(
        "CountVotes",
        "vote count",
        lambda c, _outcome: _("count on {item}", item=c.get("amendment") or c["motion"]),
        presides("count", motion_organ),
        help="Count the votes by the organ's decision rule (the charter's, P12); quorum "
        "required. Before the vote closes, only once every delegation present has voted (P4).",
        arguments=("motion",),
        after=_counted,
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@motion_app.command("list")
@refusals_exit
def motion_list(
    organ: Annotated[str | None, typer.Option(help="Only this organ's motions.")] = None,
    on: On = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """Motions and acts drafted by a day, with their stage, force and whether in force then."""
    from isonomia.service import ActRow, queries

    union = as_of(db, on)
    if union is None:
        return
    rows = queries.acts(*union, organ=organ)
    title = _("Motions and acts on {day}", day=union[1])
    emit(rows, lambda: acts_table(rows, title), as_json, as_csv, field_names(ActRow))


#: The words the record uses for acts' kinds and stages, shown in the chosen language (the
#: forces are marked in `cli/directives.py`).
RECORD_WORDS = (
    N_("decision"),
    N_("resolution"),
    N_("charter-amendment"),
    N_("drafted"),
    N_("tabled"),
    N_("adopted"),
    N_("published"),
)


def acts_table(rows: list[queries.ActRow], title: str) -> Table:
    return table(
        title,
        [_("id"), _("organ"), _("field"), _("kind"), _("force"), _("stage"), _("in force")],
        [
            [
                r.id,
                r.organ,
                r.field,
                _(r.kind),
                _(r.force),
                _(r.stage),
                _("yes") if r.in_force else (_("suspended") if r.suspended else _("no")),
            ]
            for r in rows
        ],
    )


@motion_app.command("show")
@refusals_exit
def motion_show(
    act: Annotated[str, typer.Argument()], on: On = None, db: Db = None, as_json: Json = False
) -> None:
    """One act as of a day: its text, votes, amendments and history (appeals and rulings)."""
    from isonomia.service import BadRequest, queries

    union = as_of(db, on)
    if union is None:
        return
    detail = queries.act_detail(union[0], act, union[1])
    if detail is None:
        raise BadRequest.of(N_("there is no motion or act {act} on {day}"), act=act, day=union[1])
    if as_json:
        print_json(detail)
        return
    r = detail.row
    state = _("in force") if r.in_force else (_("suspended") if r.suspended else _("not in force"))
    plain.print(
        Text.assemble(
            (visible(r.id), "bold"),
            " ",
            visible(
                _(
                    "{title} — {organ}, {field}, {kind}, {force}; {stage}; {state} on {day}",
                    title=r.title,
                    organ=r.organ,
                    field=r.field,
                    kind=_(r.kind),
                    force=_(r.force),
                    stage=_(r.stage),
                    state=state,
                    day=union[1],
                )
            ),
        ),
        soft_wrap=True,
    )
    plain.print(f"  {detail.text}", markup=False, highlight=False, soft_wrap=True)
    if detail.addressees:
        plain.print("  " + _("addressed to: {addressees}", addressees=", ".join(detail.addressees)))
    for day, what in detail.history:
        plain.print(f"  {day}  {what}", markup=False, highlight=False, soft_wrap=True)
    if detail.votes:
        plain.print(
            table(
                _("Votes"),
                [_("item"), _("member"), _("delegate"), _("vote")],
                [list(v) for v in detail.votes],
            )
        )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"motion": motion_app, "vote": vote_app}, WRITES)
    app.add_typer(motion_app, name="motion")
    app.add_typer(vote_app, name="vote")
