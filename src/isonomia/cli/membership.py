"""CLI of membership (P1–P3): founding, members, accession, secession, exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import (
    At,
    Db,
    On,
    actors,
    day_of,
    moment,
    names,
    open_federation,
    report,
)
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import (
    members_table,
    plain,
    refusals_exit,
)
from isonomia.cli.signing import sign_and_submit, signer_for
from isonomia.cli.writes import SECRETARIAT, Call, Extra, Who, Write, commands_of, union_council

if TYPE_CHECKING:
    from isonomia.service import Recorded

accession_app = typer.Typer(help="Joining the union (P2).", no_args_is_help=True)
secession_app = typer.Typer(help="Leaving the union (P3).", no_args_is_help=True)
member_app = typer.Typer(help="One member's records.", no_args_is_help=True)


def _congress(call: Call) -> str:
    return actors.congress(call["member"])


def _leaves(call: Call, _outcome: Recorded) -> str:
    from isonomia.service import queries

    leaves = queries.leaves_on(call.federation(), call["member"])
    return _("{member} secedes; it leaves on {leaves}", member=call["member"], leaves=leaves)


def _obstructor(call: Call) -> str:
    return actors.organ(call["by"] or union_council(call))


#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "ProposeAdmission",
        "accession admit",
        N_("motion {motion} to admit {candidate}"),
        SECRETARIAT,
        help="Move the admission of a candidate whose congress decided to join: drafts the "
        "admitting organ's motion; its delegates vote on it (`vote cast`), and its count "
        "admits (P2, P4).",
        arguments=("candidate",),
        helps={"motion": "An id for the admission motion (default: admission-ID)."},
        defaults={"motion": lambda c: f"admission-{c['candidate']}"},
    ),
    Write(
        "DecideSecession",
        "secession decide",
        _leaves,
        Who("Who decides (default: the member's own congress).", _congress),
        help="Record a member's own congress decision to secede; it takes effect after "
        "notice (P3).",
        arguments=("member",),
        helps={"decided_on": "Date of its congress decision (default: --at)."},
        defaults={"decided_on": Call.day},
    ),
    Write(
        "WithdrawSecession",
        "secession withdraw",
        N_("{member} withdraws its secession"),
        Who("Who acts (default: the member's own congress).", _congress),
        help="The member's own congress withdraws its secession before it takes effect.",
        arguments=("member",),
    ),
    Write(
        "ObstructSecession",
        "secession obstruct",
        N_("{member}: {action}"),
        Who("Who acts (default: the organ --by names, organ:ORGAN).", _obstructor),
        help="A union organ's attempt to block, condition or delay a secession: always "
        "refused (P3).",
        arguments=("member",),
        defaults={"action": "block"},
        extra={
            "by": Extra(str, "The union organ attempting it (default: the union council).", None)
        },
    ),
    Write(
        "Settle",
        "settle",
        lambda _c, outcome: _("{count} event(s) fallen due", count=len(outcome.entries)),
        SECRETARIAT,
        help="Record what has fallen due by a date: secessions taking effect (P3), adopted "
        "charter amendments on their day (P10).",
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test); `found`
#: and `accession decide` are written by hand: a founding member's decision is signed by its
#: own congress, and a candidate brings its terms and its congress's key.
COMMANDS: dict[str, str] = {
    **commands_of(WRITES),
    "FoundUnion": "found",
    "DecideAccession": "accession decide",
}


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
    from isonomia.service import (
        BadRequest,
        FoundUnion,
        actors,
        at_day,
        founding_decisions,
        make,
        new_command_id,
    )

    dated = []
    for item in decision:
        member, _sep, day = item.partition(":")
        if not day:
            raise BadRequest.of(
                N_("--decision {member}: give its congress's date, MEMBER:YYYY-MM-DD"),
                member=member,
            )
        dated.append((member, day_of(day)))
    founded_on = day_of(on)
    federation = open_federation(db)
    decisions = founding_decisions(federation, signer_for(federation), dated)
    outcome = sign_and_submit(
        federation,
        make(
            FoundUnion,
            command_id=new_command_id(),
            actor=actors.SECRETARIAT,
            at=at_day(founded_on),
            founded_on=founded_on,
            decisions=decisions,
        ),
    )
    report(outcome, _("union founded on {founded_on}", founded_on=founded_on))


@refusals_exit
def members(on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """List members and candidates, with population shares and status on a date."""
    from isonomia.service import MemberRow, queries

    day = day_of(on)
    rows = queries.members(open_federation(db), day)
    emit(rows, lambda: members_table(rows, day), as_json, as_csv, field_names(MemberRow))


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
    from isonomia.service import Candidate, DecideAccession, actors, make, new_command_id, own_key

    when = moment(at)
    federation = open_federation(db)
    principal = actor or actors.congress(candidate)
    outcome = sign_and_submit(
        federation,
        make(
            DecideAccession,
            command_id=new_command_id(),
            actor=principal,
            congress_key=own_key(signer_for(federation), principal),
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
        ),
    )
    report(outcome, _("{candidate}'s decision to join", candidate=candidate))


@member_app.command("export")
@refusals_exit
def member_export(
    member: Annotated[str, typer.Argument(help="The member's id.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (JSON).")],
    key: Annotated[
        Path | None,
        typer.Option("--key", help="The union's log key file (default: the union's keyring)."),
    ] = None,
    keyring: Annotated[
        Path | None, typer.Option("--keyring", help="A folder of keys holding log.key.")
    ] = None,
    db: Db = None,
) -> None:
    """Write every ledger entry that concerns a member, with the links that verify it and
    each full entry's proof in a checkpoint signed by the union's log key (P3)."""
    from isonomia.service import KeyFile, Keyring

    log = KeyFile(key) if key is not None else Keyring(keyring) if keyring is not None else None
    full = open_federation(db).export_member(member, out, log=log)
    plain.print(
        _(
            "wrote {out}: {full} entries in full; verify it against the keys you pinned: "
            "`isonomia verify-export {out} --log-key VKEY --witness-keys FILE`",
            out=out,
            full=full,
        ),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"accession": accession_app, "secession": secession_app}, WRITES)
    app.add_typer(accession_app, name="accession")
    app.add_typer(secession_app, name="secession")
    app.add_typer(member_app, name="member")
    app.command("found")(found)
    app.command("members")(members)
