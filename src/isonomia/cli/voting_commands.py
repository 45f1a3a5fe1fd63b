"""CLI commands of the voting engine: ``power``, ``tally`` and ``apportion`` (no database)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from isonomia.cli.output import refusals_exit
from isonomia.service.voting import (
    TALLY_METHODS,
    VotingError,
    apportion_report,
    parse_weights,
    power_report,
    read_named_values,
    tally_report,
)


def _emit_json(report: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def _bar(value: float, width: int = 30) -> str:
    cells = value * width
    full = int(cells)
    partial = " ▏▎▍▌▋▊▉"[int((cells - full) * 8)] if full < width else ""
    return "█" * full + partial.strip()


def power(
    weights: str = typer.Option("", help="Comma-separated whole-number weights, e.g. 9,9,7,3,1,1."),
    csv: Path | None = typer.Option(None, help="CSV with columns name,weight or name,population."),
    quota: float | None = typer.Option(
        None, help="Quota: absolute, or a share of the total weight when below 1."
    ),
    rule: str = typer.Option("weighted", help="weighted or double-majority."),
    members_share: float = typer.Option(0.55, help="Double majority: share of members."),
    population_share: float = typer.Option(0.65, help="Double majority: share of population."),
    min_blocking: int = typer.Option(4, help="Double majority: members needed to block."),
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
        exact,
        optimal,
        as_json,
    )


@refusals_exit
def _power(
    weights: str,
    csv: Path | None,
    quota: float | None,
    rule: str,
    members_share: float,
    population_share: float,
    min_blocking: int,
    exact: bool,
    optimal: bool,
    as_json: bool,
) -> None:
    if bool(weights) == (csv is not None):
        raise VotingError("give either --weights or --csv")
    data = parse_weights(weights) if weights else read_named_values(csv or "")
    report = power_report(
        data,
        rule=rule,
        quota=quota,
        members_share=members_share,
        population_share=population_share,
        min_blocking=min_blocking,
        exact=exact,
        use_optimal_quota=optimal,
    )
    if as_json:
        _emit_json(report)
        return
    table = Table(title=f"Voting power ({rule})")
    for column in ("member", data.column, "Banzhaf", "absolute", "Shapley–Shubik", ""):
        table.add_column(column, justify="left" if column in ("member", "") else "right")
    for p in report["players"]:
        share = (
            float(p["banzhaf"])
            if not isinstance(p["banzhaf"], str)
            else float(_fraction(p["banzhaf"]))
        )
        table.add_row(
            p["name"],
            str(p["weight"]),
            str(p["banzhaf"]),
            str(p["banzhaf_absolute"]),
            str(p["shapley_shubik"]),
            _bar(share),
        )
    console = Console()
    console.print(table)
    if "quota" in report:
        chosen = " (optimal: Banzhaf power closest to the weights' shares)" if optimal else ""
        console.print(f"quota: {report['quota']}{chosen}")
    console.print(
        f"dictator: {report['dictator'] or 'none'}; veto players: "
        f"{', '.join(report['veto_players']) or 'none'}; dummies: "
        f"{', '.join(report['dummies']) or 'none'}"
    )


def _fraction(text: str) -> float:
    num, _, den = text.partition("/")
    return int(num) / int(den or "1")


def tally(
    method: str = typer.Option(..., help=f"One of {', '.join(TALLY_METHODS)}."),
    ballots: Path = typer.Option(..., help="Ballot file: .txt, .blt or PrefLib (.soc .soi ...)."),
    seats: int | None = typer.Option(None, help="Seats to fill (STV)."),
    meek: bool = typer.Option(False, "--meek", help="STV with Meek transfers."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Count a ballot file by plurality, approval, Schulze, IRV or STV."""
    _tally(method, ballots, seats, meek, as_json)


@refusals_exit
def _tally(method: str, ballots: Path, seats: int | None, meek: bool, as_json: bool) -> None:
    report = tally_report(ballots, method, seats, meek)
    if as_json:
        _emit_json(report)
        return
    console = Console()
    if "elected" in report:
        console.print(f"quota {report['quota']:.2f}; elected: {', '.join(report['elected'])}")
    else:
        console.print(f"winner: {report['winner']}")
        table = Table(title=f"{method} ranking")
        table.add_column("#", justify="right")
        table.add_column("candidate")
        for place, name in enumerate(report["ranking"], start=1):
            table.add_row(str(place), name)
        console.print(table)


def apportion(
    csv: Path = typer.Option(..., help="CSV with columns name,population."),
    seats: int = typer.Option(..., help="Seats to apportion."),
    base: int = typer.Option(0, help="Base seats for every member."),
    minimum: int = typer.Option(0, "--min", help="Minimum seats per member."),
    maximum: int | None = typer.Option(None, "--max", help="Maximum seats per member."),
    method: str = typer.Option("dhondt", help="adams, dhondt or webster."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Degressive proportional apportionment of seats."""
    _apportion(csv, seats, base, minimum, maximum, method, as_json)


@refusals_exit
def _apportion(
    csv: Path, seats: int, base: int, minimum: int, maximum: int | None, method: str, as_json: bool
) -> None:
    data = read_named_values(csv)
    report = apportion_report(
        data, seats, base=base, minimum=minimum, maximum=maximum, method=method
    )
    if as_json:
        _emit_json(report)
        return
    table = Table(title=f"Seats ({report['method']})")
    table.add_column("member")
    table.add_column(data.column, justify="right")
    table.add_column("seats", justify="right")
    for m in report["members"]:
        table.add_row(m["name"], str(m[data.column]), str(m["seats"]))
    console = Console()
    console.print(table)
    console.print(f"degressively proportional: {report['degressively_proportional']}")


def register(app: typer.Typer) -> None:
    """Add ``power``, ``tally`` and ``apportion`` to the main app."""
    app.command("power")(power)
    app.command("tally")(tally)
    app.command("apportion")(apportion)
