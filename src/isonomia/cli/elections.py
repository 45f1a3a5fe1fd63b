"""CLI of elections (issue 24): calling an election to an elected office, nominating and
consenting, ballots open or secret (`cli/election_ballots.py`), the count, and what the
record holds of an election."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import Db, actors, open_federation, table
from isonomia.cli.election_ballots import BALLOT_COMMANDS, add_ballot_commands
from isonomia.cli.formats import Csv, Json, field_names, print_csv, print_json
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import fail, plain, refusals_exit
from isonomia.cli.writes import COUNCIL, SECRETARIAT, Call, Who, Write, commands_of

if TYPE_CHECKING:
    from isonomia.service import queries

election_app = typer.Typer(
    help="Elections of persons to the charter's elected offices (P4, P15).",
    no_args_is_help=True,
)


def _counted(call: Call, outcome: object) -> None:
    """The elected, and any winner skipped with the reason."""
    for event in getattr(outcome, "events", []):
        if event.type_name() != "ElectionCounted":
            continue
        plain.print(
            "  " + _("elected: {elected}", elected=", ".join(event.elected) or "-"),
            markup=False,
            highlight=False,
        )
        for skip in event.skipped:
            plain.print(f"  {skip['reason']}", markup=False, highlight=False)


#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "CallElection",
        "election call",
        N_("election {election} to {office} called"),
        SECRETARIAT,
        help="Call an election to an office the charter fills by election; its ballot period "
        "opens no sooner than the charter's notice (P4).",
        arguments=("election", "office"),
        comma=("electorate",),
    ),
    Write(
        "NominateCandidate",
        "election nominate",
        N_("{member} nominates {person} in {election}"),
        COUNCIL,
        help="A member's own council nominates a person, before nominations close.",
        arguments=("election", "person"),
    ),
    Write(
        "ConsentToCandidacy",
        "election consent",
        N_("{person} consents to stand in {election}"),
        Who(
            "Who consents (default: the candidate, person:PERSON).",
            lambda c: actors.person(c["person"]),
        ),
        help="The candidate consents in their own name; only a candidate who consented is on "
        "the ballot.",
        arguments=("election", "person"),
    ),
    Write(
        "CountElection",
        "election count",
        N_("{election} counted"),
        SECRETARIAT,
        help="Count the recorded ballots by the charter's method once the ballot period is "
        "over; the elected take office, a winner who would break the office limits skipped "
        "with the reason (P15).",
        arguments=("election",),
        after=_counted,
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {**commands_of(WRITES), **BALLOT_COMMANDS}


def _print_commitments(
    row: queries.elections.ElectionRow, commitments: list[queries.elections.CommitmentRow]
) -> None:
    """A secret election's reveal window and who committed (never how) and revealed."""
    plain.print(
        _(
            "secret ballots: committed in the ballot period, revealed until {last}",
            last=row.reveals_close or "-",
        ),
        markup=False,
        highlight=False,
    )
    plain.print(
        table(
            _("Commitments"),
            [_("elector"), _("for"), _("committed on"), _("revealed on"), _("commitment")],
            [
                [
                    c.elector,
                    c.for_member or "",
                    c.committed_on,
                    c.revealed_on or "",
                    c.commitment[:16] + "…",
                ]
                for c in commitments
            ],
        )
    )


def _print_election(
    row: queries.elections.ElectionRow, candidates: list[queries.elections.CandidateRow]
) -> None:
    """The call, the candidates, and once counted the count's tables and the elected."""
    plain.print(
        _(
            "{election}: {office} by {organ}, {method}, {seats} seats; ballots {opens} to {closes}",
            election=row.election,
            office=row.office,
            organ=row.organ,
            method=row.method,
            seats=row.seats,
            opens=row.ballots_open,
            closes=row.ballots_close,
        ),
        markup=False,
        highlight=False,
    )
    plain.print(
        table(
            _("Candidates"),
            [_("person"), _("nominated by"), _("on"), _("consented on")],
            [[c.person, c.member, c.nominated_on, c.consented_on or ""] for c in candidates],
        )
    )
    if row.counted_on is None:
        plain.print(_("not counted yet"))
        return
    for name, rows in row.tables.items():
        if rows:
            plain.print(table(name, rows[0], rows[1:]))
    plain.print(
        _(
            "counted on {day}: {ballots} ballots, quota {quota}; elected: {elected}",
            day=row.counted_on,
            ballots=row.ballots,
            quota=row.quota or "-",
            elected=row.elected or "-",
        ),
        markup=False,
        highlight=False,
    )
    if row.abstentions:
        plain.print(
            _(
                "{count} secret ballots committed and never revealed: abstentions",
                count=row.abstentions,
            ),
            markup=False,
            highlight=False,
        )
    for skip in row.skipped:
        plain.print(f"{skip['principle']}: {skip['reason']}", markup=False, highlight=False)


@election_app.command("show")
@refusals_exit
def election_show(
    election: Annotated[str, typer.Argument(help="The election.")],
    ballots_file: Annotated[
        Path | None,
        typer.Option(
            "--ballots-file",
            help="Write the recorded ballots in the tallies' text format, to count them "
            "again with `isonomia tally`.",
        ),
    ] = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """An election's call, candidates, ballots and count, with the count's tables (`--csv`:
    its candidates)."""
    from dataclasses import asdict

    from isonomia.service import queries

    federation = open_federation(db)
    row = queries.elections.election(federation, election)
    if row is None:
        raise fail(_("there is no election {election}", election=election))
    candidates = queries.elections.candidates(federation, election)
    commitments = queries.elections.commitments(federation, election)
    if ballots_file is not None:
        ballots_file.write_text(
            queries.elections.ballot_file(federation, election), encoding="utf-8"
        )
    if as_json:
        print_json(
            {
                "election": asdict(row),
                "candidates": [asdict(c) for c in candidates],
                "ballots": [asdict(b) for b in queries.elections.ballots(federation, election)],
                "commitments": [asdict(c) for c in commitments],
            }
        )
        return
    if as_csv:
        print_csv(candidates, field_names(queries.elections.CandidateRow))
        return
    if row.ballot == "secret":
        _print_commitments(row, commitments)
    _print_election(row, candidates)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI (`isonomia election ...`)."""
    add_writes(app, {"election": election_app}, WRITES)
    add_ballot_commands(election_app)
    app.add_typer(election_app, name="election")
