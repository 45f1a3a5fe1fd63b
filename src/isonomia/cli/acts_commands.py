"""CLI groups for organs and acts: sessions, motions, votes, appeals, directives, departments,
conferences and the register of competences (P4, P6–P11)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from isonomia.cli.common import At, Db, On, day_of, names, open_union, record
from isonomia.cli.output import console, refusals_exit
from isonomia.service import actors
from isonomia.service import acts as queries
from isonomia.service.commands import (
    AppointDelegate,
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    CastVote,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FileAppeal,
    GiveInstructions,
    ProposeAmendment,
    ProposeDepartment,
    PublishAct,
    RecallDelegate,
    ReportCompliance,
    RequestInstructions,
    Ruling,
    SetCompetence,
    TableMotion,
    make,
)
from isonomia.service.errors import BadRequest
from isonomia.service.federation import parse_day

Actor = Annotated[str | None, typer.Option("--actor", help="Who acts (default: see above).")]

HELP = {
    "organ": "The charter's organs and their delegations (P4).",
    "session": "Sessions of organs, on the council's calendar (P4).",
    "motion": "Motions and the acts they become (P4, P8–P11).",
    "vote": "Votes cast per member delegation, and their count (P4, P12).",
    "appeal": "Non-suspensive appeals against executive decisions (P6).",
    "directive": "Graded directives: advisory, mandatory, conditional (P8).",
    "department": "Joint departments by agreement of all member councils (P7).",
    "conference": "Consultative conferences: resolutions that never bind (P9).",
    "competences": "The register of competences, joint or reserved (P10, P11).",
}
GROUPS = {name: typer.Typer(help=text, no_args_is_help=True) for name, text in HELP.items()}
organ_app = GROUPS["organ"]
session_app = GROUPS["session"]
motion_app = GROUPS["motion"]
vote_app = GROUPS["vote"]
appeal_app = GROUPS["appeal"]
directive_app = GROUPS["directive"]
department_app = GROUPS["department"]
conference_app = GROUPS["conference"]
competences_app = GROUPS["competences"]


def register(app: typer.Typer) -> None:
    """Add the groups of organs and acts, and `isonomia directives`, to the CLI."""
    for name, group in GROUPS.items():
        app.add_typer(group, name=name)
    app.command("directives")(directives)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    return table


# -- organ -----------------------------------------------------------------------------------


@organ_app.command("list")
@refusals_exit
def organ_list(on: On = None, db: Db = None) -> None:
    """The charter's organs, each member's own council, and who sits for whom (P4)."""
    rows = queries.organs(open_union(db), day_of(on))
    console.print(
        _table("Organs", ["id", "kind", "name", "delegates"],
               [[r.id, r.kind, r.name, ", ".join(r.delegates)] for r in rows])
    )  # fmt: skip


@organ_app.command("delegate")
@refusals_exit
def organ_delegate(
    organ: Annotated[str, typer.Argument(help="The union organ.")],
    member: Annotated[str, typer.Option(help="The member the person sits for.")],
    person: Annotated[str, typer.Option(help="The delegate's id.")],
    term_from: Annotated[str | None, typer.Option(help="First day of the term.")] = None,
    term_until: Annotated[str | None, typer.Option(help="Day the term ends (exclusive).")] = None,
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A member's own council names a person to sit for it in an organ, for a term (P4)."""
    record(db, AppointDelegate, actor or actors.council(member), at,
         f"{person} sits for {member} in {organ}", organ=organ, member=member, person=person,
         term_from=day_of(term_from or at), term_until=parse_day(term_until))  # fmt: skip


@organ_app.command("recall")
@refusals_exit
def organ_recall(
    organ: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A member's own council recalls its delegate from an organ."""
    record(db, RecallDelegate, actor or actors.council(member), at,
         f"{person} recalled from {organ}", organ=organ, member=member, person=person)  # fmt: skip


# -- session ---------------------------------------------------------------------------------


@session_app.command("convene")
@refusals_exit
def session_convene(
    session: Annotated[str, typer.Argument(help="An id for the session.")],
    organ: Annotated[str, typer.Option(help="The organ that meets.")] = "union-council",
    held_on: Annotated[str | None, typer.Option("--on", help="The session's day.")] = None,
    item: Annotated[list[str] | None, typer.Option(help="An agenda item.")] = None,
    actor: Annotated[str, typer.Option(help="Who convenes.")] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Convene a session on the council's calendar, with pending appeals on its agenda (P4)."""
    record(db, ConveneSession, actor, at, f"session {session} of {organ}", session=session,
         organ=organ, held_on=day_of(held_on or at), agenda=item or [])  # fmt: skip


@session_app.command("list")
@refusals_exit
def session_list(organ: Annotated[str | None, typer.Option()] = None, db: Db = None) -> None:
    """Sessions with their day, presiding member (P5) and agenda."""
    rows = queries.sessions(open_union(db), organ)
    console.print(
        _table("Sessions", ["id", "organ", "held on", "presides", "agenda"],
               [[r.id, r.organ, r.held_on, r.presided_by or "", "\n".join(r.agenda)]
                for r in rows])
    )  # fmt: skip


# -- motion ----------------------------------------------------------------------------------


def _ruling(text: str | None) -> Ruling | None:
    if not text:
        return None
    parts = text.split(":")
    if len(parts) < 3:
        raise BadRequest("refused: --ruling is appeal:ID:uphold|amend|annul or "
                         "urgent-action:DIRECTIVE:MEMBER:uphold|censure")  # fmt: skip
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
    actor: Annotated[str, typer.Option(help="Who moves it.")] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Draft a motion with its field of competence, kind and force (P8–P11)."""
    changes = {}
    for pair in competence or []:
        name, _, kind_ = pair.partition("=")
        changes[name.strip()] = kind_.strip()
    record(db, DraftMotion, actor, at, f"motion {motion} drafted in {organ}", motion=motion,
         organ=organ, title=title, text=text or title, field=field, kind=kind, force=force,
         addressees=names(to), ruling=_ruling(ruling), competence_changes=changes)  # fmt: skip


@motion_app.command("table")
@refusals_exit
def motion_table(
    motion: Annotated[str, typer.Argument()],
    session: Annotated[str, typer.Option(help="The session whose agenda it joins.")],
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Put a drafted motion on a session's agenda."""
    record(db, TableMotion, actor, at, f"{motion} tabled for {session}", motion=motion,
         session=session)  # fmt: skip


@motion_app.command("amend")
@refusals_exit
def motion_amend(
    motion: Annotated[str, typer.Argument()],
    amendment: Annotated[str, typer.Argument(help="An id for the amendment.")],
    text: Annotated[str, typer.Option(help="The substitute text.")],
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Propose an amendment; it is voted before the motion."""
    record(db, ProposeAmendment, actor, at, f"amendment {amendment} to {motion}", motion=motion,
         amendment=amendment, text=text)  # fmt: skip


@motion_app.command("publish")
@refusals_exit
def motion_publish(
    act: Annotated[str, typer.Argument()],
    in_force_on: Annotated[str | None, typer.Option(help="Day it comes into force.")] = None,
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Publish an adopted act; it is in force from its day."""
    record(db, PublishAct, actor, at, f"{act} published", act=act,
         in_force_on=parse_day(in_force_on))  # fmt: skip


@motion_app.command("list")
@refusals_exit
def motion_list(
    organ: Annotated[str | None, typer.Option()] = None, on: On = None, db: Db = None
) -> None:
    """Motions and acts with their stage, force and whether they are in force on a day."""
    rows = queries.acts(open_union(db), day_of(on), organ=organ)
    console.print(_acts_table(rows, f"Motions and acts on {day_of(on)}"))


def _acts_table(rows: list[queries.ActRow], title: str) -> Table:
    return _table(
        title, ["id", "organ", "field", "kind", "force", "stage", "in force"],
        [[r.id, r.organ, r.field, r.kind, r.force, r.stage,
          "yes" if r.in_force else ("suspended" if r.suspended else "no")] for r in rows],
    )  # fmt: skip


@motion_app.command("show")
@refusals_exit
def motion_show(act: Annotated[str, typer.Argument()], on: On = None, db: Db = None) -> None:
    """One act: its text, votes, amendments and history (appeals and rulings included)."""
    detail = queries.act_detail(open_union(db), act, day_of(on))
    if detail is None:
        raise BadRequest(f"there is no motion or act {act}")
    r = detail.row
    state = "in force" if r.in_force else ("suspended" if r.suspended else "not in force")
    console.print(
        f"[bold]{r.id}[/] {r.title} — {r.organ}, {r.field}, {r.kind}, {r.force}; "
        f"{r.stage}; {state} on {day_of(on)}",
        highlight=False,
        soft_wrap=True,
    )
    console.print(f"  {detail.text}", markup=False, highlight=False, soft_wrap=True)
    if detail.addressees:
        console.print(f"  addressed to: {', '.join(detail.addressees)}")
    for day, what in detail.history:
        console.print(f"  {day}  {what}", markup=False, highlight=False, soft_wrap=True)
    if detail.votes:
        console.print(_table("Votes", ["item", "member", "delegate", "vote"],
                             [list(v) for v in detail.votes]))  # fmt: skip


# -- vote ------------------------------------------------------------------------------------


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
    record(db, CastVote, actors.person(person), at, f"{member} votes {vote} on {motion}",
         motion=motion, amendment=amendment, member=member, vote=vote)  # fmt: skip


@vote_app.command("count")
@refusals_exit
def vote_count(
    motion: Annotated[str, typer.Argument()],
    amendment: Annotated[str | None, typer.Option()] = None,
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Count the votes by the organ's decision rule (the charter's, P12); quorum required."""
    outcome = record(db, CountVotes, actor, at, f"count on {amendment or motion}", motion=motion,
                   amendment=amendment)  # fmt: skip
    reason = getattr(outcome.events[-1], "reason", None) or getattr(outcome.events[0], "reason", "")
    console.print(f"  {reason}", markup=False, highlight=False)


# -- appeal ----------------------------------------------------------------------------------


@appeal_app.command("file")
@refusals_exit
def appeal_file(
    appeal: Annotated[str, typer.Argument(help="An id for the appeal.")],
    act: Annotated[str, typer.Option(help="The executive decision appealed.")],
    member: Annotated[str, typer.Option(help="The appealing member.")],
    ground: Annotated[str, typer.Option(help="The ground of the appeal.")],
    person: Annotated[str | None, typer.Option("--as", help="A delegate filing it.")] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A member appeals an executive decision to the union council; it stays in force (P6)."""
    actor = actors.person(person) if person else actors.council(member)
    record(db, FileAppeal, actor, at, f"{member} appeals {act}", appeal=appeal, act=act,
         member=member, ground=ground)  # fmt: skip


@appeal_app.command("list")
@refusals_exit
def appeal_list(on: On = None, db: Db = None) -> None:
    """Appeals, with their ruling and whether the decision is in force meanwhile."""
    rows = queries.appeals(open_union(db), day_of(on))
    console.print(
        _table(f"Appeals on {day_of(on)}",
               ["id", "act", "member", "filed", "suspensive", "session", "ruling", "act in force"],
               [[r.id, r.act, r.member, r.filed_on, "yes" if r.suspensive else "no",
                 r.review_session or "", f"{r.ruling} {r.ruled_on}" if r.ruling else "pending",
                 "yes" if r.act_in_force else "no"] for r in rows])
    )  # fmt: skip


# -- directive -------------------------------------------------------------------------------


@directive_app.command("request")
@refusals_exit
def directive_request(
    directive: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    question: Annotated[str, typer.Option()],
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """The addressee of a conditional directive requests instructions first (P8)."""
    record(db, RequestInstructions, actor or actors.council(member), at,
         f"{member} asks for instructions under {directive}", directive=directive,
         member=member, question=question)  # fmt: skip


@directive_app.command("instruct")
@refusals_exit
def directive_instruct(
    directive: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    instructions: Annotated[str, typer.Option()],
    organ: Annotated[str, typer.Option(help="The issuing organ.")],
    at: At = None,
    db: Db = None,
) -> None:
    """The issuing organ answers a request for instructions (P8)."""
    record(db, GiveInstructions, actors.organ(organ), at, f"instructions to {member}",
         directive=directive, member=member, instructions=instructions)  # fmt: skip


@directive_app.command("comply")
@refusals_exit
def directive_comply(
    directive: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    note: Annotated[str, typer.Option()] = "",
    urgent: Annotated[bool, typer.Option("--urgent", help="An especially urgent case.")] = False,
    justification: Annotated[str, typer.Option()] = "",
    actor: Actor = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Report a directive carried out; without instructions only if urgent and justified (P8)."""
    record(db, ReportCompliance, actor or actors.council(member), at,
         f"{member} carried out {directive}", directive=directive, member=member, note=note,
         urgent=urgent, justification=justification)  # fmt: skip


@refusals_exit
def directives(member: Annotated[str, typer.Option(help="The addressee.")], db: Db = None) -> None:
    """What a member has carried out under its directives, and what is outstanding (P8)."""
    rows = queries.directives_for(open_union(db), member)
    console.print(
        _table(f"Directives to {member}", ["directive", "title", "force", "status", "on", "basis"],
               [[r.directive, r.title, r.force, r.status, r.carried_out_on or "", r.basis or ""]
                for r in rows])
    )  # fmt: skip


# -- department ------------------------------------------------------------------------------


@department_app.command("propose")
@refusals_exit
def department_propose(
    department: Annotated[str, typer.Argument()],
    name: Annotated[str, typer.Option()],
    field: Annotated[str, typer.Option(help="A joint field.")],
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Propose a joint department, seated at the union's seat (P7)."""
    record(db, ProposeDepartment, actor, at, f"department {department} proposed",
         department=department, name=name, field=field)  # fmt: skip


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
    record(db, ConsentToDepartment, actor or actors.council(member), at,
         f"{member} consents to {department}", department=department, member=member)  # fmt: skip


@department_app.command("represent")
@refusals_exit
def department_represent(
    department: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Name the department's authorized representative in a member (P7)."""
    record(db, AppointRepresentative, actor, at, f"{person} represents {department} in {member}",
         department=department, member=member, person=person)  # fmt: skip


@department_app.command("staff")
@refusals_exit
def department_staff(
    department: Annotated[str, typer.Argument()],
    member: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    actor: Annotated[str, typer.Option()] = actors.SECRETARIAT,
    at: At = None,
    db: Db = None,
) -> None:
    """Assign a staff member to the department's representation in a member (P7)."""
    record(db, AssignStaff, actor, at, f"{person} on staff of {department} in {member}",
         department=department, member=member, person=person)  # fmt: skip


@department_app.command("list")
@refusals_exit
def department_list(on: On = None, db: Db = None) -> None:
    """Departments: consents given and missing, and every gap in representation (P7)."""
    for r in queries.departments(open_union(db), day_of(on)):
        console.print(f"[bold]{r.id}[/] {r.name} — {r.field}, seat {r.seat}: {r.status}",
                      highlight=False)  # fmt: skip
        console.print(f"  consented: {', '.join(r.consented) or 'nobody yet'}")
        if r.not_consented:
            console.print(f"  not consented: {', '.join(r.not_consented)}")
        for member, missing in r.gaps.items():
            console.print(f"  gap in {member}: no {' and no '.join(missing)}")


# -- conference ------------------------------------------------------------------------------


@conference_app.command("resolutions")
@refusals_exit
def conference_resolutions(on: On = None, db: Db = None) -> None:
    """Resolutions of the consultative conferences: advisory, always (P9)."""
    rows = queries.acts(open_union(db), day_of(on), kind="conference")
    console.print(_acts_table(rows, "Conference resolutions (consultative)"))


@conference_app.command("bind")
@refusals_exit
def conference_bind(
    act: Annotated[str, typer.Argument()],
    force: Annotated[str, typer.Option()] = "mandatory",
    actor: Annotated[str, typer.Option()] = actors.organ("union-council"),
    at: At = None,
    db: Db = None,
) -> None:
    """An attempt to give a conference resolution binding force: always refused (P9)."""
    record(db, BindResolution, actor, at, f"{act} bound", act=act, force=force)


# -- competences -----------------------------------------------------------------------------


@competences_app.command("show")
@refusals_exit
def competences_show(on: On = None, db: Db = None) -> None:
    """The register of competences as of a date: joint fields and the members' own (P10)."""
    rows = queries.competences(open_union(db), day_of(on))
    console.print(_table(f"Competences on {day_of(on)}", ["field", "kind", "since", "by"],
                         [[r.field, r.kind, r.since, r.by] for r in rows]))  # fmt: skip


@competences_app.command("history")
@refusals_exit
def competences_history(
    field: Annotated[str | None, typer.Argument(help="One field (default: all).")] = None,
    db: Db = None,
) -> None:
    """Every change to the register, from the charter on (P10)."""
    rows = queries.competence_history(open_union(db), field)
    console.print(_table("Register of competences: history", ["field", "kind", "since", "by"],
                         [[r.field, r.kind, r.since, r.by] for r in rows]))  # fmt: skip


@competences_app.command("set")
@refusals_exit
def competences_set(
    field: Annotated[str, typer.Argument()],
    kind: Annotated[str, typer.Argument(help="joint or reserved.")],
    actor: Annotated[str, typer.Option()] = actors.organ("union-council"),
    at: At = None,
    db: Db = None,
) -> None:
    """Change a field directly: refused, fields change only by charter amendment (P10)."""
    record(db, SetCompetence, actor, at, f"{field} set to {kind}", field=field, kind=kind)
