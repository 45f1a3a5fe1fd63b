"""Voting services for the interfaces: power, tallies and apportionment, as plain data.

The CLI and other interfaces import this module, never ``isonomia.voting`` directly.
Every function returns JSON-ready dictionaries; bad input raises ``VotingError``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from isonomia.voting.apportionment import DivisorMethod, apportion, is_degressively_proportional
from isonomia.voting.ballot_files import Election, read_ballots
from isonomia.voting.decision_rules import (
    Choice,
    ConcernedVeto,
    DecisionRule,
    DoubleMajority,
    Member,
    Outcome,
    QualifiedMajority,
    Quorum,
    Result,
    SimpleMajority,
    Split,
    SuspensiveObjection,
    Unanimity,
)
from isonomia.voting.errors import VotingError
from isonomia.voting.games import DoubleMajorityGame, Game, WeightedGame
from isonomia.voting.power import PowerIndices, brute_force_power, power_indices
from isonomia.voting.quota import optimal_quota
from isonomia.voting.tallies.schulze import schulze
from isonomia.voting.tallies.simple import approval, plurality
from isonomia.voting.tallies.transfer import instant_runoff, stv

__all__ = [
    "TALLY_METHODS",
    "Choice",
    "ConcernedVeto",
    "DecisionRule",
    "DoubleMajority",
    "Member",
    "NamedValues",
    "Outcome",
    "QualifiedMajority",
    "Quorum",
    "Result",
    "SimpleMajority",
    "Split",
    "SuspensiveObjection",
    "Unanimity",
    "VotingError",
    "apportion_report",
    "brute_force_power_report",
    "parse_weights",
    "power_report",
    "read_named_values",
    "tally_report",
]

TALLY_METHODS = ("plurality", "approval", "schulze", "irv", "stv")


@dataclass(frozen=True)
class NamedValues:
    """Member names with one whole number each, and which column they came from."""

    names: tuple[str, ...]
    values: tuple[int, ...]
    column: str


def parse_weights(text: str) -> NamedValues:
    """``"9,9,7,3,1,1"`` as weights of members named M1, M2, ..."""
    try:
        values = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise VotingError(f"weights must be whole numbers separated by commas: {text!r}") from exc
    return NamedValues(tuple(f"M{i + 1}" for i in range(len(values))), values, "weight")


def read_named_values(path: str | Path) -> NamedValues:
    """A CSV with a ``name`` column and a ``weight`` or ``population`` column."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VotingError(f"cannot read {Path(path).name}: {exc}") from exc
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise VotingError(f"{Path(path).name} has no rows")
    header = set(rows[0])
    column = next((c for c in ("weight", "population") if c in header), None)
    if "name" not in header or column is None:
        raise VotingError("the CSV needs columns name and weight (or name and population)")
    try:
        values = tuple(int(float(row[column])) for row in rows)
    except (TypeError, ValueError) as exc:
        raise VotingError(f"bad number in column {column}: {exc}") from exc
    return NamedValues(tuple(row["name"] for row in rows), values, column)


def _number(value: Fraction | float, exact: bool) -> str | float:
    return str(value) if exact and isinstance(value, Fraction) else float(value)


def _game(
    data: NamedValues,
    rule: str,
    quota: float | None,
    members_share: float,
    population_share: float,
    min_blocking: int,
) -> Game:
    total = sum(data.values)
    if rule == "weighted":
        if quota is None:
            raise VotingError("a weighted game needs --quota (or --optimal-quota)")
        if quota <= 0:
            raise VotingError("the quota must be positive")
        # below 1 the quota is a share: the smallest weight strictly above it
        absolute = int(Fraction(str(quota)) * total) + 1 if quota < 1 else int(quota)
        if absolute > total:
            raise VotingError(f"the quota {absolute} is above the total weight {total}")
        return WeightedGame(data.values, absolute)
    if rule == "double-majority":
        return DoubleMajorityGame.from_shares(
            data.values, members_share, population_share, min_blocking
        )
    raise VotingError(f"unknown rule {rule!r} (use weighted or double-majority)")


def _report(data: NamedValues, game: Game, result: PowerIndices, exact: bool) -> dict[str, Any]:
    players = []
    for i, name in enumerate(data.names):
        ss = result.shapley_shubik[i] if result.shapley_shubik is not None else None
        players.append(
            {
                "name": name,
                "weight": data.values[i],
                "banzhaf": _number(result.banzhaf[i], exact),
                "banzhaf_absolute": _number(result.banzhaf_absolute[i], exact),
                "shapley_shubik": None if ss is None else _number(ss, exact),
                "swings": result.swings[i],
            }
        )
    report: dict[str, Any] = {
        "players": players,
        "dictator": None if result.dictator is None else data.names[result.dictator],
        "veto_players": [data.names[i] for i in result.veto_players],
        "dummies": [data.names[i] for i in result.dummies],
    }
    if isinstance(game, WeightedGame):
        report["quota"] = game.quota
    else:
        report["members_quota"] = game.members_quota
        report["population_quota"] = game.population_quota
        report["min_blocking"] = game.min_blocking
    return report


def power_report(
    data: NamedValues,
    *,
    rule: str = "weighted",
    quota: float | None = None,
    members_share: float = 0.55,
    population_share: float = 0.65,
    min_blocking: int = 4,
    exact: bool = False,
    use_optimal_quota: bool = False,
) -> dict[str, Any]:
    """Banzhaf and Shapley–Shubik power of every member, with the game's quota."""
    if use_optimal_quota:
        if rule != "weighted":
            raise VotingError("--optimal-quota applies to the weighted rule only")
        quota = optimal_quota(data.values)
    game = _game(data, rule, quota, members_share, population_share, min_blocking)
    return _report(data, game, power_indices(game, exact=exact), exact)


def brute_force_power_report(data: NamedValues, quota: int) -> dict[str, Any]:
    """The same report by plain enumeration (small games; for checking)."""
    game = WeightedGame(data.values, quota)
    return _report(data, game, brute_force_power(game), True)


def _names(election: Election, indices: tuple[int, ...] | list[int]) -> list[str]:
    return [election.ballots.candidates[i] for i in indices]


def tally_report(
    path: str | Path, method: str, seats: int | None = None, meek: bool = False
) -> dict[str, Any]:
    """Count a ballot file by one method; the report names candidates, not indices."""
    if method not in TALLY_METHODS:
        raise VotingError(f"unknown method {method!r} (use {', '.join(TALLY_METHODS)})")
    election = read_ballots(path)
    ballots = election.ballots
    report: dict[str, Any] = {
        "method": method,
        "candidates": list(ballots.candidates),
        "voters": ballots.total,
    }
    if method in ("plurality", "approval"):
        scored = plurality(ballots) if method == "plurality" else approval(ballots)
        report.update(
            winner=ballots.candidates[scored.winner],
            ranking=_names(election, scored.ranking),
            scores=dict(zip(ballots.candidates, scored.scores, strict=True)),
        )
    elif method == "schulze":
        result = schulze(ballots)
        report.update(
            winner=ballots.candidates[result.winner],
            ranking=_names(election, result.ranking),
            ties=[_names(election, list(t)) for t in result.ties],
            pairwise=result.pairwise.tolist(),
            strongest_paths=result.strongest_paths.tolist(),
        )
    else:
        if method == "irv":
            transfer = instant_runoff(ballots)
        else:
            chosen = seats if seats is not None else election.seats
            if chosen is None:
                raise VotingError("STV needs --seats (the file does not say)")
            transfer = stv(ballots, chosen, meek=meek)
        report.update(
            winner=ballots.candidates[transfer.winner],
            quota=transfer.quota,
            elected=_names(election, transfer.elected),
            rounds=[
                {
                    "tallies": dict(zip(ballots.candidates, r.tallies, strict=True)),
                    "elected": _names(election, r.elected),
                    "excluded": _names(election, r.excluded),
                    "exhausted": r.exhausted,
                }
                for r in transfer.rounds
            ],
        )
    return report


def apportion_report(
    data: NamedValues,
    seats: int,
    *,
    base: int = 0,
    minimum: int = 0,
    maximum: int | None = None,
    method: str = "dhondt",
) -> dict[str, Any]:
    """Seats per member by degressive proportional apportionment."""
    try:
        rule = DivisorMethod(method)
    except ValueError as exc:
        raise VotingError(f"unknown method {method!r} (use adams, dhondt or webster)") from exc
    result = apportion(data.values, seats, base=base, minimum=minimum, maximum=maximum, method=rule)
    return {
        "method": rule.value,
        "seats": seats,
        "members": [
            {"name": n, data.column: v, "seats": s}
            for n, v, s in zip(data.names, data.values, result, strict=True)
        ],
        "degressively_proportional": is_degressively_proportional(data.values, result),
    }
