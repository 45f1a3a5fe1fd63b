"""CLI commands of the voting engine: ``power``, ``tally`` and ``apportion`` (no database).

Names read from files (members, candidates) are printed as plain text, never as Rich
markup. Long power computations say their estimate first and draw a progress bar on
stderr; ``--json`` carries the estimate instead.
"""

from __future__ import annotations

import csv as csv_module
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from isonomia.cli.i18n import N_, _
from isonomia.cli.output import json_visible, refusals_exit, visible

#: say the estimate before starting when the exact computation would take longer than this
WARN_AFTER_SECONDS = 60.0
#: draw a progress bar when the computation is expected to take longer than this
PROGRESS_AFTER_SECONDS = 2.0


def _emit_json(report: dict[str, Any]) -> None:
    # exact counts of thousands of members run past Python's default 4300 digits a number
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        sys.stdout.write(json_visible(json.dumps(report, indent=2, ensure_ascii=False)) + "\n")
    finally:
        sys.set_int_max_str_digits(limit)


def _bar(value: float, width: int = 30) -> str:
    cells = value * width
    full = int(cells)
    partial = " ▏▎▍▌▋▊▉"[int((cells - full) * 8)] if full < width else ""
    return "█" * full + partial.strip()


@contextmanager
def _progress(label: str, shown: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich bar on stderr fed by ``(done, total)`` calls; nothing when not ``shown``."""
    if not shown:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def power(
    weights: str = typer.Option("", help="Comma-separated whole-number weights, e.g. 9,9,7,3,1,1."),
    csv: Path | None = typer.Option(None, help="CSV with columns name,weight or name,population."),
    quota: str | None = typer.Option(
        None, help="Quota: a whole number of weight units, or a share of the total below 1."
    ),
    rule: str = typer.Option("weighted", help="weighted or double-majority."),
    members_share: float = typer.Option(0.55, help="Double majority: share of members."),
    population_share: float = typer.Option(0.65, help="Double majority: share of population."),
    min_blocking: int = typer.Option(4, help="Double majority: members needed to block."),
    index: str = typer.Option("both", help="banzhaf, shapley-shubik or both."),
    exact: bool = typer.Option(False, "--exact", help="Indices as exact fractions."),
    optimal: bool = typer.Option(
        False, "--optimal-quota", help="Use the quota where Banzhaf power best fits the weights."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Voting power of each member (Banzhaf and Shapley–Shubik), computed exactly."""
    _power(
        weights,
        csv,
        quota,
        rule,
        members_share,
        population_share,
        min_blocking,
        index,
        exact,
        optimal,
        as_json,
    )


@refusals_exit
def _power(
    weights: str,
    csv: Path | None,
    quota: str | None,
    rule: str,
    members_share: float,
    population_share: float,
    min_blocking: int,
    index: str,
    exact: bool,
    optimal: bool,
    as_json: bool,
) -> None:
    from isonomia.service.voting import (
        INDICES,
        VotingError,
        parse_weights,
        plan_power,
        read_named_values,
        run_power,
    )

    if index not in INDICES:
        raise VotingError(
            _("unknown index '{index}' (use {indices})", index=index, indices=", ".join(INDICES))
        )
    if not weights and csv is None:
        raise VotingError(_("give either --weights or --csv"))
    if weights and csv is not None:
        raise VotingError(_("give either --weights or --csv, not both"))
    data = parse_weights(weights) if weights else read_named_values(csv or "")
    plan = plan_power(
        data,
        rule=rule,
        quota=quota,
        members_share=members_share,
        population_share=population_share,
        min_blocking=min_blocking,
        index=index,
        use_optimal_quota=optimal,
    )
    seconds = plan.estimate.seconds
    if seconds > WARN_AFTER_SECONDS:
        hint = "; " + _("use --index banzhaf") if index != "banzhaf" else ""
        Console(stderr=True).print(Text(f"{plan.summary}{hint}"), soft_wrap=True)
    with _progress(_("counting coalitions"), seconds > PROGRESS_AFTER_SECONDS) as advance:
        report = run_power(plan, exact=exact, progress=advance)
    if as_json:
        _emit_json(report)
        return
    _print_power(report, data.column, rule, optimal)


def _share(value: str | float) -> float:
    if isinstance(value, str):
        num, _sep, den = value.partition("/")
        return int(num) / int(den or "1")
    return float(value)


def _print_power(report: dict[str, Any], column: str, rule: str, optimal: bool) -> None:
    with_shapley = report["index"] != "banzhaf"
    table = Table(title=_("Voting power ({rule})", rule=rule))
    headers = [N_("member"), column, N_("Banzhaf"), N_("absolute")]
    headers += ["Shapley–Shubik"] if with_shapley else []
    for header in [*headers, ""]:
        left = header in ("member", "")
        table.add_column(_(header) if header else "", justify="left" if left else "right")
    for p in report["players"]:
        numbers = [str(p["weight"]), str(p["banzhaf"]), str(p["banzhaf_absolute"])]
        numbers += [str(p["shapley_shubik"])] if with_shapley else []
        table.add_row(Text(visible(p["name"])), *numbers, _bar(_share(p["banzhaf"])))
    console = Console()
    console.print(table)
    if "quota" in report:
        chosen = (
            " " + _("(optimal: Banzhaf power closest to the weights' shares)") if optimal else ""
        )
        console.print(Text(_("quota: {quota}", quota=report["quota"]) + chosen))
    none = _("none")
    console.print(
        Text(
            visible(
                _(
                    "dictator: {dictator}; veto players: {vetoes}; dummies: {dummies}",
                    dictator=report["dictator"] or none,
                    vetoes=", ".join(report["veto_players"]) or none,
                    dummies=", ".join(report["dummies"]) or none,
                )
            )
        )
    )


def tally(
    method: str | None = typer.Option(
        None, help="One of plurality, approval, schulze, irv, stv (with --ballots)."
    ),
    ballots: Path | None = typer.Option(
        None, help="Ballot file: .txt, .blt or PrefLib (.soc .soi ...)."
    ),
    seats: int | None = typer.Option(None, help="Seats to fill (STV)."),
    meek: bool = typer.Option(False, "--meek", help="STV with Meek transfers."),
    from_export: Path | None = typer.Option(
        None,
        "--from-export",
        help="A copy of the record: a member's export (`member export`) or the log's feed "
        "(`ledger feed`); with --election, its ballots are counted as the record's count "
        "was, and compared with it.",
    ),
    election: str | None = typer.Option(None, help="The election to count (--from-export)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Count a ballot file by plurality, approval, Schulze, IRV or STV; or an election's
    recorded ballots from a copy of the record, compared with the recorded count."""
    if from_export is not None or election is not None:
        _recount(from_export, election, as_json)
        return
    _tally(method, ballots, seats, meek, as_json)


@refusals_exit
def _recount(path: Path | None, election: str | None, as_json: bool) -> None:
    from isonomia.service import BadRequest
    from isonomia.service.voting import recount_election

    if path is None or election is None:
        raise BadRequest(_("give --from-export FILE and --election ID together"))
    report = recount_election(path, election)
    if as_json:
        _emit_json(report)
    else:
        console = Console()
        console.print(
            Text(
                visible(
                    _(
                        "{election}: {method}, {seats} seats; {ballots} ballots counted from "
                        "the record, {abstentions} abstentions",
                        election=election,
                        method=report["method"],
                        seats=report["seats"],
                        ballots=report["ballots"],
                        abstentions=report["abstentions"],
                    )
                )
            )
        )
        for name, rows in report["tables"].items():
            if rows:
                table = Table(title=name)
                for header in rows[0]:
                    table.add_column(header)
                for row in rows[1:]:
                    table.add_row(*row)
                console.print(table)
        for person in report["skipped_as_recorded"]:
            console.print(Text(visible(_("skipped as the record says: {person}", person=person))))
        elected = ", ".join(report["elected"]) or "-"
        console.print(Text(visible(_("recounted: elected {elected}", elected=elected))))
        recorded = report["recorded"]
        if recorded is None:
            console.print(_("the record holds no count of this election yet"))
        elif report["matches"]:
            console.print(_("the same as the recorded count, in every table"))
        else:
            console.print(
                Text(
                    visible(
                        _(
                            "differs from the recorded count: elected {elected}",
                            elected=", ".join(recorded["elected"]) or "-",
                        )
                    )
                )
            )
    if report["matches"] is False:
        raise typer.Exit(1)


def _matrix(names: list[str], rows: list[list[int]]) -> Table:
    """A candidates-by-candidates matrix; columns are numbered as the rows."""
    table = Table()
    table.add_column(_("candidate"))
    for number in range(1, len(names) + 1):
        table.add_column(str(number), justify="right")
    for number, (name, row) in enumerate(zip(names, rows, strict=True), start=1):
        cells = ["–" if a == b else str(v) for a, v in enumerate(row) for b in [number - 1]]
        table.add_row(Text(visible(f"{number} {name}")), *cells)
    return table


@refusals_exit
def _tally(
    method: str | None, ballots: Path | None, seats: int | None, meek: bool, as_json: bool
) -> None:
    from isonomia.service import BadRequest
    from isonomia.service.voting import tally_report

    if method is None or ballots is None:
        raise BadRequest(_("give --method and --ballots, or --from-export and --election"))

    report = tally_report(ballots, method, seats, meek)
    if as_json:
        _emit_json(report)
        return
    console = Console()
    if "elected" in report:
        elected = ", ".join(report["elected"])
        quota = f"{report['quota']:.2f}"
        console.print(
            Text(visible(_("quota {quota}; elected: {elected}", quota=quota, elected=elected)))
        )
        return
    console.print(Text(visible(_("winner: {winner}", winner=report["winner"]))))
    table = Table(title=_("{method} ranking", method=method))
    table.add_column("#", justify="right")
    table.add_column(_("candidate"))
    for place, name in enumerate(report["ranking"], start=1):
        table.add_row(str(place), Text(visible(name)))
    console.print(table)
    if method == "schulze":
        names = report["candidates"]
        console.print(_("pairwise: voters preferring row to column"), soft_wrap=True)
        console.print(_matrix(names, report["pairwise"]))
        console.print(_("strongest paths: strength of the strongest path from row to column"))
        console.print(_matrix(names, report["strongest_paths"]))


def apportion(
    csv: Path = typer.Option(..., help="CSV with columns name,population."),
    seats: int = typer.Option(..., help="Seats to apportion."),
    base: int = typer.Option(0, help="Base seats for every member."),
    minimum: int = typer.Option(0, "--min", help="Minimum seats per member."),
    maximum: int | None = typer.Option(None, "--max", help="Maximum seats per member."),
    method: str = typer.Option("dhondt", help="adams, dhondt or webster."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    as_csv: bool = typer.Option(False, "--csv-output", help="Print CSV: name,<column>,seats."),
) -> None:
    """Degressive proportional apportionment of seats."""
    _apportion(csv, seats, base, minimum, maximum, method, as_json, as_csv)


@refusals_exit
def _apportion(
    csv: Path,
    seats: int,
    base: int,
    minimum: int,
    maximum: int | None,
    method: str,
    as_json: bool,
    as_csv: bool,
) -> None:
    from isonomia.service.voting import VotingError, apportion_report, read_named_values

    if as_json and as_csv:
        raise VotingError(_("give --json or --csv-output, not both"))
    data = read_named_values(csv)
    report = apportion_report(
        data, seats, base=base, minimum=minimum, maximum=maximum, method=method
    )
    if as_json:
        _emit_json(report)
        return
    if as_csv:
        writer = csv_module.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["name", data.column, "seats"])
        for m in report["members"]:
            writer.writerow([m["name"], m[data.column], m["seats"]])
        return
    table = Table(title=_("Seats ({method})", method=report["method"]))
    table.add_column(_("member"))
    table.add_column(data.column, justify="right")
    table.add_column(_("seats"), justify="right")
    for m in report["members"]:
        table.add_row(Text(visible(m["name"])), str(m[data.column]), str(m["seats"]))
    console = Console()
    console.print(table)
    console.print(
        _(
            "degressively proportional: {degressively_proportional}",
            degressively_proportional=report["degressively_proportional"],
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``power``, ``tally`` and ``apportion`` to the main app."""
    app.command("power")(power)
    app.command("tally")(tally)
    app.command("apportion")(apportion)
