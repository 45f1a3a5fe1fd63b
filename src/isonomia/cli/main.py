"""`isonomia`: the command line of a federation's secretariat, members and inspectors."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from isonomia.cli import audit_commands, voting_commands
from isonomia.cli.acts_commands import register as register_acts
from isonomia.cli.common import At, Db, On, day_of, moment, names, open_union, report
from isonomia.cli.output import (
    REFUSED,
    broken,
    console,
    members_table,
    presidency_table,
    progress_bar,
    refusals_exit,
)
from isonomia.service import actors
from isonomia.service.commands import (
    AdmitMember,
    Candidate,
    DecideAccession,
    DecideSecession,
    FoundingDecision,
    FoundUnion,
    ObstructSecession,
    Settle,
    WithdrawSecession,
    make,
)
from isonomia.service.demo import play
from isonomia.service.errors import BadRequest
from isonomia.service.federation import (
    Federation,
    at_day,
    new_command_id,
    verify_export_file,
)
from isonomia.service.presidency import presidency_rows
from isonomia.service.resources import example_charter

app = typer.Typer(
    name="isonomia",
    help="Governance of a voluntary federation of equal members.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
ledger_app = typer.Typer(help="The hash-chained ledger (P18).", no_args_is_help=True)
member_app = typer.Typer(help="One member's records.", no_args_is_help=True)
accession_app = typer.Typer(help="Joining the union (P2).", no_args_is_help=True)
secession_app = typer.Typer(help="Leaving the union (P3).", no_args_is_help=True)
projections_app = typer.Typer(help="Read tables rebuilt from the ledger.", no_args_is_help=True)
app.add_typer(ledger_app, name="ledger")
app.add_typer(member_app, name="member")
app.add_typer(accession_app, name="accession")
app.add_typer(secession_app, name="secession")
app.add_typer(projections_app, name="projections")
register_acts(app)
audit_commands.register(app)
voting_commands.register(app)


@app.command()
@refusals_exit
def init(
    charter: Annotated[
        Path | None, typer.Option(help="Charter TOML file (default: the 1922 example).")
    ] = None,
    db: Db = None,
    at: At = None,
) -> None:
    """Create the union database and record its charter as the first ledger entry."""
    federation = Federation(db)
    if federation.exists():
        raise BadRequest(
            f"{federation.describe_url()} already holds a union; "
            "the charter changes only by amendment (P10)"
        )
    path = charter or example_charter("union-1922")
    outcome = federation.initialize(path, at=moment(at))
    adopted = federation.charter()
    report(outcome, f"charter of {adopted.union.name} ({path.name})")
    console.print(f"database: {federation.describe_url()}")


@app.command()
@refusals_exit
def found(
    on: Annotated[str, typer.Option("--on", help="Founding date, YYYY-MM-DD.")],
    decision: Annotated[
        list[str],
        typer.Option(
            "--decision", help="MEMBER:YYYY-MM-DD, the date of that member's own congress decision."
        ),
    ],
    db: Db = None,
) -> None:
    """Found the union by formal unification: every founding member's own decision (P1)."""
    decisions = []
    for item in decision:
        member, _, day = item.partition(":")
        decisions.append(FoundingDecision(member=member, decided_on=day_of(day or None)))
    founded_on = day_of(on)
    federation = open_union(db)
    outcome = federation.execute(
        make(
            FoundUnion,
            command_id=new_command_id(),
            actor=actors.SECRETARIAT,
            at=at_day(founded_on),
            founded_on=founded_on,
            decisions=decisions,
        )
    )
    report(outcome, f"union founded on {founded_on}")


@app.command()
@refusals_exit
def members(on: On = None, db: Db = None) -> None:
    """List members and candidates, with population shares and status on a date."""
    day = day_of(on)
    console.print(members_table(open_union(db).members(day), day))


@app.command()
@refusals_exit
def presidency(
    on: On = None,
    terms: Annotated[int, typer.Option(min=0, max=200, help="How many terms ahead.")] = 6,
    db: Db = None,
) -> None:
    """Who presides on a date, and in each of the next N terms (P5)."""
    day = day_of(on)
    rows = presidency_rows(open_union(db), day, terms)
    if not rows:
        raise BadRequest("the union is not founded yet: there is no presidency")
    console.print(presidency_table(rows, day))


@accession_app.command("decide")
@refusals_exit
def accession_decide(
    candidate: Annotated[str, typer.Argument(help="The candidate's id.")],
    name: Annotated[str, typer.Option(help="Its full name.")],
    congress: Annotated[str, typer.Option(help="Its own authoritative congress.")],
    population: Annotated[int, typer.Option()],
    population_year: Annotated[int, typer.Option()],
    population_source: Annotated[str, typer.Option()],
    language: Annotated[list[str], typer.Option(help="An official language (BCP-47 tag).")],
    accepts: Annotated[str, typer.Option(help="Joint fields it accepts, comma-separated.")],
    joins: Annotated[
        str, typer.Option(help="Joint departments it joins, comma-separated (P7).")
    ] = "",
    decided_on: Annotated[str | None, typer.Option(help="Date of its congress decision.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who records it (default: the candidate's congress).")
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Record a candidate's own congress decision to join, with its terms (P2)."""
    when = moment(at)
    outcome = open_union(db).execute(
        make(
            DecideAccession,
            command_id=new_command_id(),
            actor=actor or actors.congress(candidate),
            at=when,
            candidate=make(
                Candidate,
                id=candidate,
                name=name,
                congress=congress,
                population=population,
                population_year=population_year,
                population_source=population_source,
                languages=language,
            ),
            decided_on=day_of(decided_on) if decided_on else when.date(),
            accepts_fields=names(accepts),
            joins_departments=names(joins),
        )
    )
    report(outcome, f"{candidate}'s decision to join")


@accession_app.command("admit")
@refusals_exit
def accession_admit(
    candidate: Annotated[str, typer.Argument(help="The candidate's id.")],
    yes: Annotated[str, typer.Option(help="Members voting yes, comma-separated.")] = "",
    no: Annotated[str, typer.Option(help="Members voting no.")] = "",
    abstain: Annotated[str, typer.Option(help="Members abstaining.")] = "",
    organ: Annotated[str, typer.Option(help="The deciding organ.")] = "union-council",
    at: At = None,
    db: Db = None,
) -> None:
    """The deciding organ votes on admitting a candidate, by the charter's rule (P2)."""
    votes: dict[str, str] = {}
    for vote, listed in (("yes", yes), ("no", no), ("abstain", abstain)):
        for member in names(listed):
            if member in votes:
                raise BadRequest(f"refused (P4): {member} votes once")
            votes[member] = vote
    outcome = open_union(db).execute(
        make(
            AdmitMember,
            command_id=new_command_id(),
            actor=actors.organ(organ),
            at=moment(at),
            candidate=candidate,
            votes=votes,
        )
    )
    kind = outcome.events[-1].type_name()
    report(outcome, f"{candidate}: {kind}")


@secession_app.command("decide")
@refusals_exit
def secession_decide(
    member: Annotated[str, typer.Argument(help="The seceding member's id.")],
    decided_on: Annotated[str | None, typer.Option(help="Date of its congress decision.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who decides (default: the member's own congress).")
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Record a member's own congress decision to secede; it takes effect after notice (P3)."""
    when = moment(at)
    federation = open_union(db)
    outcome = federation.execute(
        make(
            DecideSecession,
            command_id=new_command_id(),
            actor=actor or actors.congress(member),
            at=when,
            member=member,
            decided_on=day_of(decided_on) if decided_on else when.date(),
        )
    )
    leaves = federation.state().members[member].leaves_on
    report(outcome, f"{member} secedes; it leaves on {leaves}")


@secession_app.command("withdraw")
@refusals_exit
def secession_withdraw(
    member: Annotated[str, typer.Argument()],
    at: At = None,
    db: Db = None,
) -> None:
    """The member's own congress withdraws its secession before it takes effect."""
    outcome = open_union(db).execute(
        make(
            WithdrawSecession,
            command_id=new_command_id(),
            actor=actors.congress(member),
            at=moment(at),
            member=member,
        )
    )
    report(outcome, f"{member} withdraws its secession")


@secession_app.command("obstruct")
@refusals_exit
def secession_obstruct(
    member: Annotated[str, typer.Argument()],
    by: Annotated[str, typer.Option(help="The union organ attempting it.")] = "union-council",
    action: Annotated[str, typer.Option(help="block, condition or delay.")] = "block",
    at: At = None,
    db: Db = None,
) -> None:
    """A union organ's attempt to block, condition or delay a secession: always refused (P3)."""
    open_union(db).execute(
        make(
            ObstructSecession,
            command_id=new_command_id(),
            actor=actors.organ(by),
            at=moment(at),
            member=member,
            action=action,
        )
    )


@app.command()
@refusals_exit
def settle(at: At = None, db: Db = None) -> None:
    """Record what has fallen due by a date: secessions taking effect (P3)."""
    outcome = open_union(db).execute(
        make(Settle, command_id=new_command_id(), actor=actors.SECRETARIAT, at=moment(at))
    )
    report(outcome, f"{len(outcome.entries)} event(s) fallen due")


@ledger_app.command("verify")
@refusals_exit
def ledger_verify(db: Db = None) -> None:
    """Walk the hash chain; exit 1 naming the first broken entry."""
    federation = open_union(db)
    with progress_bar("verifying the chain", federation.ledger_length()) as advance:
        report = federation.verify_ledger(advance)
    if report.ok:
        console.print(report.describe(), markup=False, highlight=False, soft_wrap=True)
        return
    raise broken(report.describe())


@ledger_app.command("show")
@refusals_exit
def ledger_show(
    after: Annotated[int, typer.Option(help="Show entries after this sequence number.")] = 0,
    db: Db = None,
) -> None:
    """List ledger entries: sequence, time, actor, event, hash."""
    table = Table(title="Ledger", title_justify="left")
    for column in ("#", "recorded", "actor", "event", "hash"):
        table.add_column(column)
    for entry in open_union(db).entries(after=after):
        table.add_row(
            str(entry.sequence), entry.recorded_at, entry.actor, entry.event_type, entry.hash[:16]
        )
    console.print(table)


@member_app.command("export")
@refusals_exit
def member_export(
    member: Annotated[str, typer.Argument(help="The member's id.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (JSON).")],
    db: Db = None,
) -> None:
    """Write every ledger entry that concerns a member, with the links that verify it (P3)."""
    full = open_union(db).export_member(member, out)
    console.print(
        f"wrote {out}: {full} entries in full; verify with `isonomia verify-export {out}`"
    )


@app.command("verify-export")
@refusals_exit
def verify_export(file: Annotated[Path, typer.Argument(help="A member's export file.")]) -> None:
    """Check a member's export offline, with no database; exit 1 naming a tampered entry."""
    report, meta = verify_export_file(file)
    if not report.ok:
        raise broken(report.describe())
    console.print(
        f"{meta.get('member', '?')} of {meta.get('union_name', '?')}: {report.describe()}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@projections_app.command("rebuild")
@refusals_exit
def projections_rebuild(db: Db = None) -> None:
    """Rebuild the read tables from the ledger, and say whether they were equal."""
    replayed, equal = open_union(db).rebuild_projections()
    same = "identical to" if equal else "DIFFERENT from"
    console.print(f"replayed {replayed} entries; rebuilt tables are {same} the live ones")


@app.command()
@refusals_exit
def demo(
    db: Annotated[Path, typer.Option("--db", help="SQLite file to create afresh.")] = Path(
        "isonomia-demo.db"
    ),
    exports: Annotated[
        Path | None, typer.Option(help="Folder for the member export (default: a temporary one).")
    ] = None,
) -> None:
    """Play the 1922 worked example on a fresh SQLite file, printing each step."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    federation = Federation(f"sqlite:///{db}")
    folder = exports or Path(tempfile.mkdtemp(prefix="isonomia-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    for number, step in enumerate(play(federation, folder), start=1):
        console.rule(f"[bold]{number}. {step.title}", align="left")
        for line in step.lines:
            console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
        if step.refused:
            console.print(f"  [red]{step.refused}[/]", highlight=False, soft_wrap=True)
        if step.table == "members" and step.on:
            console.print(members_table(federation.members(step.on), step.on))
        if step.table == "presidency" and step.on:
            console.print(presidency_table(presidency_rows(federation, step.on, 7), step.on))
    console.print(f"\ndatabase: {db}; export folder: {folder}")
    federation.close()


def run() -> None:
    app()


__all__ = ["REFUSED", "app", "run"]
