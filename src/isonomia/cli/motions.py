"""CLI of motions and acts (P4, P8): drafting, tabling, amending, voting, publishing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from isonomia.cli.common import (
    At,
    Db,
    On,
    actor_option,
    as_of,
    names,
    record,
    table,
)
from isonomia.cli.formats import Csv, Json, emit, field_names, print_json
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import (
    plain,
    refusals_exit,
    visible,
)

if TYPE_CHECKING:
    from isonomia.service import Ruling, queries

motion_app = typer.Typer(
    help="Motions and the acts they become (P4, P8–P11).", no_args_is_help=True
)
vote_app = typer.Typer(
    help="Votes cast per member delegation, and their count (P4, P12).", no_args_is_help=True
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "DraftMotion": "motion draft",
    "TableMotion": "motion table",
    "ProposeAmendment": "motion amend",
    "PublishAct": "motion publish",
    "CastVote": "vote cast",
    "CountVotes": "vote count",
}


def _ruling(text: str | None) -> Ruling | None:
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


@motion_app.command("draft")
@refusals_exit
def motion_draft(
    motion: Annotated[str, typer.Argument(help="An id for the motion.")],
    organ: Annotated[str, typer.Option(help="The organ it is moved in.")],
    title: Annotated[str, typer.Option()],
    field: Annotated[str, typer.Option(help="Its field of competence.")],
    kind: Annotated[str, typer.Option(help="decision, directive, resolution, charter-amendment.")],
    force: Annotated[str, typer.Option(help="advisory, mandatory or conditional (P8).")],
    text: Annotated[str | None, typer.Option(help="Its text (default: the title).")] = None,
    to: Annotated[
        str, typer.Option("--to", help="A directive's addressees, comma-separated.")
    ] = "",
    ruling: Annotated[
        str | None, typer.Option(help="appeal:ID:OUTCOME or urgent-action:D:M:OUTCOME.")
    ] = None,
    competence: Annotated[
        list[str] | None, typer.Option(help="FIELD=joint|reserved (amendments).")
    ] = None,
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Draft a motion with its field of competence, kind and force (P8–P11)."""
    from isonomia.service import DraftMotion

    changes = {}
    for pair in competence or []:
        name, _sep, kind_ = pair.partition("=")
        changes[name.strip()] = kind_.strip()
    record(
        db,
        DraftMotion,
        actor,
        at,
        _("motion {motion} drafted in {organ}", motion=motion, organ=organ),
        motion=motion,
        organ=organ,
        title=title,
        text=text or title,
        field=field,
        kind=kind,
        force=force,
        addressees=names(to),
        ruling=_ruling(ruling),
        competence_changes=changes,
    )


@motion_app.command("table")
@refusals_exit
def motion_table(
    motion: Annotated[str, typer.Argument()],
    session: Annotated[str, typer.Option(help="The session whose agenda it joins.")],
    voting_closes_on: Annotated[
        str | None,
        typer.Option(help="Last day delegations may vote (default: the session's day)."),
    ] = None,
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Put a drafted motion on a session's agenda (procedure, or a member's council sitting
    in the organ); it is voted from the session's day to --voting-closes-on (P4)."""
    from isonomia.service import TableMotion, parse_day

    record(
        db,
        TableMotion,
        actor,
        at,
        _("{motion} tabled for {session}", motion=motion, session=session),
        motion=motion,
        session=session,
        voting_closes_on=parse_day(voting_closes_on),
    )


@motion_app.command("amend")
@refusals_exit
def motion_amend(
    motion: Annotated[str, typer.Argument()],
    amendment: Annotated[str, typer.Argument(help="An id for the amendment.")],
    text: Annotated[str, typer.Option(help="The substitute text.")],
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Propose an amendment; it is voted before the motion."""
    from isonomia.service import ProposeAmendment

    record(
        db,
        ProposeAmendment,
        actor,
        at,
        _("amendment {amendment} to {motion}", amendment=amendment, motion=motion),
        motion=motion,
        amendment=amendment,
        text=text,
    )


@motion_app.command("publish")
@refusals_exit
def motion_publish(
    act: Annotated[str, typer.Argument()],
    in_force_on: Annotated[str | None, typer.Option(help="Day it comes into force.")] = None,
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Publish an adopted act; it is in force from its day."""
    from isonomia.service import PublishAct, parse_day

    record(
        db,
        PublishAct,
        actor,
        at,
        _("{act} published", act=act),
        act=act,
        in_force_on=parse_day(in_force_on),
    )


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


@vote_app.command("cast")
@refusals_exit
def vote_cast(
    motion: Annotated[str, typer.Argument()],
    vote: Annotated[str, typer.Argument(help="yes, no or abstain.")],
    member: Annotated[str, typer.Option(help="The member whose delegation votes.")],
    person: Annotated[str, typer.Option("--as", help="The delegate casting the vote.")],
    amendment: Annotated[str | None, typer.Option(help="Vote on this amendment.")] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A delegate casts its member's vote; refused if the person does not sit for it (P4)."""
    from isonomia.service import CastVote, actors

    record(
        db,
        CastVote,
        actors.person(person),
        at,
        _("{member} votes {vote} on {motion}", member=member, vote=vote, motion=motion),
        motion=motion,
        amendment=amendment,
        member=member,
        vote=vote,
    )


@vote_app.command("count")
@refusals_exit
def vote_count(
    motion: Annotated[str, typer.Argument()],
    amendment: Annotated[str | None, typer.Option()] = None,
    actor: Annotated[str, actor_option("secretariat")] = "secretariat",
    at: At = None,
    db: Db = None,
) -> None:
    """Count the votes by the organ's decision rule (the charter's, P12); quorum required.
    Before the vote closes, only once every delegation present has voted (P4)."""
    from isonomia.service import CountVotes

    outcome = record(
        db,
        CountVotes,
        actor,
        at,
        _("count on {item}", item=amendment or motion),
        motion=motion,
        amendment=amendment,
    )
    reasons = [r for e in outcome.events if (r := getattr(e, "reason", None))]
    plain.print(f"  {reasons[0] if reasons else ''}", markup=False, highlight=False)
    for event in outcome.events:
        if event.type_name() in ("MemberAdmitted", "AdmissionRejected"):
            plain.print(f"  {event.subject()}: {event.type_name()}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    app.add_typer(motion_app, name="motion")
    app.add_typer(vote_app, name="vote")
