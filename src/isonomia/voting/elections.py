"""Counting an election's ballots by the engine's methods, with the count's full table
(issue 24): STV with the Droop quota and IRV (a row a round: each candidate's votes, the
exhausted, who was elected or excluded), Schulze (the pairwise counts, the strongest paths,
the ranking), approval and plurality (the scores).

Ballots are choices by name, most preferred first; the candidates' given order is the
engine's input order, which breaks its ties. Every cell of a table is text, as the record
keeps it: whole numbers plainly, fractions of a vote to six decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from isonomia.voting.ballots import Ballots
from isonomia.voting.tallies.schulze import schulze
from isonomia.voting.tallies.simple import approval, plurality
from isonomia.voting.tallies.transfer import Round, instant_runoff, stv

__all__ = ["METHODS", "Count", "count_ballots"]

#: The methods an election may be counted by.
METHODS = ("stv", "schulze", "irv", "approval", "plurality")

Table = list[list[str]]


@dataclass(frozen=True)
class Count:
    """One count by the engine: who it elects in order, its quota and its tables."""

    elected: tuple[str, ...]
    quota: str | None
    tables: dict[str, Table]


def _number(value: float) -> str:
    """A tally as text: whole numbers plainly, others to six decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}"


def _ballots(candidates: Sequence[str], ballots: Sequence[Sequence[str]]) -> Ballots:
    index = {c: i for i, c in enumerate(candidates)}
    length = max((len(b) for b in ballots), default=1) or 1
    orders = np.full((len(ballots), length), -1, dtype=np.int64)
    for row, choices in enumerate(ballots):
        for position, choice in enumerate(choices):
            orders[row, position] = index[choice]
    return Ballots.from_orders(candidates, orders)


def _rounds_table(candidates: Sequence[str], rounds: Sequence[Round]) -> Table:
    rows = [["round", *candidates, "exhausted", "elected", "excluded"]]
    for n, r in enumerate(rounds, start=1):
        rows.append(
            [
                str(n),
                *(_number(t) for t in r.tallies),
                _number(r.exhausted),
                ", ".join(candidates[c] for c in r.elected),
                ", ".join(candidates[c] for c in r.excluded),
            ]
        )
    return rows


def count_ballots(
    method: str, seats: int, candidates: Sequence[str], ballots: Sequence[Sequence[str]]
) -> Count:
    """Count `ballots` (choices, most preferred first) for `candidates` by `method`: the
    engine's tallies, on the candidates in their given order (its order for ties)."""
    seats = min(seats, len(candidates))
    if not ballots or not candidates:
        return Count((), None, {})
    engine_input = _ballots(candidates, ballots)
    if method in ("stv", "irv"):
        result = stv(engine_input, seats) if method == "stv" else instant_runoff(engine_input)
        elected = tuple(candidates[c] for c in result.elected)
        return Count(
            elected, _number(result.quota), {"rounds": _rounds_table(candidates, result.rounds)}
        )
    if method == "schulze":
        found = schulze(engine_input)
        header = ["", *candidates]
        pairwise = [header] + [
            [candidates[a], *(str(int(v)) for v in found.pairwise[a])]
            for a in range(len(candidates))
        ]
        paths = [header] + [
            [candidates[a], *(str(int(v)) for v in found.strongest_paths[a])]
            for a in range(len(candidates))
        ]
        ranking = [["rank", "candidate"]] + [
            [str(n), candidates[c]] for n, c in enumerate(found.ranking, start=1)
        ]
        elected = tuple(candidates[c] for c in found.ranking[:seats])
        return Count(
            elected,
            None,
            {"pairwise": pairwise, "strongest_paths": paths, "ranking": ranking},
        )
    scored = approval(engine_input) if method == "approval" else plurality(engine_input)
    scores = [["candidate", "score"]] + [
        [candidates[c], _number(scored.scores[c])] for c in scored.ranking
    ]
    return Count(tuple(candidates[c] for c in scored.ranking[:seats]), None, {"scores": scores})
