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

from isonomia.service.record_tally import recount_election
from isonomia.voting.apportionment import DivisorMethod, apportion, is_degressively_proportional
from isonomia.voting.ballot_files import Election, read_ballots
from isonomia.voting.decision_rules import (
    Choice,
    ConcernedVeto,
    CountingRule,
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
from isonomia.voting.estimate import INDICES, Estimate, Index, describe
from isonomia.voting.games import DoubleMajorityGame, Game, WeightedGame
from isonomia.voting.power import (
    PowerIndices,
    Progress,
    brute_force_power,
    estimate,
    power_indices,
)
from isonomia.voting.quota import optimal_quota
from isonomia.voting.tallies.schulze import schulze
from isonomia.voting.tallies.simple import approval, plurality
from isonomia.voting.tallies.transfer import instant_runoff, stv

__all__ = [
    "INDICES",
    "TALLY_METHODS",
    "Choice",
    "ConcernedVeto",
    "CountingRule",
    "DoubleMajority",
    "Member",
    "NamedValues",
    "Outcome",
    "PowerPlan",
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
    "plan_power",
    "power_report",
    "read_named_values",
    "recount_election",
    "run_power",
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
    parts = [part.strip() for part in text.split(",")]
    if not any(parts):
        raise VotingError("no weights given (e.g. --weights 9,9,7,3,1,1)")
    values: list[int] = []
    for position, part in enumerate(parts, start=1):
        if not part:
            raise VotingError(f"weight {position} is empty in {text!r}")
        values.append(_whole(part, f"weight {position}"))
    return NamedValues(tuple(f"M{i + 1}" for i in range(len(values))), tuple(values), "weight")


def _whole(text: str, what: str) -> int:
    """A whole number written as an integer (or as a decimal with nothing after the point)."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise VotingError(f"{what} must be a whole number, got {text!r}") from exc
    if value.denominator != 1:
        raise VotingError(f"{what} must be a whole number, got {text!r}")
    return int(value)


def read_named_values(path: str | Path) -> NamedValues:
    """A CSV with a ``name`` column and a ``weight`` or ``population`` column.

    Names must be distinct and values whole numbers; an error names the file's line.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VotingError(f"cannot read {Path(path).name}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or [])
    column = next((c for c in ("weight", "population") if c in header), None)
    if "name" not in header or column is None:
        raise VotingError("the CSV needs columns name and weight (or name and population)")
    names: list[str] = []
    values: list[int] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        name = (row.get("name") or "").strip()
        if not name:
            raise VotingError(f"line {line}: empty name")
        if name in seen:
            raise VotingError(f"line {line}: name {name!r} is already used on line {seen[name]}")
        seen[name] = line
        names.append(name)
        values.append(_whole(row.get(column) or "", f"line {line}: {column}"))
    if not names:
        raise VotingError(f"{Path(path).name} has no rows")
    return NamedValues(tuple(names), tuple(values), column)


def _number(value: Fraction | float, exact: bool) -> str | float:
    return str(value) if exact and isinstance(value, Fraction) else float(value)


def _absolute_quota(quota: float | str, total: int) -> int:
    """An absolute quota, or a share of ``total`` when below 1 (the smallest weight above)."""
    try:
        value = Fraction(str(quota).strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise VotingError(f"the quota must be a number, got {quota!r}") from exc
    if value <= 0:
        raise VotingError("the quota must be positive")
    if value < 1:
        return int(value * total) + 1
    if value.denominator != 1:
        raise VotingError(
            f"quota must be a whole number of weight units, got {quota} "
            "(a share of the total weight is written below 1, e.g. 0.5)"
        )
    return int(value)


def _game(
    data: NamedValues,
    rule: str,
    quota: float | str | None,
    members_share: float,
    population_share: float,
    min_blocking: int,
) -> Game:
    total = sum(data.values)
    if rule == "weighted":
        if quota is None:
            raise VotingError("a weighted game needs --quota (or --optimal-quota)")
        absolute = _absolute_quota(quota, total)
        if total == 0:
            raise VotingError("every weight is 0: nobody can win")
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


@dataclass(frozen=True)
class PowerPlan:
    """A power computation decided but not yet run: the game, the index and its estimate."""

    data: NamedValues
    game: Game
    index: Index
    estimate: Estimate

    @property
    def summary(self) -> str:
        """E.g. "exact Shapley–Shubik for 500 players (size-by-weight table): about 2 minutes"."""
        return describe(self.estimate, self.game.n, self.index)


def plan_power(
    data: NamedValues,
    *,
    rule: str = "weighted",
    quota: float | str | None = None,
    members_share: float = 0.55,
    population_share: float = 0.65,
    min_blocking: int = 4,
    index: str = "both",
    use_optimal_quota: bool = False,
) -> PowerPlan:
    """Build the game and estimate the work, before anything is counted."""
    if index not in INDICES:
        raise VotingError(f"unknown index {index!r} (use {', '.join(INDICES)})")
    if use_optimal_quota:
        if rule != "weighted":
            raise VotingError("--optimal-quota applies to the weighted rule only")
        quota = optimal_quota(data.values)
    game = _game(data, rule, quota, members_share, population_share, min_blocking)
    return PowerPlan(data, game, index, estimate(game, index))


def run_power(
    plan: PowerPlan, *, exact: bool = False, progress: Progress | None = None
) -> dict[str, Any]:
    """Count a planned game: the report, with the index and the estimate it was run with."""
    result = power_indices(plan.game, exact=exact, index=plan.index, progress=progress)
    report = _report(plan.data, plan.game, result, exact)
    report["index"] = plan.index
    report["estimate"] = plan.estimate.as_dict()
    return report


def power_report(
    data: NamedValues,
    *,
    rule: str = "weighted",
    quota: float | str | None = None,
    members_share: float = 0.55,
    population_share: float = 0.65,
    min_blocking: int = 4,
    exact: bool = False,
    use_optimal_quota: bool = False,
    index: str = "both",
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Banzhaf and (unless ``index="banzhaf"``) Shapley–Shubik power, with the quota."""
    plan = plan_power(
        data,
        rule=rule,
        quota=quota,
        members_share=members_share,
        population_share=population_share,
        min_blocking=min_blocking,
        index=index,
        use_optimal_quota=use_optimal_quota,
    )
    return run_power(plan, exact=exact, progress=progress)


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
